package dev.wasmmemory.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * How a {@link PageTable} shares its pages with the memory's snapshots: freezing them into one,
 * restoring one, and paying for what a deleted one leaves behind. Apart from the table because a
 * snapshot's pages are accounted for ({@link PageTable#frozen}, {@link PageTable#snapshotOnly}) on
 * every write, but only changed hands here.
 */
final class PageSnapshots {
  private PageSnapshots() {}

  /**
   * What a snapshot of the memory now holds: the page entries (null, a page or UNLOADED) and their
   * identities (the page itself in the heap, the store's name for it otherwise). The pages become
   * frozen: the memory copies each before it next writes it.
   */
  static FrozenPages freeze(PageTable t, long version, PageStore.PageSource source) {
    byte[][] refs = Arrays.copyOf(t.pages, t.count);
    Object[] ids = new Object[t.count];
    for (int i = 0; i < t.count; i++) {
      if (refs[i] != null) {
        ids[i] = identity(t, i);
        t.frozen.set(i);
        if (t.store.persistent()) {
          // read from the store: the heap keeps only what the cache counts
          refs[i] = PageTable.UNLOADED;
        }
      }
    }
    return new FrozenPages(refs, ids, version, source);
  }

  /** The page identity of entry {@code index}: what two holders of one page share. */
  static Object identity(PageTable t, int index) {
    if (t.pages[index] == null) {
      return null;
    }
    return t.store.persistent() ? t.store.pageIdentity(index) : t.pages[index];
  }

  /**
   * Makes the memory hold {@code snapshot}'s pages (and size) instead of its own: pages no snapshot
   * holds go back to the budget; the snapshot's pages, already paid for, become frozen. Answers the
   * pages that went back, for {@link PageCommits#commitRestore}.
   */
  static BitSet restore(PageTable t, FrozenPages snapshot) {
    BitSet released = new BitSet();
    int newCount = snapshot.pages();
    if (newCount > t.pages.length) {
      t.pages = Arrays.copyOf(t.pages, newCount);
    }
    long inHeap = 0;
    for (int i = 0; i < Math.max(t.count, newCount); i++) {
      Object current = i < t.count ? identity(t, i) : null;
      Object next = i < newCount ? snapshot.identity(i) : null;
      if (current != null && current.equals(next)) {
        continue;
      }
      if (current != null) {
        if (t.pages[i] != PageTable.UNLOADED) {
          inHeap++;
        }
        if (t.frozen.get(i)) {
          t.snapshotOnly++; // another snapshot keeps it
        } else {
          t.budget.release(1);
          released.set(i);
        }
        t.materialized--;
      }
      t.pages[i] = null;
      t.frozen.clear(i);
      t.shared.clear(i);
      if (next != null) {
        t.snapshotOnly--; // held by the snapshot only until now
        t.pages[i] = snapshot.entry(i);
        t.frozen.set(i);
        t.materialized++;
      }
    }
    if (t.cache != null) {
      t.cache.released(inHeap);
    }
    t.count = newCount;
    return released;
  }

  /**
   * A snapshot is deleted: of its pages, those that neither the memory nor a {@code remaining}
   * snapshot holds go back to the budget, and those only the memory holds are no longer frozen.
   * Answers the identities of the pages no one holds any more, for the store to delete.
   */
  static List<Object> releaseFrozen(
      PageTable t, FrozenPages dropped, Iterable<FrozenPages> remaining) {
    List<Object> freed = new ArrayList<>();
    for (int i = 0; i < dropped.pages(); i++) {
      Object id = dropped.identity(i);
      if (id == null || heldBy(remaining, i, id)) {
        continue;
      }
      if (i < t.count && id.equals(identity(t, i))) {
        t.frozen.clear(i);
      } else {
        t.snapshotOnly--;
        t.budget.release(1);
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
  static void adoptSnapshots(PageTable t, BitSet held, long only) {
    t.frozen.or(held);
    t.snapshotOnly = only;
  }
}
