package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A write read from a stream into pages of its own, before the memory is locked; {@link #commit}
 * then swaps whole pages in and copies the partial ones at the edges. A stream that fails or ends
 * early leaves the memory untouched, and a slow client never holds the memory's lock.
 */
final class StagedWrite {
  /** Bytes for page {@code index} from {@code offset}; a null {@code data} is a page of zeros. */
  private record Segment(int index, int offset, byte[] data, int length) {
    boolean wholePage() {
      return length == PAGE_SIZE;
    }
  }

  private final PageBudget budget;
  private final List<Segment> segments = new ArrayList<>();

  /** Whole pages acquired from the budget for segments not yet installed. */
  private long heldPages;

  private long length;

  private StagedWrite(PageBudget budget) {
    this.budget = budget;
  }

  /**
   * Reads the bytes for {@code [address, …)}: exactly {@code expected} of them when it is not
   * negative, otherwise up to the end of the stream, refusing more than {@code room}.
   */
  static StagedWrite read(
      InputStream in, long address, long expected, long room, long sizeBytes, PageBudget budget)
      throws IOException {
    StagedWrite staged = new StagedWrite(budget);
    boolean complete = false;
    try {
      staged.readAll(in, address, expected, room, sizeBytes);
      complete = true;
      return staged;
    } finally {
      if (!complete) {
        staged.discard();
      }
    }
  }

  private void readAll(InputStream in, long address, long expected, long room, long sizeBytes)
      throws IOException {
    long limit = expected >= 0 ? expected : room;
    while (length < limit) {
      long at = address + length;
      int offset = Pages.offset(at);
      int n = (int) Math.min(PAGE_SIZE - offset, limit - length);
      boolean whole = n == PAGE_SIZE;
      if (whole) {
        budget.acquire(1);
        heldPages++;
      }
      byte[] data = new byte[n];
      int got = in.readNBytes(data, 0, n);
      if (got < n && expected >= 0) {
        throw new EOFException(
            "body ended after " + (length + got) + " of " + expected + " announced bytes");
      }
      boolean zero = PageTable.isZero(data, 0, got);
      if (whole && (zero || got < n)) {
        budget.release(1);
        heldPages--;
      }
      if (got > 0) {
        segments.add(
            new Segment(Pages.index(at), offset, zero && got == n && whole ? null : data, got));
        length += got;
      }
      if (got < n) {
        return;
      }
    }
    if (expected < 0 && in.read() >= 0) {
      throw new OutOfBoundsException(address, room + 1, sizeBytes);
    }
  }

  long length() {
    return length;
  }

  /** Applies the write to {@code table}, whose lock the caller holds, or changes nothing. */
  void commit(PageTable table) {
    long needed = 0;
    for (Segment s : segments) {
      if (!s.wholePage()
          && table.page(s.index()) == null
          && !PageTable.isZero(s.data(), 0, s.length())) {
        needed++;
      }
    }
    table.reserve(needed);
    for (Segment s : segments) {
      if (s.wholePage()) {
        table.install(s.index(), s.data());
        if (s.data() != null) {
          heldPages--;
        }
      } else if (table.page(s.index()) != null || !PageTable.isZero(s.data(), 0, s.length())) {
        System.arraycopy(s.data(), 0, table.writable(s.index()), s.offset(), s.length());
      }
    }
  }

  /** Gives back the pages of a write that will not be committed. */
  void discard() {
    budget.release(heldPages);
    heldPages = 0;
    segments.clear();
  }
}
