package dev.wasmmemory.memory;

/**
 * Allocates memories backed by one storage implementation, so that the contract suites run
 * unchanged against each. {@link MemoryFactories#all()} lists the implementations.
 */
@FunctionalInterface
interface MemoryFactory extends AutoCloseable {
  LinearMemory alloc(long initialPages, Long maximumPages, PageBudget budget);

  default LinearMemory alloc(long initialPages, Long maximumPages) {
    return alloc(initialPages, maximumPages, PageBudget.UNLIMITED);
  }

  default LinearMemory alloc(long initialPages) {
    return alloc(initialPages, null);
  }

  /**
   * {@code memory} as a restart would find it, opened afresh from its store; null for a store that
   * keeps nothing beyond the process (the heap).
   */
  default LinearMemory reopen(LinearMemory memory) {
    return null;
  }

  /**
   * {@code count} iterations of a loop that hammers the store, scaled to what it costs: a store
   * across the network pays a round trip per operation, so it runs fewer.
   */
  default int scaled(int count) {
    return count;
  }

  /** Closes the store behind the memories, if it has one. */
  @Override
  default void close() {}
}
