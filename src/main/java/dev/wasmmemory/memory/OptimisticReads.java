package dev.wasmmemory.memory;

import java.util.Arrays;

/**
 * Reads of a memory without its lock: a {@link java.util.concurrent.locks.StampedLock} optimistic
 * read, validated afterwards. They serve the small reads within one page of the heap, the common
 * case; whatever else (a writer came in, the page is not in the heap, the region crosses a page)
 * answers "retry under the read lock".
 */
final class OptimisticReads {
  private OptimisticReads() {}

  /** Fills {@code target} from {@code offset}; false when the caller must read under the lock. */
  static boolean tryReadInPage(MemoryState state, long offset, byte[] target) {
    long stamp = state.lock.tryOptimisticRead();
    if (stamp == 0) {
      return false;
    }
    byte[][] pages = state.table.array();
    int length = target.length;
    int index = Pages.index(offset);
    if (!Bounds.inBounds(offset, length, state.sizeBytes)
        || !Pages.fitsInOnePage(offset, length)
        || index >= pages.length) {
      return false;
    }
    byte[] page = PageTable.entry(pages, index);
    if (page == null) {
      Arrays.fill(target, (byte) 0);
    } else if (page == PageTable.UNLOADED) {
      return false;
    } else {
      System.arraycopy(page, Pages.offset(offset), target, 0, length);
    }
    return state.lock.validate(stamp) && !state.closed;
  }

  /** The value at {@code offset} and its version; null when the caller must read under the lock. */
  static LinearMemory.ValueRead tryValue(MemoryState state, ValueType type, long offset) {
    long stamp = state.lock.tryOptimisticRead();
    if (stamp == 0) {
      return null;
    }
    byte[][] pages = state.table.array();
    long version = state.version;
    int width = type.width();
    int index = Pages.index(offset);
    if (!Bounds.inBounds(offset, width, state.sizeBytes)
        || !Pages.fitsInOnePage(offset, width)
        || index >= pages.length) {
      return null;
    }
    byte[] page = PageTable.entry(pages, index);
    if (page == PageTable.UNLOADED) {
      return null;
    }
    long bits = page == null ? 0 : LittleEndian.load(page, Pages.offset(offset), width);
    return state.lock.validate(stamp) && !state.closed
        ? new LinearMemory.ValueRead(bits, version)
        : null;
  }
}
