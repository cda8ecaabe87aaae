package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A write read from a stream before the memory is locked: whole pages are handed to the memory's
 * {@link PageStore} as they arrive (kept in the heap by the heap store, written aside by a
 * persistent one), the partial pages at the edges are kept here; {@link #commit} then swaps the
 * whole pages in and copies the partial ones. A stream that fails or ends early leaves the memory
 * untouched, and a slow client never holds the memory's lock.
 */
final class StagedWrite {
  /** Bytes for page {@code index} from {@code offset}, less than a page. */
  private record Partial(int index, int offset, byte[] data, int length) {}

  /** A whole page; a {@code charged} one holds one page of the budget until it is installed. */
  private record Whole(PageStore.StagedPage page, boolean charged) {}

  private final String memoryId;
  private final PageStore store;
  private final PageBudget budget;
  private final IntPredicate stored;
  private final List<Partial> partials = new ArrayList<>(2);
  private final List<Whole> wholes = new ArrayList<>();

  private long length;

  /**
   * @param stored which pages of the memory hold storage now: a whole page of data landing on one
   *     that does not is charged to the budget while it is read, so the budget counts what the
   *     write will leave stored
   */
  StagedWrite(String memoryId, PageStore store, PageBudget budget, IntPredicate stored) {
    this.memoryId = memoryId;
    this.store = store;
    this.budget = budget;
    this.stored = stored;
  }

  /**
   * Reads the bytes for {@code [address, …)} of a memory of {@code sizeBytes}: exactly {@code
   * expected} of them when it is not negative, otherwise up to the end of the stream, refusing more
   * than fit ({@link OutOfBoundsException}). On any failure the staged pages are discarded.
   */
  void readFrom(InputStream in, long address, long expected, long sizeBytes) throws IOException {
    boolean complete = false;
    try {
      readAll(in, address, expected, sizeBytes);
      complete = true;
    } finally {
      if (!complete) {
        discard();
      }
    }
  }

  private void readAll(InputStream in, long address, long expected, long sizeBytes)
      throws IOException {
    long room = sizeBytes - address;
    long limit = expected >= 0 ? expected : room;
    for (Chunks c = new Chunks(address, limit); c.next(); ) {
      byte[] data = new byte[c.length()];
      int got = in.readNBytes(data, 0, data.length);
      if (got < data.length && expected >= 0) {
        throw new EOFException(
            "body ended after " + (length + got) + " of " + expected + " announced bytes");
      }
      if (got == PAGE_SIZE) {
        stageWhole(c.page(), data);
      } else if (got > 0) {
        partials.add(new Partial(c.page(), c.offset(), data, got));
      }
      length += got;
      if (got < data.length) {
        return;
      }
    }
    if (expected < 0 && in.read() >= 0) {
      throw new OutOfBoundsException(memoryId, "offset", address, room + 1, sizeBytes);
    }
  }

  private void stageWhole(int index, byte[] data) {
    boolean zero = PageTable.isZero(data, 0, PAGE_SIZE);
    boolean charged = !zero && !stored.test(index);
    if (charged) {
      budget.acquire(1);
    }
    try {
      wholes.add(new Whole(store.stage(index, zero ? null : data), charged));
    } catch (RuntimeException e) {
      if (charged) {
        budget.release(1);
      }
      throw e;
    }
  }

  long length() {
    return length;
  }

  /**
   * Applies the write to {@code table}, whose lock the caller holds, or changes nothing: the pages
   * it still needs (partial pages, and uncharged whole pages whose stored page went away since) are
   * reserved before any byte moves.
   */
  void commit(PageTable table) {
    long needed = 0;
    for (Whole w : wholes) {
      if (!w.page().zero()
          && !w.charged()
          && (!table.stored(w.page().index()) || table.frozen(w.page().index()))) {
        needed++;
      }
    }
    for (Partial p : partials) {
      if (table.frozen(p.index())
          || !table.stored(p.index()) && !PageTable.isZero(p.data(), 0, p.length())) {
        needed++;
      }
    }
    table.reserve(needed);
    for (Whole w : wholes) {
      WholePageWrites.install(table, w.page(), w.charged());
    }
    wholes.clear();
    for (Partial p : partials) {
      if (table.stored(p.index()) || !PageTable.isZero(p.data(), 0, p.length())) {
        byte[] page = table.writable(p.index(), p.offset(), p.length());
        System.arraycopy(p.data(), 0, page, p.offset(), p.length());
      }
    }
    partials.clear();
  }

  /** Gives back the pages of a write that will not be committed (all of them, or what is left). */
  void discard() {
    for (Whole w : wholes) {
      store.discard(w.page());
      if (w.charged()) {
        budget.release(1);
      }
    }
    wholes.clear();
    partials.clear();
  }
}
