package dev.wasmmemory.memory;

import java.util.BitSet;

/**
 * Hands what an operation changed in a {@link PageTable} to its store, and remembers what the store
 * then holds (what an unload keeps charged). Over the heap store there is nothing to hand over.
 */
final class PageCommits {
  private PageCommits() {}

  /**
   * Hands what the operation changed to the store, at {@code version}, and starts afresh. Answers
   * the store's durability token; 0 over the heap store or when nothing changed.
   */
  static long commit(PageTable t, long version) {
    if (t.changes == null) {
      return 0;
    }
    try {
      long token = t.store.commit(t.changes.asCommit(t, version));
      t.committedMaterialized = t.materialized;
      return token;
    } finally {
      t.changes.clear();
    }
  }

  /**
   * Hands a {@link PageSnapshots#restore} to the store, at {@code version}; answers the store's
   * durability token (0 over the heap store).
   */
  static long commitRestore(PageTable t, FrozenPages snapshot, long version, BitSet released) {
    if (t.changes == null) {
      return 0;
    }
    t.changes.clear();
    long token = t.store.restore(snapshot, version, t.materialized, released);
    t.committedMaterialized = t.materialized;
    return token;
  }
}
