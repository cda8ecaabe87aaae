package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static dev.wasmmemory.memory.TestBytes.assertSameBytes;
import static dev.wasmmemory.memory.TestBytes.pattern;
import static dev.wasmmemory.memory.TestBytes.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * The {@link PageBudget}: a refused operation changes nothing, writing zeros costs nothing, and
 * every page acquired is released again.
 */
class BudgetContractTest {

  /** One page of data on page 0; pages 1 and 2 absent; the budget holds exactly that page. */
  private static LinearMemory onePagePresent(MemoryFactory memories, CountingPageBudget budget) {
    LinearMemory memory = memories.alloc(3, null, budget);
    memory.set(0, pattern(1, PAGE_SIZE));
    budget.exhaust();
    return memory;
  }

  private static void assertRefusedAndUnchanged(
      MemoryFactory memories, String operation, Refusable refusable) {
    CountingPageBudget budget = CountingPageBudget.unlimited();
    LinearMemory memory = onePagePresent(memories, budget);
    byte[] before = snapshot(memory);
    long version = memory.version();

    assertThatThrownBy(refusable.on(memory))
        .as(operation)
        .isInstanceOf(MemoryBudgetExceededException.class);

    assertSameBytes(snapshot(memory), before);
    assertThat(memory.materializedPages()).as(operation).isEqualTo(1);
    assertThat(budget.held()).as(operation).isEqualTo(1);
    assertThat(memory.version()).as(operation).isEqualTo(version);
  }

  @FunctionalInterface
  private interface Refusable {
    ThrowingCallable on(LinearMemory memory);
  }

  @ContractTest
  void setRefusedByTheBudgetChangesNothing(MemoryFactory memories) {
    assertRefusedAndUnchanged(
        memories, "set", m -> () -> m.set(PAGE_SIZE - 10, TestBytes.filled(PAGE_SIZE, 1)));
  }

  @ContractTest
  void setBitsAcrossAPageRefusedByTheBudgetChangesNothing(MemoryFactory memories) {
    assertRefusedAndUnchanged(
        memories, "setBits", m -> () -> m.setBits(ValueType.I64, PAGE_SIZE - 4, -1L));
    assertRefusedAndUnchanged(
        memories, "setBits", m -> () -> m.setBits(ValueType.U8, 2L * PAGE_SIZE, 1));
  }

  @ContractTest
  void clearRefusedByTheBudgetChangesNothing(MemoryFactory memories) {
    assertRefusedAndUnchanged(memories, "clear", m -> () -> m.clear(10, (byte) 1, PAGE_SIZE));
  }

  @ContractTest
  void copyRefusedByTheBudgetChangesNothing(MemoryFactory memories) {
    assertRefusedAndUnchanged(memories, "copy", m -> () -> m.copy(0, PAGE_SIZE + 5, PAGE_SIZE));
    assertRefusedAndUnchanged(memories, "copy with overlap", m -> () -> m.copy(0, 5, PAGE_SIZE));
    assertRefusedAndUnchanged(
        memories, "copyNonOverlapping", m -> () -> m.copyNonOverlapping(0, PAGE_SIZE, 10));
  }

  @ContractTest
  void transferRefusedByTheBudgetChangesNothing(MemoryFactory memories) {
    LinearMemory source = memories.alloc(1);
    source.set(0, pattern(2, PAGE_SIZE));

    assertRefusedAndUnchanged(
        memories, "transfer", m -> () -> m.transferFrom(source, 0, PAGE_SIZE - 1, 2));
  }

  @ContractTest
  void writeFromRefusedByTheBudgetChangesNothing(MemoryFactory memories) {
    assertRefusedAndUnchanged(
        memories,
        "writeFrom of a partial page",
        m -> () -> m.writeFrom(PAGE_SIZE + 1, 10, new ByteArrayInputStream(pattern(3, 10))));
    assertRefusedAndUnchanged(
        memories,
        "writeFrom of whole pages",
        m ->
            () ->
                m.writeFrom(
                    PAGE_SIZE - 10, -1, new ByteArrayInputStream(pattern(4, 2 * PAGE_SIZE + 10))));
  }

  @ContractTest
  void withDirectAccessMutRefusedByTheBudgetNeverCallsTheVisitor(MemoryFactory memories) {
    assertRefusedAndUnchanged(
        memories,
        "withDirectAccessMut",
        m ->
            () ->
                m.withDirectAccessMut(
                    PAGE_SIZE - 1,
                    2,
                    chunk -> {
                      throw new AssertionError("visitor called");
                    }));
  }

