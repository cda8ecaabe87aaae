package dev.wasmmemory.memory;

/**
 * One mutation of a memory, as its {@link PageStore} persists it: the state it left the memory in
 * (size, version, pages stored) and the pages it changed. A page appears once, in its final state:
 * written (with the 4 KiB chunks that changed), dropped (all zeros, no storage), or replaced by a
 * staged page. Valid only during {@link PageStore#commit}.
 */
public interface PageCommit {
  /** The memory's size in pages after the mutation. */
  int pages();

  /** The memory's version after the mutation. */
  long version();

  /** Pages holding storage after the mutation. */
  int materializedPages();

  /** True when every page was dropped (erase) before the changes listed. */
  boolean erased();

  void forEachChange(ChangeVisitor visitor);

  /**
   * True when page {@code index}, as stored before, is held by a snapshot: the store must keep that
   * stored page as it is and give the memory's page (written, or none) storage of its own.
   */
  default boolean detached(int index) {
    return false;
  }

  /** Receives the pages a mutation changed, each once, in ascending order of index. */
  interface ChangeVisitor {
    /**
     * Page {@code index} now holds {@code page}; the chunks set in {@code chunkMask} (bit {@code
     * c}: bytes {@code [c * CHUNK_SIZE, (c + 1) * CHUNK_SIZE)}) may differ from what was stored.
     */
    void written(int index, int chunkMask, byte[] page);

    /** Page {@code index} holds only zeros and no storage. */
    void dropped(int index);

    /** Page {@code page.index()} is now the staged page. */
    void installed(PageStore.StagedPage page);
  }
}
