package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pages of one memory: a table of 64 KiB pages where a null entry is a page of zeros and {@link
 * #UNLOADED} a stored page not in the heap (its {@link PageStore} has it), and the per-access paths
 * that read and write it. Its fields are shared with the classes that hold its other operations:
 * {@link WholePageWrites}, {@link PageViews}, {@link PageSnapshots}, {@link PageCommits}, {@link
 * PageEviction}.
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

  final PageBudget budget;
  final PageStore store;

  /** Where pages loaded or created here are counted; null over the heap store. */
  final PageCache cache;

  private PageCache.Owner owner;

  /** What the running operation changed; null over the heap store. */
  final PageChanges changes;

  /** Entries at and past {@link #count} are null; the array is replaced, larger, on growth. */
  byte[][] pages;

  int count;

  /** Non-null entries of {@link #pages} (UNLOADED included): each holds one page of the budget. */
  int materialized;

  /** {@link #materialized} as of the last commit: what the store holds. */
  int committedMaterialized;

  /** Pages acquired for the running operation and not yet allocated. */
  long reserved;

  /** Pages an open view may be reading: copied before they are next written. */
  final BitSet shared = new BitSet();

  /**
   * Pages a snapshot holds ({@link FrozenPages}): copied before they are next written, and the copy
   * is paid for, since the snapshot keeps the old page.
   */
  final BitSet frozen = new BitSet();

  /** Pages held only by this memory's snapshots: charged to the budget with the memory's own. */
  long snapshotOnly;

  final AtomicInteger openViews = new AtomicInteger();

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

  /** Pages that only this memory's snapshots hold. */
  long snapshotOnly() {
    return snapshotOnly;
  }

  /** Whether a snapshot holds page {@code index}, so that writing it needs a page of its own. */
  boolean frozen(int index) {
    return frozen.get(index);
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

  // ---- reservations ----

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

  /** Gives back what the finished (or failed) operation reserved and did not use. */
  void endOperation() {
    if (reserved > 0) {
      budget.release(reserved);
      reserved = 0;
    }
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
    } else if (frozen.get(index)) {
      if (reserved == 0) {
        throw new IllegalStateException("page " + index + " unfrozen without a reservation");
      }
      reserved--;
      snapshotOnly++;
      frozen.clear(index);
      shared.clear(index);
      detach(index);
      page = page.clone();
      pages[index] = page;
      offset = 0;
      length = PAGE_SIZE;
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

  // ---- changes, for the store's commit ----

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

  /** Tells the store's commit that page {@code index} no longer shares a snapshot's copy. */
  void detach(int index) {
    if (changes != null) {
      changes.detached(index);
    }
  }

  static boolean isZero(byte[] bytes, int from, int length) {
    return Arrays.mismatch(bytes, from, from + length, ZERO_PAGE, 0, length) < 0;
  }
}
