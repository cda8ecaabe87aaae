package dev.wasmmemory.service.batch;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmmemory.memory.GrowLimitExceededException;
import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryBudgetExceededException;
import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.memory.OutOfBoundsException;
import dev.wasmmemory.memory.PageBudget;
import dev.wasmmemory.memory.RegionsOverlapException;
import dev.wasmmemory.memory.ValueType;
import dev.wasmmemory.memory.VersionMismatchException;
import dev.wasmmemory.service.MemoryBudget;
import dev.wasmmemory.service.batch.BatchOperation.Copy;
import dev.wasmmemory.service.batch.BatchOperation.Fill;
import dev.wasmmemory.service.batch.BatchOperation.Get;
import dev.wasmmemory.service.batch.BatchOperation.GetValue;
import dev.wasmmemory.service.batch.BatchOperation.Grow;
import dev.wasmmemory.service.batch.BatchOperation.Set;
import dev.wasmmemory.service.batch.BatchOperation.SetValue;
import dev.wasmmemory.store.MemoryStore;
import dev.wasmmemory.store.StoreFactories.StoreFactory;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Batches on every store: in order, under one lock, all or nothing, one version step. */
class BatchesTest {
  private static final String STORES = "dev.wasmmemory.store.StoreFactories#forMemories";

