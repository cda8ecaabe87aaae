package dev.wasmmemory.memory;

/**
 * Accounts for materialised pages across memories. The engine acquires before it allocates a page
 * and releases when it drops one, so the sum of acquisitions minus releases is the number of pages
 * held.
 */
public interface PageBudget {
  /** A budget that never refuses. */
  PageBudget UNLIMITED =
      new PageBudget() {
        @Override
        public void acquire(long pages) {}

        @Override
        public void release(long pages) {}
      };

  /** Takes {@code pages} pages, or throws {@link MemoryBudgetExceededException} and takes none. */
  void acquire(long pages);

  /** Gives back {@code pages} pages taken earlier. */
  void release(long pages);

  /**
   * Takes {@code pages} that a store already holds (found at start-up): they are counted even where
   * that passes the limit, which then refuses new pages until enough are given back.
   */
  default void acquireStored(long pages) {
    acquire(pages);
  }
}
