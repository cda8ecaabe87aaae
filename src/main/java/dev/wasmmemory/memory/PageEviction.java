package dev.wasmmemory.memory;

/**
 * How a {@link PageTable}'s pages leave the heap: one clean page at a time when the {@link
 * PageCache} holds too many, or all at once when the memory is dropped or its store failed it. Kept
 * apart from the table's read and write paths, which only ever bring pages in.
 */
final class PageEviction {
  private PageEviction() {}

  /**
   * The memory is dropped with its snapshots: every page leaves the heap and goes back to the
   * budget.
   */
  static void release(PageTable t) {
    t.budget.release(t.materialized + t.snapshotOnly);
    t.snapshotOnly = 0;
    t.frozen.clear();
    clearAll(t);
  }

  /**
   * The memory leaves the heap but stays in its store (which holds it as of the last commit): what
   * the store holds stays charged to the budget, pages materialised since are given back.
   */
  static void unload(PageTable t) {
    t.budget.release(Math.max(0, t.materialized - t.committedMaterialized));
    clearAll(t);
  }

  private static void clearAll(PageTable t) {
    long inHeap = 0;
    for (int i = 0; i < t.count; i++) {
      if (t.pages[i] != null && t.pages[i] != PageTable.UNLOADED) {
        inHeap++;
      }
      t.pages[i] = null;
    }
    if (t.cache != null) {
      t.cache.released(inHeap);
    }
    t.materialized = 0;
    t.committedMaterialized = 0;
    if (t.changes != null) {
      t.changes.clear();
    }
  }

  /** Drops clean page {@code index} from the heap (the store has it); false when not there. */
  static boolean evict(PageTable t, int index) {
    byte[] page = index < t.count ? t.pages[index] : null;
    if (page == null || page == PageTable.UNLOADED || !t.store.persistent()) {
      return false;
    }
    t.pages[index] = PageTable.UNLOADED;
    t.shared.clear(index);
    if (t.cache != null) {
      t.cache.released(1);
    }
    return true;
  }

  /** After an operation released the lock: evicts pages if the cache holds too many. */
  static void balanceCache(PageTable t) {
    if (t.cache != null) {
      t.cache.balance();
    }
  }

  /** Whether page {@code index} is in the heap now; racy, for the cache's bookkeeping. */
  static boolean holds(PageTable t, int index) {
    byte[][] table = t.pages;
    if (index >= table.length) {
      return false;
    }
    byte[] page = PageTable.entry(table, index);
    return page != null && page != PageTable.UNLOADED;
  }
}
