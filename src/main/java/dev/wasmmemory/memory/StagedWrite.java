package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A write read from a stream into pages of its own, before the memory is locked; {@link #commit}
 * then swaps whole pages in and copies the partial ones at the edges. A stream that fails or ends
 * early leaves the memory untouched, and a slow client never holds the memory's lock.
 */
final class StagedWrite {
  /**
   * Bytes for page {@code index} from {@code offset}; a null {@code data} is a page of zeros. A
   * {@code charged} whole page holds one page of the budget until it is installed.
   */
  private record Segment(int index, int offset, byte[] data, int length, boolean charged) {
    boolean wholePage() {
      return length == PAGE_SIZE;
    }
  }

  private final PageBudget budget;
  private final IntPredicate stored;
  private final List<Segment> segments = new ArrayList<>();

  /** Whole pages acquired from the budget for segments not yet installed. */
  private long heldPages;

  private long length;

  private StagedWrite(PageBudget budget, IntPredicate stored) {
    this.budget = budget;
    this.stored = stored;
  }

  /**
   * Reads the bytes for {@code [address, …)}: exactly {@code expected} of them when it is not
   * negative, otherwise up to the end of the stream, refusing more than {@code room}. A whole page
   * of data is charged to the budget when the page it lands on holds no storage yet ({@code stored}
   * says which do); pages of zeros and pages that replace stored ones cost nothing, so the budget
   * counts what the write will leave stored.
   */
  static StagedWrite read(
      InputStream in,
      String memoryId,
      long address,
      long expected,
      long room,
      long sizeBytes,
      PageBudget budget,
      IntPredicate stored)
      throws IOException {
    StagedWrite staged = new StagedWrite(budget, stored);
    boolean complete = false;
    try {
      staged.readAll(in, memoryId, address, expected, room, sizeBytes);
      complete = true;
      return staged;
    } finally {
      if (!complete) {
        staged.discard();
      }
    }
  }

  private void readAll(
      InputStream in, String memoryId, long address, long expected, long room, long sizeBytes)
      throws IOException {
    long limit = expected >= 0 ? expected : room;
    while (length < limit) {
      long at = address + length;
      int offset = Pages.offset(at);
      int n = (int) Math.min(PAGE_SIZE - offset, limit - length);
      byte[] data = new byte[n];
      int got = in.readNBytes(data, 0, n);
      if (got < n && expected >= 0) {
        throw new EOFException(
            "body ended after " + (length + got) + " of " + expected + " announced bytes");
      }
      if (got > 0) {
        segments.add(segment(Pages.index(at), offset, data, got));
        length += got;
      }
      if (got < n) {
        return;
      }
    }
    if (expected < 0 && in.read() >= 0) {
      throw new OutOfBoundsException(memoryId, "offset", address, room + 1, sizeBytes);
    }
  }

  private Segment segment(int index, int offset, byte[] data, int got) {
    if (got < PAGE_SIZE) {
      return new Segment(index, offset, data, got, false);
    }
    if (PageTable.isZero(data, 0, got)) {
      return new Segment(index, offset, null, got, false);
    }
    boolean charged = !stored.test(index);
    if (charged) {
      budget.acquire(1);
      heldPages++;
    }
    return new Segment(index, offset, data, got, charged);
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
    for (Segment s : segments) {
      boolean absent = table.page(s.index()) == null;
      if (s.wholePage()
          ? s.data() != null && !s.charged() && absent
          : absent && !PageTable.isZero(s.data(), 0, s.length())) {
        needed++;
      }
    }
    table.reserve(needed);
    for (Segment s : segments) {
      if (s.wholePage()) {
        install(table, s);
      } else if (table.page(s.index()) != null || !PageTable.isZero(s.data(), 0, s.length())) {
        System.arraycopy(s.data(), 0, table.writable(s.index()), s.offset(), s.length());
      }
    }
  }

  private void install(PageTable table, Segment s) {
    if (s.data() == null) {
      table.drop(s.index());
    } else if (s.charged()) {
      table.install(s.index(), s.data());
      heldPages--;
    } else if (table.page(s.index()) != null) {
      table.replace(s.index(), s.data());
    } else {
      table.installReserved(s.index(), s.data());
    }
  }

  /** Gives back the pages of a write that will not be committed. */
  void discard() {
    budget.release(heldPages);
    heldPages = 0;
    segments.clear();
  }
}
