package dev.wasmmemory.memory;

import org.junit.jupiter.api.Test;

/** Lincheck on the heap store (model checking). */
public class HeapLincheckTest extends LinearMemoryLincheck {
  @Override
  protected LinearMemory newMemory() {
    return MemoryInstance.alloc(1, 2L);
  }

  @Test
  void modelCheckedRunsAreLinearizable() {
    modelCheck();
  }
}
