package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a heap memory pays for the pages it shares with its snapshots ({@link PageTable}'s frozen
 * pages): zeroing copies only the pages it zeroes in part, a snapshot larger than those that remain
 * is released page by page, a reservation grows by the difference only, and closing gives back the
 * memory's pages with those only its snapshots held.
 */
class SnapshotPagesTest {
  private final CountingPageBudget budget = CountingPageBudget.unlimited();
  private final MemoryInstance memory = MemoryInstance.create("m", MemoryLimits.of(3, 3L), budget);

  @Test
  void zeroingPagesASnapshotHoldsCopiesOnlyThosePartlyZeroed() throws Exception {
    memory.set(0, TestBytes.filled(3 * PAGE_SIZE, 1));
    FrozenPages snapshot = memory.freeze();

    memory.zero(10, 2L * PAGE_SIZE);

    assertThat(budget.held()).as("3 pages, and copies of pages 0 and 2").isEqualTo(5);
    assertThat(memory.snapshotOnlyPages()).isEqualTo(3);
    assertThat(memory.materializedPages()).isEqualTo(2);
    TestBytes.assertAllBytes(memory.get(10, 2L * PAGE_SIZE), 0);
    assertThat(memory.get(9, 1)).containsExactly(1);
    assertThat(memory.get(2L * PAGE_SIZE + 10, 1)).containsExactly(1);
    TestBytes.assertAllBytes(SnapshotPropertyTest.bytesOf(snapshot), 1);

    memory.close();
    assertThat(budget.held()).as("the snapshot's pages go with the memory").isZero();
  }

  @Test
  void aSnapshotLargerThanTheOnesThatRemainIsReleasedPageByPage() {
    MemoryInstance growing = MemoryInstance.create("g", MemoryLimits.of(1, 2L), budget);
    growing.set(0, new byte[] {1});
    FrozenPages small = growing.freeze();
    growing.grow(1);
    growing.set(PAGE_SIZE, new byte[] {2});
    FrozenPages large = growing.freeze();

    assertThat(growing.releaseSnapshot(large, List.of(small))).isEmpty();
    growing.set(PAGE_SIZE, new byte[] {3}); // no longer frozen: written in place, unpaid
    assertThat(budget.held()).isEqualTo(2);
    assertThat(growing.releaseSnapshot(small, List.of())).isEmpty();
    assertThat(growing.snapshotOnlyPages()).isZero();
  }

  @Test
  void aLargerPrepaymentTakesOnlyTheDifference() {
    budget.limitTo(3);

    long held =
        memory.exclusive(
            access -> {
              access.prepay(1);
              access.prepay(3);
              access.prepay(2);
              return budget.held();
            });

    assertThat(held).isEqualTo(3);
    assertThat(budget.held()).isZero();
  }
}
