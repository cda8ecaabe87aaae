package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static dev.wasmmemory.memory.TestBytes.assertAllBytes;
import static dev.wasmmemory.memory.TestBytes.assertSameBytes;
import static dev.wasmmemory.memory.TestBytes.pattern;
import static dev.wasmmemory.memory.TestBytes.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code get}, {@code getInto} and {@code set}, with wasmi's bounds edge cases. */
class BytesContractTest {

  @ContractTest
  void newMemoryReadsAsZeros(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(2);

    assertThat(memory.sizeBytes()).isEqualTo(2L * PAGE_SIZE);
    assertAllBytes(memory.get(0, 2L * PAGE_SIZE), 0);
  }

  @ContractTest
  void setThenGetReturnsTheBytesAcrossPages(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(3);
    byte[] bytes = pattern(1, PAGE_SIZE + 20);

    memory.set(PAGE_SIZE - 10, bytes);

    assertSameBytes(memory.get(PAGE_SIZE - 10, bytes.length), bytes);
    assertThat(memory.get(PAGE_SIZE - 11, 1)).containsExactly(0);
    assertThat(memory.get(2L * PAGE_SIZE + 10, 1)).containsExactly(0);
  }

  @ContractTest
  void setOfASliceWritesOnlyTheSlice(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);
    byte[] source = {1, 2, 3, 4, 5};

    memory.set(100, source, 1, 3);

    assertThat(memory.get(99, 5)).containsExactly(0, 2, 3, 4, 0);
  }

  @ContractTest
  void setOfASliceBeyondItsArrayChangesNothing(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(3);
    memory.set(0, TestBytes.filled(3 * PAGE_SIZE, 7));
    byte[] before = snapshot(memory);
    byte[] source = pattern(2, 2 * PAGE_SIZE);

    assertThatThrownBy(() -> memory.set(0, source, 10, 2 * PAGE_SIZE))
        .isInstanceOf(IndexOutOfBoundsException.class);

    assertSameBytes(snapshot(memory), before);
  }

  @ContractTest
  void getIntoFillsTheTarget(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(2);
    byte[] bytes = pattern(3, 300);
    memory.set(PAGE_SIZE - 150, bytes);
    byte[] target = new byte[300];

    memory.getInto(PAGE_SIZE - 150, target);

    assertThat(target).isEqualTo(bytes);
  }

  @ContractTest
  void zeroLengthAccessAtTheExactEndIsInBounds(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);
    long end = memory.sizeBytes();

    assertThat(memory.get(end, 0)).isEmpty();
    memory.set(end, new byte[0]);
    memory.getInto(end, new byte[0]);

    assertAllBytes(memory.get(0, end), 0);
  }

  @ContractTest
  void zeroLengthAccessToAnEmptyMemoryIsInBounds(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(0);

    assertThat(memory.get(0, 0)).isEmpty();
    assertThatThrownBy(() -> memory.get(0, 1)).isInstanceOf(OutOfBoundsException.class);
  }

  @ContractTest
  void zeroLengthAccessPastTheEndIsOutOfBounds(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);

    assertThatThrownBy(() -> memory.get(PAGE_SIZE + 1, 0)).isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.set(PAGE_SIZE + 1, new byte[0]))
        .isInstanceOf(OutOfBoundsException.class);
  }

  @ContractTest
  void accessEndingOneBytePastTheEndIsOutOfBounds(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);

    assertThat(memory.get(PAGE_SIZE - 2, 2)).hasSize(2);
    assertThatThrownBy(() -> memory.get(PAGE_SIZE - 1, 2)).isInstanceOf(OutOfBoundsException.class);
  }

  @ContractTest
  void failedSetChangesNoByte(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(2);
    memory.set(0, TestBytes.filled(2 * PAGE_SIZE, 9));
    long version = memory.version();

    assertThatThrownBy(() -> memory.set(PAGE_SIZE, pattern(4, PAGE_SIZE + 1)))
        .isInstanceOf(OutOfBoundsException.class);

    assertAllBytes(snapshot(memory), 9);
    assertThat(memory.version()).isEqualTo(version);
  }

  @ContractTest
  void offsetPlusLengthOverflowing32BitsIsOutOfBounds(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);

    assertThatThrownBy(() -> memory.get(0xFFFF_FFFFL, 2))
        .isInstanceOf(OutOfBoundsException.class)
        .hasMessageContaining("4294967295");
    assertThatThrownBy(() -> memory.set(0xFFFF_FFFFL, new byte[2]))
        .isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.get(2, 0xFFFF_FFFFL)).isInstanceOf(OutOfBoundsException.class);
  }

  @ContractTest
  void regionEndingAt4GibPlusOneIsOutOfBoundsInAFullMemory(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(Pages.MAX_PAGES);

    assertThat(memory.sizeBytes()).isEqualTo(1L << 32);
    assertThatThrownBy(() -> memory.get(Pages.MAX_U32, 2)).isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.set(Pages.MAX_U32, new byte[] {1, 2}))
        .isInstanceOf(OutOfBoundsException.class);
    assertThat(memory.get(Pages.MAX_U32, 1)).containsExactly(0);
    assertThat(memory.materializedPages()).isZero();
  }

  @ContractTest
  void regionTooLargeForAnyArrayIsOutOfBoundsWhenItIsOutOfBounds(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);

    assertThatThrownBy(() -> memory.get(0, 1L << 32)).isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.get(0, Pages.MAX_U32)).isInstanceOf(OutOfBoundsException.class);
  }

  @ContractTest
  void anOutOfBoundsReadAllocatesNoBufferForIt(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();

    assertThatThrownBy(() -> memory.get(0, Integer.MAX_VALUE - 8))
        .isInstanceOf(OutOfBoundsException.class);

    assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(16L << 20);
  }

  @ContractTest
  void negativeOffsetsAndLengthsAreOutOfBounds(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);

    assertThatThrownBy(() -> memory.get(-1, 1)).isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.get(0, -1)).isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.set(-1, new byte[1])).isInstanceOf(OutOfBoundsException.class);
  }

  @ContractTest
  void outOfBoundsExceptionCarriesTheRegionAndTheSize(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);

    assertThatThrownBy(() -> memory.get(PAGE_SIZE - 1, 5))
        .isInstanceOfSatisfying(
            OutOfBoundsException.class,
            e -> {
              assertThat(e.offset()).isEqualTo(PAGE_SIZE - 1);
              assertThat(e.length()).isEqualTo(5);
              assertThat(e.sizeBytes()).isEqualTo(PAGE_SIZE);
            })
        .isInstanceOf(MemoryException.class);
  }
}
