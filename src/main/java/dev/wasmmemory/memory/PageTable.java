package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pages of one memory: a table of 64 KiB pages where a null entry is a page of zeros and {@link
 * #UNLOADED} a stored page not in the heap (its {@link PageStore} has it).
 *
 * <p>Not thread-safe and unchecked: {@link MemoryInstance} holds its lock and has checked every
 * region before it calls in. Two readers may load the same page at once (under the read lock); the
 * page is published with release semantics, so an optimistic reader that sees it sees its bytes.
 * Every page allocation is paid for from a reservation taken from the {@link PageBudget} before the
 * operation changed anything, so an operation either gets all the pages it needs or fails
 * untouched. Over a store other than {@link PageStore#NONE}, {@link PageChanges} records what each
 * operation changed, for the store's commit.
 */
final class PageTable {
  /** A page of zeros, lent to readers of absent pages. Never written. */
  static final byte[] ZERO_PAGE = new byte[PAGE_SIZE];

  /** A stored page that is not in the heap. Empty, so that no code can mistake it for a page. */
  static final byte[] UNLOADED = new byte[0];

  private static final VarHandle PAGES = MethodHandles.arrayElementVarHandle(byte[][].class);

  private final PageBudget budget;
  private final PageStore store;

  /** Where pages loaded or created here are counted; null over the heap store. */
  private final PageCache cache;

  private PageCache.Owner owner;

  /** What the running operation changed; null over the heap store. */
  private final PageChanges changes;

  /** Entries at and past {@link #count} are null; the array is replaced, larger, on growth. */
  private byte[][] pages;

  private int count;

  /** Non-null entries of {@link #pages} (UNLOADED included): each holds one page of the budget. */
  private int materialized;

  /** {@link #materialized} as of the last commit: what the store holds. */
  private int committedMaterialized;

  /** Pages acquired for the running operation and not yet allocated. */
  private long reserved;

  /** Pages an open view may be reading: copied before they are next written. */
  private final BitSet shared = new BitSet();

  private final AtomicInteger openViews = new AtomicInteger();

  PageTable(PageBudget budget, int count) {
    this(budget, PageStore.NONE, null, count, new BitSet());
  }

  /**
   * A table of {@code count} pages of which those in {@code stored} hold storage in {@code store}
   * (and are loaded on first use).
   */
  PageTable(PageBudget budget, PageStore store, PageCache cache, int count, BitSet stored) {
    this.budget = budget;
    this.store = store;
    this.cache = store.persistent() ? cache : null;
    this.changes = store == PageStore.NONE ? null : new PageChanges();
    this.pages = new byte[count][];
    this.count = count;
    for (int i = stored.nextSetBit(0); i >= 0 && i < count; i = stored.nextSetBit(i + 1)) {
      pages[i] = UNLOADED;
      materialized++;
    }
    committedMaterialized = materialized;
  }

  /** Who drops this table's pages from the heap when the cache is full. */
  void ownedBy(PageCache.Owner owner) {
    this.owner = owner;
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

  PageStore store() {
    return store;
  }

  /** The table itself, for optimistic readers that validate what they read afterwards. */
  byte[][] array() {
    return pages;
  }

  /** Entry {@code index} as an optimistic reader may see it (null, UNLOADED or a page). */
  static byte[] entry(byte[][] pages, int index) {
    return (byte[]) PAGES.getAcquire(pages, index);
  }

  void grow(int newCount) {
    if (newCount > pages.length) {
      int capacity = (int) Math.min(Pages.MAX_PAGES, Math.max(newCount, 2L * pages.length));
      pages = Arrays.copyOf(pages, capacity);
    }
    count = newCount;
  }

  // ---- budget and operations ----

  /**
   * Makes sure the running operation holds at least {@code pagesNeeded} pages it has not used yet:
   * a batch that paid for all its pages up front ({@link MemoryAccess#prepay}) then takes nothing
   * more from the budget, and fails, if it must, before its first change.
   */
  void reserve(long pagesNeeded) {
    if (pagesNeeded > reserved) {
      budget.acquire(pagesNeeded - reserved);
      reserved = pagesNeeded;
    }
  }

  /** Before a mutation: forgets the sharing of pages once no view can read them any more. */
  void beginOperation() {
    if (openViews.get() == 0 && !shared.isEmpty()) {
      shared.clear();
    }
  }

  /** Gives back what the finished (or failed) operation reserved and did not use. */
  void endOperation() {
    if (reserved > 0) {
      budget.release(reserved);
      reserved = 0;
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

  /** Page {@code index} for reading: null when it holds only zeros; loaded when not in the heap. */
  byte[] page(int index) {
    byte[] page = pages[index];
    return page == UNLOADED ? load(index) : page;
  }

  /** Whether page {@code index} holds storage (in the heap or in the store). */
  boolean stored(int index) {
    return pages[index] != null;
  }

  private byte[] load(int index) {
    byte[] page = store.load(index);
    PAGES.setRelease(pages, index, page);
    if (cache != null) {
      cache.admitted(owner, index);
    }
    return page;
  }

  /**
   * Page {@code index} for writing {@code [offset, offset + length)} of it: allocated from the
   * reservation, loaded, or unshared, as needed.
   */
  byte[] writable(int index, int offset, int length) {
    byte[] page = page(index);
    if (page == null) {
      if (reserved == 0) {
        throw new IllegalStateException("page " + index + " allocated without a reservation");
      }
      reserved--;
      page = new byte[PAGE_SIZE];
      pages[index] = page;
      materialized++;
      if (cache != null) {
        cache.admitted(owner, index);
      }
    } else if (shared.get(index)) {
      page = page.clone();
      pages[index] = page;
      shared.clear(index);
    }
    if (changes != null) {
      changes.written(index, Pages.chunkMask(offset, length));
    }
    return page;
  }

  /** The chunks of {@code chunkMask} of page {@code index} were written (by a cursor). */
  void written(int index, int chunkMask) {
    if (changes != null) {
      changes.written(index, chunkMask);
    }
  }

  /** Makes page {@code index} absent (all zeros) and gives its storage back to the budget. */
  void drop(int index) {
    byte[] page = pages[index];
    if (page != null) {
      pages[index] = null;
      shared.clear(index);
      materialized--;
      budget.release(1);
      if (cache != null && page != UNLOADED) {
        cache.released(1);
      }
      if (changes != null) {
        changes.written(index, PageChanges.WHOLE_PAGE);
      }
    }
  }

  /**
   * Puts a staged whole page in place of page {@code index}. Its storage was acquired from the
   * budget by the staging ({@code charged}), or is that of the stored page it replaces, or comes
   * from the reservation.
   */
  void install(PageStore.StagedPage staged, boolean charged) {
    int index = staged.index();
    if (staged.zero()) {
      drop(index);
      return;
    }
    byte[] old = pages[index];
    if (old == null) {
      if (!charged) {
        if (reserved == 0) {
          throw new IllegalStateException("page " + index + " installed without a reservation");
        }
        reserved--;
      }
      materialized++;
    } else if (charged) {
      budget.release(1);
    }
    if (cache != null && old != null && old != UNLOADED) {
      cache.released(1);
    }
    byte[] data = staged.heapData();
    pages[index] = data != null ? data : UNLOADED;
    shared.clear(index);
    if (changes != null) {
      changes.installed(staged);
    }
  }

  /** Drops every page: all bytes zero, count kept. */
  void eraseAll() {
    for (int i = 0; i < count; i++) {
      drop(i);
    }
    if (changes != null) {
      changes.erased();
    }
  }

  /** The memory is dropped: every page leaves the heap and goes back to the budget. */
  void release() {
    budget.release(materialized);
    clearAll();
  }

  /**
   * The memory leaves the heap but stays in its store (which holds it as of the last commit): what
   * the store holds stays charged to the budget, pages materialised since are given back.
   */
  void unload() {
    budget.release(Math.max(0, materialized - committedMaterialized));
    clearAll();
  }

  private void clearAll() {
    long inHeap = 0;
    for (int i = 0; i < count; i++) {
      if (pages[i] != null && pages[i] != UNLOADED) {
        inHeap++;
      }
      pages[i] = null;
    }
    if (cache != null) {
      cache.released(inHeap);
    }
    materialized = 0;
    committedMaterialized = 0;
    if (changes != null) {
      changes.clear();
    }
  }

  /** Drops clean page {@code index} from the heap (the store has it); false when not there. */
  boolean evict(int index) {
    byte[] page = index < count ? pages[index] : null;
    if (page == null || page == UNLOADED || !store.persistent()) {
      return false;
    }
    pages[index] = UNLOADED;
    shared.clear(index);
    if (cache != null) {
      cache.released(1);
    }
    return true;
  }

  /** After an operation released the lock: evicts pages if the cache holds too many. */
  void balanceCache() {
    if (cache != null) {
      cache.balance();
    }
  }

  /** Whether page {@code index} is in the heap now; racy, for the cache's bookkeeping. */
  boolean holds(int index) {
    byte[][] table = pages;
    if (index >= table.length) {
      return false;
    }
    byte[] page = entry(table, index);
    return page != null && page != UNLOADED;
  }

  // ---- commits ----

  /**
   * Hands what the operation changed to the store, at {@code version}, and starts afresh. Answers
   * the store's durability token; 0 over the heap store or when nothing changed.
   */
  long commit(long version) {
    if (changes == null) {
      return 0;
    }
    try {
      long token = store.commit(changes.asCommit(this, version));
      committedMaterialized = materialized;
      return token;
    } finally {
      changes.clear();
    }
  }

  /** Forgets what a failed operation recorded (its changes are undone or never happened). */
  void forgetChanges() {
    if (changes != null) {
      changes.clear();
    }
  }

  /** Entry {@code index} as it is, for a commit: null, UNLOADED or the page. */
  byte[] rawEntry(int index) {
    return pages[index];
  }

  // ---- views ----

  RegionView openView(long address, long length, long version, long memorySize) {
    byte[][] refs;
    PageStore.PageSource source = null;
    if (length == 0) {
      refs = new byte[0][];
    } else {
      int first = Pages.index(address);
      refs = Arrays.copyOfRange(pages, first, Pages.lastIndex(address, length) + 1);
      for (int i = 0; i < refs.length; i++) {
        if (refs[i] == UNLOADED) {
          if (source == null) {
            source = store.openSnapshot();
          }
        } else if (refs[i] != null) {
          shared.set(first + i);
        }
      }
    }
    openViews.incrementAndGet();
    return new PagedRegionView(
        refs, address, length, version, memorySize, source, openViews::decrementAndGet);
  }

  static boolean isZero(byte[] bytes, int from, int length) {
    return Arrays.mismatch(bytes, from, from + length, ZERO_PAGE, 0, length) < 0;
  }
}
