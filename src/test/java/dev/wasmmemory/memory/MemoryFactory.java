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

  /** Closes the store behind the memories, if it has one. */
  @Override
  default void close() {}
}
