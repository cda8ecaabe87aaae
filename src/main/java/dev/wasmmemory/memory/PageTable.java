package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;

import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sparse storage of one memory: a table of 64 KiB pages where a null entry is a page of zeros.
 *
 * <p>Not thread-safe and unchecked: {@link MemoryInstance} holds its lock and has checked every
 * region before it calls in. Every page allocation is paid for from a reservation taken from the
 * {@link PageBudget} before the operation changed anything, so an operation either gets all the
 * pages it needs or fails untouched.
 */
final class PageTable {
  /** A page of zeros, lent to readers of absent pages. Never written. */
  static final byte[] ZERO_PAGE = new byte[PAGE_SIZE];

  private final PageBudget budget;

  /** Entries at and past {@link #count} are null; the array is replaced, larger, on growth. */
  private byte[][] pages;

  private int count;

  /** Non-null entries of {@link #pages}: each holds one page of the budget. */
  private int materialized;

  /** Pages acquired for the running operation and not yet allocated. */
  private long reserved;

  /** Pages an open {@link RegionView} may be reading: copied before they are next written. */
  private final BitSet shared = new BitSet();

  private final AtomicInteger openViews = new AtomicInteger();

  PageTable(PageBudget budget, int count) {
    this.budget = budget;
    this.pages = new byte[count][];
    this.count = count;
  }

  int count() {
    return count;
  }

  int materialized() {
    return materialized;
  }

  PageBudget budget() {
    return budget;
  }

  /** The table itself, for optimistic readers that validate what they read afterwards. */
  byte[][] array() {
    return pages;
  }

  void grow(int newCount) {
    if (newCount > pages.length) {
      int capacity = (int) Math.min(Pages.MAX_PAGES, Math.max(newCount, 2L * pages.length));
      pages = Arrays.copyOf(pages, capacity);
    }
    count = newCount;
  }

  // ---- budget ----

  void reserve(long pagesNeeded) {
    if (pagesNeeded > 0) {
      budget.acquire(pagesNeeded);
      reserved += pagesNeeded;
    }
  }

  /** Gives back what the finished (or failed) operation reserved and did not use. */
  void endOperation() {
    if (reserved > 0) {
      budget.release(reserved);
      reserved = 0;
    }
  }

  /** Before a write: forgets the sharing of pages once no view can read them any more. */
  void beginOperation() {
    if (openViews.get() == 0 && !shared.isEmpty()) {
      shared.clear();
    }
  }

  /** Absent pages among those that {@code [address, address + length)} touches. */
  long absentPages(long address, long length) {
    if (length == 0) {
      return 0;
    }
    long absent = 0;
    for (int i = Pages.index(address), last = Pages.lastIndex(address, length); i <= last; i++) {
      if (pages[i] == null) {
        absent++;
      }
    }
    return absent;
  }

  // ---- pages ----

  /** Page {@code index} for reading: null when it holds only zeros. */
  byte[] page(int index) {
    return pages[index];
  }

  /** Page {@code index} for writing: allocated from the reservation, or unshared, as needed. */
  byte[] writable(int index) {
    byte[] page = pages[index];
    if (page == null) {
      if (reserved == 0) {
        throw new IllegalStateException("page " + index + " allocated without a reservation");
      }
      reserved--;
      page = new byte[PAGE_SIZE];
      pages[index] = page;
      materialized++;
    } else if (shared.get(index)) {
      page = page.clone();
      pages[index] = page;
      shared.clear(index);
    }
    return page;
  }

  /** Makes page {@code index} absent (all zeros) and gives its storage back to the budget. */
  void drop(int index) {
    if (pages[index] != null) {
      pages[index] = null;
      shared.clear(index);
      materialized--;
      budget.release(1);
    }
  }

  /**
   * Puts {@code page} (or zeros, when null) in place of page {@code index}. A non-null page must
   * have been acquired from the budget by the caller; this table owns it from now on.
   */
  void install(int index, byte[] page) {
    drop(index);
    if (page != null) {
      pages[index] = page;
      materialized++;
    }
  }

  /** Puts {@code page} in place of the stored page {@code index}: storage held stays the same. */
  void replace(int index, byte[] page) {
    if (pages[index] == null) {
      throw new IllegalStateException("page " + index + " holds no storage to replace");
    }
    pages[index] = page;
    shared.clear(index);
  }

  /** Puts {@code page} where page {@code index} holds no storage, paid from the reservation. */
  void installReserved(int index, byte[] page) {
    if (reserved == 0) {
      throw new IllegalStateException("page " + index + " installed without a reservation");
    }
    reserved--;
    pages[index] = page;
    materialized++;
  }

  /** Drops every page: all bytes zero, count kept. */
  void eraseAll() {
    for (int i = 0; i < count; i++) {
      drop(i);
    }
  }

  // ---- views ----

  RegionView openView(long address, long length, long version, long memorySize) {
    byte[][] refs;
    if (length == 0) {
      refs = new byte[0][];
    } else {
      int first = Pages.index(address);
      refs = Arrays.copyOfRange(pages, first, Pages.lastIndex(address, length) + 1);
      for (int i = 0; i < refs.length; i++) {
        if (refs[i] != null) {
          shared.set(first + i);
        }
      }
    }
    openViews.incrementAndGet();
    return new PagedRegionView(
        refs, address, length, version, memorySize, openViews::decrementAndGet);
  }

  static boolean isZero(byte[] bytes, int from, int length) {
    return Arrays.mismatch(bytes, from, from + length, ZERO_PAGE, 0, length) < 0;
  }
}
