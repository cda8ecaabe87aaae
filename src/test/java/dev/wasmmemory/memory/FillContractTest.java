package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static dev.wasmmemory.memory.TestBytes.assertAllBytes;
import static dev.wasmmemory.memory.TestBytes.assertSameBytes;
import static dev.wasmmemory.memory.TestBytes.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code clear} (memset), {@code zero} and {@code erase}, and the storage they give back. */
class FillContractTest {

  @ContractTest
  void clearSetsEveryByteOfTheRegionAcrossPages(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(3);

    memory.clear(PAGE_SIZE - 5, (byte) 0xAB, PAGE_SIZE + 10);

    byte[] expected = new byte[3 * PAGE_SIZE];
    java.util.Arrays.fill(expected, PAGE_SIZE - 5, 2 * PAGE_SIZE + 5, (byte) 0xAB);
    assertSameBytes(snapshot(memory), expected);
  }

  @ContractTest
  void clearOutOfBoundsChangesNothing(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);

    assertThatThrownBy(() -> memory.clear(10, (byte) 1, PAGE_SIZE))
        .isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.clear(Pages.MAX_U32, (byte) 1, 2))
        .isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.zero(1, Pages.MAX_U32))
        .isInstanceOf(OutOfBoundsException.class);

    assertAllBytes(snapshot(memory), 0);
    assertThat(memory.materializedPages()).isZero();
  }

  @ContractTest
  void clearOfLengthZeroAtTheEndIsInBounds(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);

    memory.clear(PAGE_SIZE, (byte) 1, 0);
    memory.zero(PAGE_SIZE, 0);

    assertAllBytes(snapshot(memory), 0);
  }

  @ContractTest
  void zeroZeroesPartOfAPage(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(2);
    memory.set(0, TestBytes.filled(2 * PAGE_SIZE, 7));

    memory.zero(PAGE_SIZE - 2, 4);

    byte[] expected = TestBytes.filled(2 * PAGE_SIZE, 7);
    java.util.Arrays.fill(expected, PAGE_SIZE - 2, PAGE_SIZE + 2, (byte) 0);
    assertSameBytes(snapshot(memory), expected);
  }

  @ContractTest
  void zeroOfWholePagesReleasesTheirStorage(MemoryFactory memories) {
    CountingPageBudget budget = CountingPageBudget.unlimited();
    LinearMemory memory = memories.alloc(4, null, budget);
    memory.set(0, TestBytes.filled(4 * PAGE_SIZE, 7));
    assertThat(memory.materializedPages()).isEqualTo(4);

    memory.zero(PAGE_SIZE - 1, 2 * PAGE_SIZE + 2);

    assertThat(memory.materializedPages()).isEqualTo(2);
    assertThat(budget.held()).isEqualTo(2);
    assertAllBytes(memory.get(PAGE_SIZE - 1, 2 * PAGE_SIZE + 2), 0);
    assertThat(memory.get(PAGE_SIZE - 2, 1)).containsExactly(7);
    assertThat(memory.get(3L * PAGE_SIZE + 1, 1)).containsExactly(7);
  }

  @ContractTest
  void clearWithZeroOfWholePagesReleasesTheirStorageToo(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(2);
    memory.set(0, TestBytes.filled(2 * PAGE_SIZE, 1));

    memory.clear(0, (byte) 0, 2 * PAGE_SIZE);

    assertThat(memory.materializedPages()).isZero();
  }

  @ContractTest
  void eraseZeroesEveryByteKeepsTheSizeAndReleasesEveryPage(MemoryFactory memories) {
    CountingPageBudget budget = CountingPageBudget.unlimited();
    LinearMemory memory = memories.alloc(3, 5L, budget);
    memory.set(PAGE_SIZE - 2, TestBytes.filled(PAGE_SIZE + 4, 9));
    memory.setBits(ValueType.I64, 0, -1L);
    long version = memory.version();

    memory.erase();

    assertThat(memory.currentPages()).isEqualTo(3);
    assertThat(memory.limits().maximumPages()).isEqualTo(5);
    assertAllBytes(snapshot(memory), 0);
    assertThat(memory.materializedPages()).isZero();
    assertThat(budget.held()).isZero();
    assertThat(memory.version()).isNotEqualTo(version);
  }

  @ContractTest
  void eraseOfAnEmptyMemoryIsHarmless(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(0);

    memory.erase();

    assertThat(memory.sizeBytes()).isZero();
  }
}