  @ParameterizedTest(name = "{0}")
  @MethodSource(STORES)
  void operationsRunInOrderAndAnswerTheirResultsWithOneVersionStep(StoreFactory stores) {
    try (MemoryStore store = stores.apply(PageBudget.UNLIMITED)) {
      LinearMemory memory = store.create(MemoryLimits.of(1, 4L), null);
      long before = memory.version();

      BatchResult result =
          Batches.apply(
              memory,
              List.of(
                  new SetValue(ValueType.I32, 8, 42),
                  new Set(16, new byte[] {(byte) 0xDE, (byte) 0xAD}),
                  new GetValue(ValueType.I32, 8),
                  new Get(16, 2),
                  new Fill(0, 4, (byte) 0xFF),
                  new Grow(1),
                  new Copy(0, PAGE_SIZE - 2, 4, false),
                  new SetValue(ValueType.I64, PAGE_SIZE + 8, -1)));

      assertThat(result.version()).isEqualTo(before + 1).isEqualTo(memory.version());
      List<Object> results = result.results();
      assertThat(results.get(0)).isNull();
      assertThat(results.get(2)).isEqualTo(new BatchResult.Value(ValueType.I32, 42));
      assertThat(((BatchResult.Bytes) results.get(3)).data()).containsExactly(0xDE, 0xAD);
      assertThat(results.get(5)).isEqualTo(new BatchResult.Grown(1));
      assertThat(memory.currentPages()).isEqualTo(2);
      assertThat(memory.get(PAGE_SIZE - 2, 4)).containsExactly(0xFF, 0xFF, 0xFF, 0xFF);
      assertThat(memory.getBits(ValueType.I64, PAGE_SIZE + 8)).isEqualTo(-1L);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(STORES)
  void aFailingOperationNamesItsIndexAndNothingOfTheBatchIsApplied(StoreFactory stores) {
    try (MemoryStore store = stores.apply(PageBudget.UNLIMITED)) {
      LinearMemory memory = store.create(MemoryLimits.of(1, 2L), null);
      memory.set(0, new byte[] {1, 2, 3});
      long before = memory.version();

      assertBatchFails(
          memory,
          List.of(
              new SetValue(ValueType.I32, 0, 9), new Grow(1), new Set(2 * PAGE_SIZE, new byte[1])),
          2,
          OutOfBoundsException.class);
      assertBatchFails(
          memory,
          List.of(new Fill(0, 3, (byte) 0), new Grow(2)),
          1,
          GrowLimitExceededException.class);
      assertBatchFails(
          memory,
          List.of(new SetValue(ValueType.U8, 0, 7), new Copy(0, 1, 2, true)),
          1,
          RegionsOverlapException.class);
      assertBatchFails(
          memory,
          List.of(new GetValue(ValueType.I64, 0), new GetValue(ValueType.I64, PAGE_SIZE - 4)),
          1,
          OutOfBoundsException.class);

      assertThat(memory.get(0, 3)).containsExactly(1, 2, 3);
      assertThat(memory.currentPages()).isEqualTo(1);
      assertThat(memory.version()).isEqualTo(before);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(STORES)
  void aBatchThePagesOfWhichDoNotFitChangesNothing(StoreFactory stores) {
    MemoryBudget budget = new MemoryBudget(PAGE_SIZE);
    try (MemoryStore store = stores.apply(budget)) {
      LinearMemory memory = store.create(MemoryLimits.unbounded(2), null);

      assertBatchFails(
          memory,
          List.of(new SetValue(ValueType.I32, 0, 1), new SetValue(ValueType.I32, PAGE_SIZE, 2)),
          1,
          MemoryBudgetExceededException.class);
      assertThat(memory.materializedPages()).isZero();
      assertThat(budget.usedBytes()).isZero();

      Batches.apply(
          memory, List.of(new SetValue(ValueType.I32, 0, 1), new SetValue(ValueType.I32, 4, 2)));
      assertThat(budget.usedBytes()).isEqualTo(PAGE_SIZE);
    }
  }

  /** A typed write after another on the same page is still checked: its bounds, its next page. */
  @ParameterizedTest(name = "{0}")
  @MethodSource(STORES)
  void typedWritesNextToEachOtherAreEachCheckedAndPaidFor(StoreFactory stores) {
    MemoryBudget budget = new MemoryBudget(PAGE_SIZE);
    try (MemoryStore store = stores.apply(budget)) {
      LinearMemory memory = store.create(MemoryLimits.of(2, 3L), null);

      assertBatchFails(
          memory,
          List.of(
              new SetValue(ValueType.I32, 8, 1), new SetValue(ValueType.I64, 2 * PAGE_SIZE - 4, 2)),
          1,
          OutOfBoundsException.class);
      assertBatchFails(
          memory,
          List.of(new SetValue(ValueType.I32, 8, 1), new SetValue(ValueType.I64, PAGE_SIZE - 4, 2)),
          1,
          MemoryBudgetExceededException.class);
      assertBatchFails(
          memory,
          List.of(
              new SetValue(ValueType.I32, 2 * PAGE_SIZE - 8, 1),
              new Grow(1),
              new SetValue(ValueType.I32, 2 * PAGE_SIZE - 4, 2),
              new SetValue(ValueType.I32, 2 * PAGE_SIZE, 3)),
          3,
          MemoryBudgetExceededException.class);
      assertThat(memory.materializedPages()).isZero();
      assertThat(memory.currentPages()).isEqualTo(2);
      assertThat(budget.usedBytes()).isZero();

      Batches.apply(
          memory,
          List.of(
              new Set(PAGE_SIZE + 4, new byte[] {7}),
              new SetValue(ValueType.I32, PAGE_SIZE + 8, 1),
              new SetValue(ValueType.I64, 2 * PAGE_SIZE - 8, -1)));
      assertThat(budget.usedBytes()).isEqualTo(PAGE_SIZE);
      assertThat(memory.getBits(ValueType.I64, 2 * PAGE_SIZE - 8)).isEqualTo(-1L);
      assertThat(memory.get(PAGE_SIZE + 4, 5)).containsExactly(7, 0, 0, 0, 1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(STORES)
  void aBatchThatOnlyReadsLeavesTheVersionAndAStaleOneIsRefused(StoreFactory stores) {
    try (MemoryStore store = stores.apply(PageBudget.UNLIMITED)) {
      LinearMemory memory = store.create(MemoryLimits.unbounded(1), null);
      long stale = memory.version();
      memory.set(0, new byte[] {4});

      BatchResult read = Batches.apply(memory, List.of(new Get(0, 1)));
      assertThat(read.version()).isEqualTo(memory.version()).isEqualTo(stale + 1);

      assertThatThrownBy(
              () -> Batches.apply(memory.ifVersion(stale), List.of(new Fill(0, 1, (byte) 9))))
          .isInstanceOf(VersionMismatchException.class);
      assertThat(memory.get(0, 1)).containsExactly(4);
    }
  }

  private static void assertBatchFails(
      LinearMemory memory, List<BatchOperation> operations, int index, Class<?> cause) {
    assertThatThrownBy(() -> Batches.apply(memory, operations))
        .isInstanceOfSatisfying(
            BatchOperationException.class,
            e -> {
              assertThat(e.index()).isEqualTo(index);
              assertThat(e.getCause()).isInstanceOf(cause);
            });
  }
}
