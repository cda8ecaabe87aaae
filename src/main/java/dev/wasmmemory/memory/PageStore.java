package dev.wasmmemory.memory;

/**
 * Where one memory's pages live beyond the heap: the engine's persistence seam. A {@link
 * MemoryInstance} over a persistent store keeps a bounded set of its pages in the heap (see {@link
 * PageCache}), loads the others on first use, and hands every mutation to {@link #commit} before it
 * releases its write lock, so the store holds exactly the states the memory went through, in order.
 * {@link #NONE} is the heap store: nothing persisted, nothing ever evicted.
 *
 * <p>The engine calls {@link #load}, {@link #commit} and {@link #openSnapshot} with the memory's
 * lock held (read lock for loads, write lock for the others), {@link #stage} and {@link
 * #awaitDurable} without it.
 */
public interface PageStore {
  /** The heap store. */
  PageStore NONE = new HeapPageStore();

  /** Whether pages are kept elsewhere, so that the heap copy of a clean page may be dropped. */
  boolean persistent();

  /** The stored bytes of page {@code index} (a stored page: never null, 64 KiB). */
  byte[] load(int index);

  /**
   * Takes one whole page of a streamed write before the memory is locked. A persistent store writes
   * it aside (not yet part of the memory); the heap store keeps the array. {@code data} is null for
   * a page of zeros.
   */
  StagedPage stage(int index, byte[] data);

  /** Forgets a staged page that will not be committed. */
  void discard(StagedPage page);

  /**
   * Persists one mutation, all of it or nothing (also across a crash), with the memory's write lock
   * held. Answers a token for {@link #awaitDurable}.
   */
  long commit(PageCommit commit);

  /**
   * Returns once the mutation of {@code token} survives what the store promises (a process crash,
   * or power loss); called after the lock is released, so that concurrent writers share syncs.
   */
  void awaitDurable(long token);

  /** The pages as stored now, unaffected by later commits, for a view; close it when done. */
  PageSource openSnapshot();

  /**
   * For a snapshot of the memory taken now (with the write lock held): the name this store gives
   * stored page {@code index}, equal for every holder of the same stored page.
   */
  default Object pageIdentity(int index) {
    throw new UnsupportedOperationException("this store keeps no snapshots");
  }

  /**
   * Called as a snapshot is taken (write lock held): the source its stored pages are read from, for
   * as long as the snapshot lives. Pages a snapshot holds must survive the memory's later writes.
   */
  default PageSource freezeSource() {
    throw new UnsupportedOperationException("this store keeps no snapshots");
  }

  /**
   * Persists a restore: the memory now holds {@code snapshot}'s pages, at {@code version}, with
   * {@code materializedPages} stored pages; the stored pages it held at the indexes in {@code
   * released} belong to no one any more. Answers a token for {@link #awaitDurable}.
   */
  default long restore(
      FrozenPages snapshot, long version, int materializedPages, java.util.BitSet released) {
    throw new UnsupportedOperationException("this store keeps no snapshots");
  }

  /** Pages as they were at one instant. */
  interface PageSource extends AutoCloseable {
    /** Page {@code index} as it was, or null when it held only zeros. */
    byte[] load(int index);

    @Override
    void close();
  }

  /** A whole page written aside by {@link #stage}, to be installed by a commit. */
  interface StagedPage {
    int index();

    /** True for a page of zeros: installing it drops the page. */
    boolean zero();

    /** The bytes, for a store that keeps them in the heap; null for a persistent one. */
    byte[] heapData();
  }
}