  @ContractTest
  void writingZerosToAbsentPagesNeedsNoBudget(MemoryFactory memories) throws IOException {
    CountingPageBudget budget = new CountingPageBudget(0);
    LinearMemory memory = memories.alloc(3, null, budget);
    LinearMemory other = memories.alloc(3, null, budget);

    memory.set(PAGE_SIZE - 5, new byte[PAGE_SIZE]);
    memory.setBits(ValueType.I64, PAGE_SIZE - 4, 0);
    memory.clear(0, (byte) 0, 3L * PAGE_SIZE);
    memory.zero(5, 10);
    memory.copy(0, PAGE_SIZE + 3, PAGE_SIZE);
    memory.copyNonOverlapping(0, 2L * PAGE_SIZE, PAGE_SIZE);
    memory.transferFrom(other, 0, 1, 2L * PAGE_SIZE);
    memory.writeFrom(3, PAGE_SIZE - 10, new ByteArrayInputStream(new byte[PAGE_SIZE - 10]));
    memory.erase();

    assertThat(memory.materializedPages()).isZero();
    assertThat(budget.held()).isZero();
  }

  @ContractTest
  void copyOfZerosWithOverlapNeedsNoBudget(MemoryFactory memories) {
    CountingPageBudget budget = new CountingPageBudget(0);
    LinearMemory memory = memories.alloc(3, null, budget);

    memory.copy(0, 100, 2L * PAGE_SIZE);
    memory.copy(PAGE_SIZE + 100, PAGE_SIZE, PAGE_SIZE);

    assertThat(memory.materializedPages()).isZero();
  }

  @ContractTest
  void copyWithOverlapAsksOnlyForThePagesItFills(MemoryFactory memories) {
    CountingPageBudget budget = CountingPageBudget.unlimited();
    LinearMemory memory = memories.alloc(4, null, budget);
    memory.set(PAGE_SIZE - 8, pattern(5, 8));
    budget.limitTo(2);

    memory.copy(PAGE_SIZE - 8, PAGE_SIZE - 4, 2L * PAGE_SIZE);

    assertThat(memory.materializedPages()).isEqualTo(2);
    assertThat(memory.get(PAGE_SIZE - 4, 8)).isEqualTo(pattern(5, 8));
  }

  @ContractTest
  void materializedPagesAreWhatTheBudgetHolds(MemoryFactory memories) throws IOException {
    CountingPageBudget budget = CountingPageBudget.unlimited();
    LinearMemory memory = memories.alloc(6, null, budget);

    memory.set(PAGE_SIZE - 3, pattern(6, 10));
    memory.setBits(ValueType.U16, 3L * PAGE_SIZE, 0xFFFF);
    memory.clear(4L * PAGE_SIZE, (byte) 1, PAGE_SIZE + 10);
    memory.copy(PAGE_SIZE - 3, 2L * PAGE_SIZE + 5, 2L * PAGE_SIZE);
    memory.writeFrom(0, PAGE_SIZE, new ByteArrayInputStream(pattern(7, PAGE_SIZE)));
    memory.zero(PAGE_SIZE, 2L * PAGE_SIZE);
    memory.withDirectAccessMut(10, 5, chunk -> chunk.put(0, (byte) 1));

    assertThat(budget.held()).isEqualTo(memory.materializedPages());
    assertThat(budget.held()).isPositive();
  }

  @ContractTest
  void eraseGivesTheBudgetBackToZero(MemoryFactory memories) throws IOException {
    CountingPageBudget budget = CountingPageBudget.unlimited();
    LinearMemory memory = memories.alloc(4, null, budget);
    memory.set(0, pattern(8, 4 * PAGE_SIZE));
    try (RegionView view = memory.view(0, 4L * PAGE_SIZE)) {
      memory.set(10, new byte[] {1, 2});
      memory.writeFrom(PAGE_SIZE, PAGE_SIZE, new ByteArrayInputStream(pattern(9, PAGE_SIZE)));
    }

    memory.erase();

    assertThat(budget.held()).isZero();
    assertThat(budget.overReleased()).isFalse();
  }

  @ContractTest
  void closeGivesTheBudgetBackToZeroAndClosingTwiceIsHarmless(MemoryFactory memories) {
    CountingPageBudget budget = CountingPageBudget.unlimited();
    LinearMemory memory = memories.alloc(2, null, budget);
    LinearMemory other = memories.alloc(1, null, budget);
    memory.set(0, pattern(10, 2 * PAGE_SIZE));
    other.set(0, pattern(11, 5));

    memory.close();
    memory.close();

    assertThat(budget.held()).isEqualTo(1);
    assertThat(other.get(0, 5)).isEqualTo(pattern(11, 5));
    other.close();
    assertThat(budget.held()).isZero();
    assertThat(budget.overReleased()).isFalse();
  }

  @ContractTest
  void budgetExceededExceptionCarriesTheNumbers(MemoryFactory memories) {
    CountingPageBudget budget = new CountingPageBudget(1);
    LinearMemory memory = memories.alloc(3, null, budget);

    assertThatThrownBy(() -> memory.clear(0, (byte) 1, 3L * PAGE_SIZE))
        .isInstanceOfSatisfying(
            MemoryBudgetExceededException.class,
            e -> {
              assertThat(e.requestedPages()).isEqualTo(3);
              assertThat(e.availablePages()).isEqualTo(1);
            });
  }
}
