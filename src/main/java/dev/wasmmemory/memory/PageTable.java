package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
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

  /**
   * Pages a snapshot holds ({@link FrozenPages}): copied before they are next written, and the copy
   * is paid for, since the snapshot keeps the old page.
   */
  private final BitSet frozen = new BitSet();

  /** Pages held only by this memory's snapshots: charged to the budget with the memory's own. */
  private long snapshotOnly;

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

  /**
   * Pages among those that {@code [address, address + length)} touches that writing needs to
   * allocate: absent ones, and those a snapshot holds (written, they are copied).
   */
  long absentPages(long address, long length) {
    if (length == 0) {
      return 0;
    }
    long absent = 0;
    for (int i = Pages.index(address), last = Pages.lastIndex(address, length); i <= last; i++) {
      if (pages[i] == null || frozen.get(i)) {
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

  /** Makes page {@code index} absent (all zeros) and gives its storage back to the budget. */
  void drop(int index) {
    byte[] page = pages[index];
    if (page != null) {
      pages[index] = null;
      shared.clear(index);
      materialized--;
      if (frozen.get(index)) {
        frozen.clear(index); // the snapshot keeps the page, and its charge
        snapshotOnly++;
        detach(index);
      } else {
        budget.release(1);
      }
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
    if (old != null && frozen.get(index)) {
      frozen.clear(index); // the snapshot keeps the old page, and its charge
      snapshotOnly++;
      detach(index);
      if (cache != null && old != UNLOADED) {
        cache.released(1);
      }
      old = null;
      materialized--;
    }
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

  /**
   * The memory is dropped with its snapshots: every page leaves the heap and goes back to the
   * budget.
   */
  void release() {
    budget.release(materialized + snapshotOnly);
    snapshotOnly = 0;
    frozen.clear();
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

  // ---- snapshots ----

  /**
   * What a snapshot of the memory now holds: the page entries (null, a page or UNLOADED) and their
   * identities (the page itself in the heap, the store's name for it otherwise). The pages become
   * frozen: the memory copies each before it next writes it.
   */
  FrozenPages freeze(long version, PageStore.PageSource source) {
    byte[][] refs = Arrays.copyOf(pages, count);
    Object[] ids = new Object[count];
    for (int i = 0; i < count; i++) {
      if (refs[i] != null) {
        ids[i] = identity(i);
        frozen.set(i);
        if (store.persistent()) {
          refs[i] = UNLOADED; // read from the store: the heap keeps only what the cache counts
        }
      }
    }
    return new FrozenPages(refs, ids, version, source);
  }

  /**
   * The pages now, held like a view's (copied before they are next written, at no charge) until
   * {@code release} runs: for a diff against the live memory.
   */
  FrozenPages capture(long version, Runnable[] release) {
    byte[][] refs = Arrays.copyOf(pages, count);
    Object[] ids = new Object[count];
    PageStore.PageSource source = null;
    for (int i = 0; i < count; i++) {
      if (refs[i] == UNLOADED && source == null) {
        source = store.openSnapshot();
      }
      if (refs[i] != null) {
        ids[i] = identity(i);
        if (refs[i] != UNLOADED) {
          shared.set(i);
        }
      }
    }
    openViews.incrementAndGet();
    PageStore.PageSource opened = source;
    release[0] =
        () -> {
          openViews.decrementAndGet();
          if (opened != null) {
            opened.close();
          }
        };
    return new FrozenPages(refs, ids, version, opened);
  }

  private void detach(int index) {
    if (changes != null) {
      changes.detached(index);
    }
  }

  /** The page identity of entry {@code index}: what two holders of one page share. */
  private Object identity(int index) {
    if (pages[index] == null) {
      return null;
    }
    return store.persistent() ? store.pageIdentity(index) : pages[index];
  }

  /**
   * Makes the memory hold {@code snapshot}'s pages (and size) instead of its own: pages no snapshot
   * holds go back to the budget; the snapshot's pages, already paid for, become frozen.
   */
  BitSet restore(FrozenPages snapshot) {
    BitSet released = new BitSet();
    int newCount = snapshot.pages();
    if (newCount > pages.length) {
      pages = Arrays.copyOf(pages, newCount);
    }
    long inHeap = 0;
    for (int i = 0; i < Math.max(count, newCount); i++) {
      Object current = i < count ? identity(i) : null;
      Object next = i < newCount ? snapshot.identity(i) : null;
      if (current != null && current.equals(next)) {
        continue;
      }
      if (current != null) {
        if (pages[i] != UNLOADED) {
          inHeap++;
        }
        if (frozen.get(i)) {
          snapshotOnly++; // another snapshot keeps it
        } else {
          budget.release(1);
          released.set(i);
        }
        materialized--;
      }
      pages[i] = null;
      frozen.clear(i);
      shared.clear(i);
      if (next != null) {
        snapshotOnly--; // held by the snapshot only until now
        pages[i] = snapshot.entry(i);
        frozen.set(i);
        materialized++;
      }
    }
    if (cache != null) {
      cache.released(inHeap);
    }
    count = newCount;
    return released;
  }

  /**
   * Hands a {@link #restore} to the store, at {@code version}; answers the store's durability token
   * (0 over the heap store).
   */
  long commitRestore(FrozenPages snapshot, long version, BitSet released) {
    if (changes == null) {
      return 0;
    }
    changes.clear();
    long token = store.restore(snapshot, version, materialized, released);
    committedMaterialized = materialized;
    return token;
  }

  /**
   * A snapshot is deleted: of its pages, those that neither the memory nor a {@code remaining}
   * snapshot holds go back to the budget, and those only the memory holds are no longer frozen.
   * Answers the identities of the pages no one holds any more, for the store to delete.
   */
  List<Object> releaseFrozen(FrozenPages dropped, Iterable<FrozenPages> remaining) {
    List<Object> freed = new ArrayList<>();
    for (int i = 0; i < dropped.pages(); i++) {
      Object id = dropped.identity(i);
      if (id == null || heldBy(remaining, i, id)) {
        continue;
      }
      if (i < count && id.equals(identity(i))) {
        frozen.clear(i);
      } else {
        snapshotOnly--;
        budget.release(1);
        freed.add(id);
      }
    }
    return freed;
  }

  private static boolean heldBy(Iterable<FrozenPages> snapshots, int index, Object id) {
    for (FrozenPages s : snapshots) {
      if (index < s.pages() && id.equals(s.identity(index))) {
        return true;
      }
    }
    return false;
  }

  /**
   * After the memory was opened from its store: the pages in {@code held} are held by snapshots
   * too, and {@code only} more pages by snapshots alone (already paid for).
   */
  void adoptSnapshots(BitSet held, long only) {
    frozen.or(held);
    snapshotOnly = only;
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
