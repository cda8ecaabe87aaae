package dev.wasmmemory.memory;

import java.util.BitSet;
import java.util.List;

/**
 * {@link MemoryInstance}'s snapshot operations, each under the memory's lock: they take the lock
 * the way the operation needs and leave the page bookkeeping to {@link PageSnapshots} and {@link
 * PageViews}.
 */
final class MemorySnapshots {
  private MemorySnapshots() {}

  static FrozenPages freeze(MemoryState state) {
    long stamp = state.beginWrite(MemoryInstance.ANY_VERSION);
    try {
      PageStore store = state.table.store();
      return PageSnapshots.freeze(
          state.table, state.version, store.persistent() ? store.freezeSource() : null);
    } finally {
      state.endWrite(stamp);
    }
  }

  static long restore(MemoryState state, long expectedVersion, FrozenPages snapshot) {
    long stamp = state.beginWrite(expectedVersion);
    long token;
    long version;
    try {
      token = state.restore(snapshot);
      version = state.version;
    } finally {
      state.endWrite(stamp);
    }
    state.awaitDurable(token);
    return version;
  }

  static List<Object> releaseSnapshot(
      MemoryState state, FrozenPages dropped, Iterable<FrozenPages> remaining) {
    long stamp = state.lock.writeLock();
    try {
      return state.closed
          ? List.of()
          : PageSnapshots.releaseFrozen(state.table, dropped, remaining);
    } finally {
      state.lock.unlockWrite(stamp);
    }
  }

  static void adoptSnapshots(MemoryState state, BitSet held, long snapshotOnly) {
    long stamp = state.lock.writeLock();
    try {
      PageSnapshots.adoptSnapshots(state.table, held, snapshotOnly);
    } finally {
      state.lock.unlockWrite(stamp);
    }
  }

  static MemoryInstance.Captured capture(MemoryState state) {
    long stamp = state.writeLock();
    try {
      Runnable[] release = new Runnable[1];
      FrozenPages pages = PageViews.capture(state.table, state.version, release);
      return new MemoryInstance.Captured(pages, release[0]);
    } finally {
      state.lock.unlockWrite(stamp);
    }
  }
}
