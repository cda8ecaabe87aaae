package dev.wasmmemory.service.search;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.OutOfBoundsException;
import dev.wasmmemory.memory.RegionView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Searches a memory through one {@link RegionView} (one instant, writers not blocked), a page at a
 * time. The last {@code pattern.length - 1} bytes of a page are carried into the next, so a match
 * may cross a page boundary. A page without storage reads as zeros: for a pattern with a byte that
 * is not zero, only the matches that begin in the bytes carried into it are looked for, so absent
 * pages cost next to nothing.
 */
public final class Search {
  /** Ends the view's iteration once the limit is reached. */
  private static final class Done extends RuntimeException {
    Done() {
      super(null, null, false, false);
    }
  }

  private final byte[] pattern;
  private final long align;
  private final int limit;
  private final long to;
  private final boolean zeros;
  private final byte[] buffer;
  private final List<Long> matches = new ArrayList<>();

  /** Bytes of {@link #buffer} held from earlier pages, from {@link #bufferStart}. */
  private int carried;

  private long bufferStart;

  /** No match may begin before this (the end of the last match, or the region's start). */
  private long nextAllowed;

  private Search(SearchQuery query, long to) {
    this.pattern = query.pattern();
    this.align = query.align();
    this.limit = query.limit();
    this.to = to;
    this.zeros = allZero(pattern);
    this.buffer = new byte[pattern.length - 1 + dev.wasmmemory.memory.Pages.PAGE_SIZE];
    this.bufferStart = query.from();
    this.nextAllowed = query.from();
  }

  /** Runs {@code query} on {@code memory}: out of bounds when {@code [from, to)} is not in it. */
  public static SearchResult run(LinearMemory memory, SearchQuery query) {
    long size = memory.sizeBytes();
    if (query.from() > size) {
      throw new OutOfBoundsException(memory.id(), "from", query.from(), 0, size);
    }
    if (query.to() >= 0 && (query.to() > size || query.to() < query.from())) {
      long length = query.to() - query.from();
      throw new OutOfBoundsException(memory.id(), "to", query.from(), length, size);
    }
    // A memory never shrinks: the region checked is still in bounds when the view opens.
    long length = query.to() < 0 ? LinearMemory.TO_END : query.to() - query.from();
    try (RegionView view = memory.view(query.from(), length)) {
      long to = query.from() + view.length();
      Search search = new Search(query, to);
      long[] address = {query.from()};
      try {
        view.forEachChunk(
            chunk -> {
              long at = address[0];
              address[0] += chunk.remaining();
              if (at >= to) {
                throw new Done();
              }
              int n = (int) Math.min(chunk.remaining(), to - at);
              search.accept(at, view.absent(at) ? null : chunk, n);
            });
      } catch (Done limitReached) {
        // The limit was reached, or the region's end: nothing more to read.
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new SearchResult(List.copyOf(search.matches), search.next(), view.version());
    }
  }

  /** {@code n} bytes at {@code at}: {@code chunk}'s, or zeros when it is null (no storage). */
  private void accept(long at, ByteBuffer chunk, int n) {
    int length = pattern.length;
    if (chunk == null && !zeros) {
      int m = Math.min(n, length - 1);
      java.util.Arrays.fill(buffer, carried, carried + m, (byte) 0);
      scan(carried + m, at);
      if (m < n) {
        // The last length - 1 bytes of the page are zeros.
        java.util.Arrays.fill(buffer, 0, length - 1, (byte) 0);
        carried = length - 1;
        bufferStart = at + n - carried;
        return;
      }
      keep(carried + m);
      return;
    }
    if (chunk == null) {
      java.util.Arrays.fill(buffer, carried, carried + n, (byte) 0);
    } else {
      chunk.get(buffer, carried, n);
    }
    scan(carried + n, Long.MAX_VALUE);
    keep(carried + n);
  }

  /**
   * Looks for matches in the first {@code total} bytes of the buffer that begin before {@code end}.
   */
  private void scan(int total, long end) {
    int length = pattern.length;
    long last = Math.min(Math.min(bufferStart + total, to) - length, end - 1);
    long p = Math.max(bufferStart, nextAllowed);
    p = (p + align - 1) / align * align;
    byte first = pattern[0];
    for (; p <= last; p += align) {
      int i = (int) (p - bufferStart);
      if (buffer[i] != first || !matchesAt(i)) {
        continue;
      }
      matches.add(p);
      nextAllowed = p + length;
      if (matches.size() == limit) {
        throw new Done();
      }
      p = (nextAllowed + align - 1) / align * align - align;
    }
  }

  private boolean matchesAt(int i) {
    for (int k = 1; k < pattern.length; k++) {
      if (buffer[i + k] != pattern[k]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Keeps the last {@code length - 1} bytes of the {@code total} in the buffer for the next page.
   */
  private void keep(int total) {
    int keep = Math.min(pattern.length - 1, total);
    System.arraycopy(buffer, total - keep, buffer, 0, keep);
    bufferStart += total - keep;
    carried = keep;
  }

  /** Where the next page of matches starts, or null when none can follow. */
  private Long next() {
    if (matches.size() < limit) {
      return null;
    }
    long next = matches.get(matches.size() - 1) + pattern.length;
    return to - next >= pattern.length ? next : null;
  }

  private static boolean allZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
