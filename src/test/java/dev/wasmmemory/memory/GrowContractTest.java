package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.MAX_PAGES;
import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static dev.wasmmemory.memory.TestBytes.assertAllBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code grow}: previous size returned, zeroed pages added, limits refused without change. */
class GrowContractTest {

  @ContractTest
  void growReturnsThePreviousSizeAndAddsZeroedPages(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1, 4L);
    memory.set(PAGE_SIZE - 1, new byte[] {42});

    assertThat(memory.grow(2)).isEqualTo(1);

    assertThat(memory.currentPages()).isEqualTo(3);
    assertThat(memory.sizeBytes()).isEqualTo(3L * PAGE_SIZE);
    assertThat(memory.get(PAGE_SIZE - 1, 1)).containsExactly(42);
    assertAllBytes(memory.get(PAGE_SIZE, 2L * PAGE_SIZE), 0);
  }

  @ContractTest
  void growByZeroReturnsTheSizeAndChangesNothing(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(2, 2L);
    long version = memory.version();

    assertThat(memory.grow(0)).isEqualTo(2);

    assertThat(memory.currentPages()).isEqualTo(2);
    assertThat(memory.version()).isEqualTo(version);
  }

  @ContractTest
  void growByZeroIsAllowedOnAnEmptyMemoryWithMaximumZero(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(0, 0L);

    assertThat(memory.grow(0)).isZero();
    assertThatThrownBy(() -> memory.grow(1)).isInstanceOf(GrowLimitExceededException.class);
    assertThat(memory.sizeBytes()).isZero();
  }

  @ContractTest
  void growToExactly65536PagesSucceeds(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(0);

    assertThat(memory.grow(MAX_PAGES)).isZero();

    assertThat(memory.currentPages()).isEqualTo(MAX_PAGES);
    assertThat(memory.sizeBytes()).isEqualTo(Pages.MAX_BYTES);
    assertThat(memory.grow(0)).isEqualTo(MAX_PAGES);
  }

  @ContractTest
  void growToExactlyItsOwnMaximumSucceeds(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1, 3L);

    assertThat(memory.grow(2)).isEqualTo(1);
    assertThat(memory.currentPages()).isEqualTo(3);
  }

  @ContractTest
  void growPastOwnMaximumChangesNothing(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1, 3L);
    memory.set(0, new byte[] {1, 2, 3});
    long version = memory.version();

    assertThatThrownBy(() -> memory.grow(3))
        .isInstanceOfSatisfying(
            GrowLimitExceededException.class,
            e -> {
              assertThat(e.currentPages()).isEqualTo(1);
              assertThat(e.requestedPages()).isEqualTo(3);
              assertThat(e.maximumPages()).isEqualTo(3);
            });

    assertThat(memory.currentPages()).isEqualTo(1);
    assertThat(memory.get(0, 3)).containsExactly(1, 2, 3);
    assertThat(memory.version()).isEqualTo(version);
  }

  @ContractTest
  void growPast65536PagesChangesNothing(MemoryFactory memories) {
    LinearMemory full = memories.alloc(MAX_PAGES);
    LinearMemory small = memories.alloc(1);

    assertThatThrownBy(() -> full.grow(1))
        .isInstanceOfSatisfying(
            GrowLimitExceededException.class, e -> assertThat(e.maximumPages()).isEqualTo(65536));
    assertThatThrownBy(() -> small.grow(MAX_PAGES)).isInstanceOf(GrowLimitExceededException.class);
    assertThatThrownBy(() -> small.grow(Pages.MAX_U32))
        .isInstanceOf(GrowLimitExceededException.class);
    assertThatThrownBy(() -> small.grow(Long.MAX_VALUE))
        .isInstanceOf(GrowLimitExceededException.class);

    assertThat(full.currentPages()).isEqualTo(MAX_PAGES);
    assertThat(small.currentPages()).isEqualTo(1);
  }

  @ContractTest
  void growWithAMaximumAbove65536IsImpossibleSoTheGlobalLimitApplies(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(MAX_PAGES - 1, (long) MAX_PAGES);

    assertThat(memory.grow(1)).isEqualTo(MAX_PAGES - 1);
    assertThatThrownBy(() -> memory.grow(1)).isInstanceOf(GrowLimitExceededException.class);
  }

  @ContractTest
  void growByANegativeNumberIsRefused(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);

    assertThatThrownBy(() -> memory.grow(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(memory.currentPages()).isEqualTo(1);
  }

  @ContractTest
  void growCostsNoStorage(MemoryFactory memories) {
    CountingPageBudget budget = CountingPageBudget.unlimited();
    LinearMemory memory = memories.alloc(0, null, budget);

    memory.grow(1000);

    assertThat(memory.materializedPages()).isZero();
    assertThat(budget.held()).isZero();
  }

  @ContractTest
  void growChangesTheVersion(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(0);
    long version = memory.version();

    memory.grow(1);

    assertThat(memory.version()).isNotEqualTo(version);
  }
}
