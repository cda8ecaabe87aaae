package dev.wasmmemory.memory;

/**
 * Writes that replace a page of a {@link PageTable} whole instead of changing its bytes: dropping
 * it to zeros, or putting a staged page in its place. Apart from the per-byte path because they
 * change what the page costs the budget, and what a snapshot sharing it keeps.
 */
final class WholePageWrites {
  private WholePageWrites() {}

  /** Makes page {@code index} absent (all zeros) and gives its storage back to the budget. */
  static void drop(PageTable t, int index) {
    byte[] page = t.pages[index];
    if (page != null) {
      t.pages[index] = null;
      t.shared.clear(index);
      t.materialized--;
      if (t.frozen.get(index)) {
        t.frozen.clear(index); // the snapshot keeps the page, and its charge
        t.snapshotOnly++;
        t.detach(index);
      } else {
        t.budget.release(1);
      }
      if (t.cache != null && page != PageTable.UNLOADED) {
        t.cache.released(1);
      }
      if (t.changes != null) {
        t.changes.written(index, PageChanges.WHOLE_PAGE);
      }
    }
  }

  /**
   * Puts a staged whole page in place of page {@code index}. Its storage was acquired from the
   * budget by the staging ({@code charged}), or is that of the stored page it replaces, or comes
   * from the reservation.
   */
  static void install(PageTable t, PageStore.StagedPage staged, boolean charged) {
    int index = staged.index();
    if (staged.zero()) {
      drop(t, index);
      return;
    }
    byte[] old = t.pages[index];
    if (old != null && t.frozen.get(index)) {
      t.frozen.clear(index); // the snapshot keeps the old page, and its charge
      t.snapshotOnly++;
      t.detach(index);
      if (t.cache != null && old != PageTable.UNLOADED) {
        t.cache.released(1);
      }
      old = null;
      t.materialized--;
    }
    if (old == null) {
      if (!charged) {
        if (t.reserved == 0) {
          throw new IllegalStateException("page " + index + " installed without a reservation");
        }
        t.reserved--;
      }
      t.materialized++;
    } else if (charged) {
      t.budget.release(1);
    }
    if (t.cache != null && old != null && old != PageTable.UNLOADED) {
      t.cache.released(1);
    }
    byte[] data = staged.heapData();
    t.pages[index] = data != null ? data : PageTable.UNLOADED;
    t.shared.clear(index);
    if (t.changes != null) {
      t.changes.installed(staged);
    }
  }

  /** Drops every page: all bytes zero, count kept. */
  static void eraseAll(PageTable t) {
    for (int i = 0; i < t.count; i++) {
      drop(t, i);
    }
    if (t.changes != null) {
      t.changes.erased();
    }
  }
}
