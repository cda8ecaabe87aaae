package dev.wasmmemory.memory;

import org.junit.jupiter.api.Test;

/**
 * Lincheck on a memory over a persistent store with a cache of one page (model checking), so that
 * loads, evictions and commits interleave with every operation.
 */
public class StoredPagesLincheckTest extends LinearMemoryLincheck {
  @Override
  protected LinearMemory newMemory() {
    return new MapPageStore.Factory(1).alloc(1, 2L, PageBudget.UNLIMITED);
  }

  @Test
  void modelCheckedRunsAreLinearizable() {
    modelCheck();
  }
}
