package dev.wasmmemory.store.redis;

import dev.wasmmemory.memory.PageBudget;

/**
 * Pays for the pages a memory's functions materialise. A mutation takes a {@link #stamp()} before
 * its first call, {@link #acquire}s what the function asks for (it answers NEED), and {@link
 * #settle}s once it is done: what it was granted and did not use, and what it freed, go back.
 */
interface PageLedger {
  /** Taken before the function that may free pages runs (see {@link ClusterBudget}). */
  long stamp();

  /** Takes {@code pages} more pages, or throws the budget's exception and takes none. */
  void acquire(long pages);

  /**
   * The operation is over: of {@code acquired} pages, {@code added} are now materialised; {@code
   * freed} pages were dropped.
   */
  void settle(long stamp, long acquired, long added, long freed);

  /** The engine's {@link PageBudget}, exact: what the contract suites count with. */
  static PageLedger of(PageBudget budget) {
    return new PageLedger() {
      @Override
      public long stamp() {
        return 0;
      }

      @Override
      public void acquire(long pages) {
        budget.acquire(pages);
      }

      @Override
      public void settle(long stamp, long acquired, long added, long freed) {
        long back = acquired - added + freed;
        if (back > 0) {
          budget.release(back);
        }
      }
    };
  }
}
