package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;

import java.util.Arrays;

/**
 * Bulk reads, writes, fills and copies over a {@link PageTable}, one page-sized chunk at a time.
 * Regions have been checked by the caller, which also holds the lock. Each mutation asks the table
 * for the pages it may allocate before it changes a byte.
 */
final class RegionAccess {
  private RegionAccess() {}

  static void read(PageTable table, long address, byte[] target, int targetOffset, int length) {
    for (Chunks c = new Chunks(address, length); c.next(); ) {
      byte[] page = table.page(c.page());
      int at = targetOffset + (int) c.done();
      if (page == null) {
        Arrays.fill(target, at, at + c.length(), (byte) 0);
      } else {
        System.arraycopy(page, c.offset(), target, at, c.length());
      }
    }
  }

  static void write(PageTable table, long address, byte[] source, int sourceOffset, int length) {
    table.reserve(absentPagesWithData(table, address, source, sourceOffset, length));
    for (Chunks c = new Chunks(address, length); c.next(); ) {
      int from = sourceOffset + (int) c.done();
      if (table.stored(c.page()) || !PageTable.isZero(source, from, c.length())) {
        byte[] page = table.writable(c.page(), c.offset(), c.length());
        System.arraycopy(source, from, page, c.offset(), c.length());
      }
    }
  }

  private static long absentPagesWithData(
      PageTable table, long address, byte[] source, int sourceOffset, int length) {
    long needed = 0;
    for (Chunks c = new Chunks(address, length); c.next(); ) {
      if (table.frozen(c.page())
          || !table.stored(c.page())
              && !PageTable.isZero(source, sourceOffset + (int) c.done(), c.length())) {
        needed++;
      }
    }
    return needed;
  }

  /** memset: whole pages of zeros are dropped, so zeroing gives storage back. */
  static void fill(PageTable table, long address, long length, byte value) {
    table.reserve(
        value == 0 ? frozenPartPages(table, address, length) : absentPages(table, address, length));
    for (Chunks c = new Chunks(address, length); c.next(); ) {
      if (value == 0 && c.wholePage()) {
        WholePageWrites.drop(table, c.page());
      } else if (value != 0 || table.stored(c.page())) {
        byte[] page = table.writable(c.page(), c.offset(), c.length());
        Arrays.fill(page, c.offset(), c.offset() + c.length(), value);
      }
    }
  }

  /**
   * Pages among those that {@code [address, address + length)} touches that writing needs to
   * allocate: absent ones, and those a snapshot holds (written, they are copied).
   */
  static long absentPages(PageTable table, long address, long length) {
    if (length == 0) {
      return 0;
    }
    long absent = 0;
    for (int i = Pages.index(address), last = Pages.lastIndex(address, length); i <= last; i++) {
      if (table.pages[i] == null || table.frozen.get(i)) {
        absent++;
      }
    }
    return absent;
  }

  /**
   * Pages a fill of zeros must copy first: those a snapshot holds that it covers in part (a whole
   * page is dropped, and the snapshot keeps it as it is).
   */
  private static long frozenPartPages(PageTable table, long address, long length) {
    long count = 0;
    for (Chunks c = new Chunks(address, length); c.next(); ) {
      if (!c.wholePage() && table.frozen(c.page())) {
        count++;
      }
    }
    return count;
  }

  /**
   * memmove from {@code source} (which may be {@code target} itself) into {@code target}. When the
   * regions overlap the chunks run from the end, so every byte is read before it is overwritten.
   */
  static void copy(
      PageTable source, long sourceAddress, PageTable target, long targetAddress, long length) {
    boolean overlapping = source == target && Bounds.overlap(sourceAddress, targetAddress, length);
    target.reserve(absentTargetsOfData(source, sourceAddress, target, targetAddress, length));
    if (overlapping && targetAddress > sourceAddress) {
      copyBackward(target, sourceAddress, targetAddress, length);
      return;
    }
    while (length > 0) {
      int n = chunk(sourceAddress, targetAddress, length);
      copyChunk(source, sourceAddress, target, targetAddress, n);
      sourceAddress += n;
      targetAddress += n;
      length -= n;
    }
  }

