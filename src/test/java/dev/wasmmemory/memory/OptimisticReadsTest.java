package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link OptimisticReads}, the small reads without a lock: they zero what they read from a page of
 * zeros, refuse a region past the end even where the page table has room beyond it (after a grow),
 * read a page loaded from a store, copy the bytes of a page in the heap, and never answer for a
 * closed memory.
 */
class OptimisticReadsTest {

  /** Three pages in a table with room for four: grown one page at a time. */
  private static MemoryInstance grown() {
    MemoryInstance memory =
        MemoryInstance.create("m", MemoryLimits.of(1, 4L), PageBudget.UNLIMITED);
    memory.grow(1);
    memory.grow(1);
    return memory;
  }

  @Test
  void aReadOfAPageOfZerosZeroesTheTarget() {
    MemoryInstance memory = grown();
    byte[] target = TestBytes.filled(16, 7);

    memory.getInto(PAGE_SIZE + 8, target);

    TestBytes.assertAllBytes(target, 0);
  }

  @Test
  void aReadPastTheEndIsOutOfBoundsThoughTheTableHasRoom() {
    MemoryInstance memory = grown();

    assertThatThrownBy(() -> memory.getInto(3L * PAGE_SIZE, new byte[4]))
        .isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.getValue(ValueType.U32, 3L * PAGE_SIZE))
        .isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.getValue(ValueType.U8, 3L * PAGE_SIZE + 5))
        .isInstanceOf(OutOfBoundsException.class);
  }

  @Test
  void aClosedMemoryAnswersNoRead() {
    MemoryInstance memory = grown();
    memory.set(0, new byte[] {1});
    memory.close();

    assertThatThrownBy(() -> memory.getInto(0, new byte[1]))
        .isInstanceOf(MemoryClosedException.class);
    assertThatThrownBy(() -> memory.getValue(ValueType.U8, 0))
        .isInstanceOf(MemoryClosedException.class);
    assertThatThrownBy(() -> memory.getValue(ValueType.U8, PAGE_SIZE))
        .isInstanceOf(MemoryClosedException.class);
  }

  @Test
  void pagesNotInTheHeapAreReadFromTheStore() {
    MapPageStore store = new MapPageStore(2);
    MemoryInstance memory =
        store.open(MemoryLimits.of(2, 2L), PageBudget.UNLIMITED, new PageCache(PAGE_SIZE));
    memory.set(0, new byte[] {1, 2, 3, 4});
    memory.set(PAGE_SIZE, new byte[] {5}); // page 0 leaves the heap
    assertThat(memory.holds(0)).isFalse();
    byte[] target = new byte[4];

    memory.getInto(0, target);

    assertThat(target).containsExactly(1, 2, 3, 4);
    assertThat(memory.getValue(ValueType.U8, PAGE_SIZE).bits()).isEqualTo(5);
    assertThat(memory.getValue(ValueType.U32, 0).bits()).isEqualTo(0x04030201);
    assertThat(Arrays.equals(memory.get(0, 4), target)).isTrue();
  }

  @Test
  void aValueAcrossPagesIsReadWithItsOwnBytesOnly() {
    MemoryInstance memory = grown();
    memory.set(PAGE_SIZE - 4, TestBytes.filled(8, 0xFF));
    memory.set(PAGE_SIZE - 1, new byte[] {1, 2});

    assertThat(memory.getValue(ValueType.U16, PAGE_SIZE - 1).bits()).isEqualTo(0x0201);
    assertThat(memory.getValue(ValueType.U32, PAGE_SIZE - 2).bits()).isEqualTo(0xFF02_01FFL);
  }

  @Test
  void aLargeReadOfPagesOfZerosZeroesTheTarget() {
    MemoryInstance memory = grown();
    byte[] target = TestBytes.filled(2 * PAGE_SIZE, 7);

    memory.getInto(PAGE_SIZE / 2, target);

    TestBytes.assertAllBytes(target, 0);
  }

  @Test
  void aReadWithinAPageInTheHeapCopiesItsBytes() {
    MemoryInstance memory = grown();
    memory.set(PAGE_SIZE + 100, new byte[] {1, 2, 3});
    byte[] target = TestBytes.filled(4, 9);

    memory.getInto(PAGE_SIZE + 99, target);

    assertThat(target).containsExactly(0, 1, 2, 3);
  }
}
