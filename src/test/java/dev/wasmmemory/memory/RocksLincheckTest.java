package dev.wasmmemory.memory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Lincheck on the RocksDB store (stress: RocksDB is native code, out of the model's reach). */
public class RocksLincheckTest extends LinearMemoryLincheck {
  /** One database for every run: Lincheck makes a test instance (a memory) per scenario. */
  private static final RocksFactory STORE = new RocksFactory(1);

  @Override
  protected LinearMemory newMemory() {
    return STORE.alloc(1, 2L, PageBudget.UNLIMITED);
  }

  @AfterAll
  static void closeStore() {
    STORE.close();
  }

  @Test
  void stressedRunsAreLinearizable() {
    stressCheck(20);
  }
}