  private static void copyBackward(
      PageTable table, long sourceAddress, long targetAddress, long length) {
    long sourceEnd = sourceAddress + length;
    long targetEnd = targetAddress + length;
    while (length > 0) {
      int sourceRoom = Pages.offset(sourceEnd - 1) + 1;
      int targetRoom = Pages.offset(targetEnd - 1) + 1;
      int n = (int) Math.min(Math.min(sourceRoom, targetRoom), length);
      sourceEnd -= n;
      targetEnd -= n;
      copyChunk(table, sourceEnd, table, targetEnd, n);
      length -= n;
    }
  }

  /** The longest run from both addresses that stays within one page on each side. */
  private static int chunk(long sourceAddress, long targetAddress, long length) {
    int room = PAGE_SIZE - Math.max(Pages.offset(sourceAddress), Pages.offset(targetAddress));
    return (int) Math.min(room, length);
  }

  private static void copyChunk(
      PageTable source, long sourceAddress, PageTable target, long targetAddress, int n) {
    byte[] from = source.page(Pages.index(sourceAddress));
    int fromOffset = Pages.offset(sourceAddress);
    int index = Pages.index(targetAddress);
    int offset = Pages.offset(targetAddress);
    boolean targetAbsent = !target.stored(index);
    if (from == null || (targetAbsent && PageTable.isZero(from, fromOffset, n))) {
      if (n == PAGE_SIZE) {
        WholePageWrites.drop(target, index);
      } else if (!targetAbsent) {
        Arrays.fill(target.writable(index, offset, n), offset, offset + n, (byte) 0);
      }
    } else {
      System.arraycopy(from, fromOffset, target.writable(index, offset, n), offset, n);
    }
  }

  /**
   * Absent target pages whose source bytes lie on a present page: only those can need allocating.
   * This holds for overlapping regions too: the chunk order reads every source byte before it is
   * overwritten, so each chunk copies the bytes the source held before the copy, and bytes of a
   * page that was absent then are zeros, which an absent target page does not need stored.
   */
  private static long absentTargetsOfData(
      PageTable source, long sourceAddress, PageTable target, long targetAddress, long length) {
    long needed = 0;
    for (Chunks c = new Chunks(targetAddress, length); c.next(); ) {
      long from = sourceAddress + c.done();
      if (target.frozen(c.page())
          || !target.stored(c.page())
              && (source.stored(Pages.index(from))
                  || source.stored(Pages.lastIndex(from, c.length())))) {
        needed++;
      }
    }
    return needed;
  }

  /** The {@code width} bytes at {@code address}, little-endian and zero-extended. */
  static long load(PageTable table, long address, int width) {
    if (Pages.fitsInOnePage(address, width)) {
      byte[] page = table.page(Pages.index(address));
      return page == null ? 0 : LittleEndian.load(page, Pages.offset(address), width);
    }
    long bits = 0;
    for (int i = width - 1; i >= 0; i--) {
      byte[] page = table.page(Pages.index(address + i));
      bits = (bits << 8) | (page == null ? 0 : page[Pages.offset(address + i)] & 0xFF);
    }
    return bits;
  }

  /** Stores the low {@code width} bytes of {@code bits} at {@code address}, little-endian. */
  static void store(PageTable table, long address, int width, long bits) {
    if (Pages.fitsInOnePage(address, width)) {
      int index = Pages.index(address);
      int offset = Pages.offset(address);
      if (!table.stored(index)) {
        if (bits == 0) {
          return;
        }
        table.reserve(1);
      } else if (table.frozen(index)) {
        table.reserve(1); // a snapshot holds the page: the memory writes a copy
      }
      LittleEndian.store(table.writable(index, offset, width), offset, width, bits);
      return;
    }
    byte[] bytes = new byte[width];
    LittleEndian.store(bytes, 0, width, bits);
    write(table, address, bytes, 0, width);
  }
}
