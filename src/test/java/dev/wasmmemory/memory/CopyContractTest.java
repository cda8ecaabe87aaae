package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static dev.wasmmemory.memory.TestBytes.assertAllBytes;
import static dev.wasmmemory.memory.TestBytes.assertSameBytes;
import static dev.wasmmemory.memory.TestBytes.pattern;
import static dev.wasmmemory.memory.TestBytes.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code copy} (memmove), {@code copyNonOverlapping} and {@code transfer} between memories. */
class CopyContractTest {

  /** A memory of {@code pages} filled with a pattern, and the same bytes as an array. */
  private static LinearMemory patterned(MemoryFactory memories, int pages, byte[][] model) {
    LinearMemory memory = memories.alloc(pages);
    model[0] = pattern(pages, pages * PAGE_SIZE);
    memory.set(0, model[0]);
    return memory;
  }

  /** Copies as the reference does (System.arraycopy is a memmove) and compares every byte. */
  private static void assertCopyLikeMemmove(
      MemoryFactory memories, int pages, long source, long destination, int length) {
    byte[][] model = new byte[1][];
    LinearMemory memory = patterned(memories, pages, model);

    memory.copy(source, destination, length);

    System.arraycopy(model[0], (int) source, model[0], (int) destination, length);
    assertSameBytes(snapshot(memory), model[0]);
  }

  @ContractTest
  void copyWithOverlapForwardWithinAPage(MemoryFactory memories) {
    assertCopyLikeMemmove(memories, 1, 10, 13, 100);
  }

  @ContractTest
  void copyWithOverlapBackwardWithinAPage(MemoryFactory memories) {
    assertCopyLikeMemmove(memories, 1, 13, 10, 100);
  }

  @ContractTest
  void copyWithOverlapForwardAcrossPages(MemoryFactory memories) {
    assertCopyLikeMemmove(memories, 5, PAGE_SIZE - 100, PAGE_SIZE + 33, 3 * PAGE_SIZE);
  }

  @ContractTest
  void copyWithOverlapBackwardAcrossPages(MemoryFactory memories) {
    assertCopyLikeMemmove(memories, 5, PAGE_SIZE + 33, PAGE_SIZE - 100, 3 * PAGE_SIZE);
  }

  @ContractTest
  void copyWithOverlapByOneByteAcrossAPageBoundary(MemoryFactory memories) {
    assertCopyLikeMemmove(memories, 2, PAGE_SIZE - 5, PAGE_SIZE - 4, 10);
    assertCopyLikeMemmove(memories, 2, PAGE_SIZE - 4, PAGE_SIZE - 5, 10);
  }

  @ContractTest
  void copyOfWholeAlignedPagesWithOverlap(MemoryFactory memories) {
    assertCopyLikeMemmove(memories, 4, 0, PAGE_SIZE, 3 * PAGE_SIZE);
    assertCopyLikeMemmove(memories, 4, PAGE_SIZE, 0, 3 * PAGE_SIZE);
  }

  @ContractTest
  void copyWithoutOverlap(MemoryFactory memories) {
    assertCopyLikeMemmove(memories, 3, 7, 2 * PAGE_SIZE + 1, PAGE_SIZE - 20);
  }

  @ContractTest
  void copyOntoItselfChangesNothing(MemoryFactory memories) {
    assertCopyLikeMemmove(memories, 2, 5, 5, PAGE_SIZE);
  }

  @ContractTest
  void copyOfZerosOverDataZeroesIt(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(4);
    memory.set(0, TestBytes.filled(2 * PAGE_SIZE, 5));

    memory.copy(2L * PAGE_SIZE, 0, 2 * PAGE_SIZE);
    memory.copy(3L * PAGE_SIZE, PAGE_SIZE - 10, 20);

    assertAllBytes(snapshot(memory), 0);
  }

  @ContractTest
  void copyOfLengthZeroAtTheEndIsInBounds(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);

    memory.copy(PAGE_SIZE, PAGE_SIZE, 0);
    memory.copyNonOverlapping(PAGE_SIZE, 0, 0);

    assertThatThrownBy(() -> memory.copy(PAGE_SIZE + 1, 0, 0))
        .isInstanceOf(OutOfBoundsException.class);
  }

  @ContractTest
  void copyOutOfBoundsChangesNothing(MemoryFactory memories) {
    byte[][] model = new byte[1][];
    LinearMemory memory = patterned(memories, 2, model);

    assertThatThrownBy(() -> memory.copy(0, PAGE_SIZE + 1, PAGE_SIZE))
        .isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.copy(PAGE_SIZE + 1, 0, PAGE_SIZE))
        .isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.copy(0, Pages.MAX_U32, 2))
        .isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.copy(0, 0, Pages.MAX_U32))
        .isInstanceOf(OutOfBoundsException.class);

    assertSameBytes(snapshot(memory), model[0]);
  }

  @ContractTest
  void copyNonOverlappingCopiesDisjointRegions(MemoryFactory memories) {
    byte[][] model = new byte[1][];
    LinearMemory memory = patterned(memories, 3, model);

    memory.copyNonOverlapping(PAGE_SIZE - 8, PAGE_SIZE + 8, 16);
    memory.copyNonOverlapping(PAGE_SIZE + 100, PAGE_SIZE + 50, 50);

    System.arraycopy(model[0], PAGE_SIZE - 8, model[0], PAGE_SIZE + 8, 16);
    System.arraycopy(model[0], PAGE_SIZE + 100, model[0], PAGE_SIZE + 50, 50);
    assertSameBytes(snapshot(memory), model[0]);
  }

  @ContractTest
  void copyNonOverlappingRefusesOverlapInEitherDirectionAndChangesNothing(MemoryFactory memories) {
    byte[][] model = new byte[1][];
    LinearMemory memory = patterned(memories, 2, model);
    long version = memory.version();

    assertThatThrownBy(() -> memory.copyNonOverlapping(PAGE_SIZE - 8, PAGE_SIZE + 7, 16))
        .isInstanceOfSatisfying(
            RegionsOverlapException.class,
            e -> {
              assertThat(e.sourceOffset()).isEqualTo(PAGE_SIZE - 8);
              assertThat(e.destinationOffset()).isEqualTo(PAGE_SIZE + 7);
              assertThat(e.length()).isEqualTo(16);
            });
    assertThatThrownBy(() -> memory.copyNonOverlapping(PAGE_SIZE + 7, PAGE_SIZE - 8, 16))
        .isInstanceOf(RegionsOverlapException.class);
    assertThatThrownBy(() -> memory.copyNonOverlapping(3, 3, 1))
        .isInstanceOf(RegionsOverlapException.class);

    assertSameBytes(snapshot(memory), model[0]);
    assertThat(memory.version()).isEqualTo(version);
  }

  @ContractTest
  void copyNonOverlappingAcceptsAdjacentRegionsAndEmptyOnes(MemoryFactory memories) {
    byte[][] model = new byte[1][];
    LinearMemory memory = patterned(memories, 1, model);

    memory.copyNonOverlapping(0, 16, 16);
    memory.copyNonOverlapping(48, 32, 16);
    memory.copyNonOverlapping(5, 5, 0);

    System.arraycopy(model[0], 0, model[0], 16, 16);
    System.arraycopy(model[0], 48, model[0], 32, 16);
    assertSameBytes(snapshot(memory), model[0]);
  }

  @ContractTest
  void transferOntoItselfIsACopy(MemoryFactory memories) {
    byte[][] model = new byte[1][];
    LinearMemory memory = patterned(memories, 3, model);

    memory.transferFrom(memory, PAGE_SIZE - 3, PAGE_SIZE + 2, PAGE_SIZE);

    System.arraycopy(model[0], PAGE_SIZE - 3, model[0], PAGE_SIZE + 2, PAGE_SIZE);
    assertSameBytes(snapshot(memory), model[0]);
  }

  @ContractTest
  void transferCopiesBetweenMemoriesAndLeavesTheSourceAlone(MemoryFactory memories) {
    byte[][] sourceModel = new byte[1][];
    LinearMemory source = patterned(memories, 3, sourceModel);
    LinearMemory destination = memories.alloc(2);
    byte[] expected = new byte[2 * PAGE_SIZE];

    destination.transferFrom(source, PAGE_SIZE - 3, 5, PAGE_SIZE + 7);

    System.arraycopy(sourceModel[0], PAGE_SIZE - 3, expected, 5, PAGE_SIZE + 7);
    assertSameBytes(snapshot(destination), expected);
    assertSameBytes(snapshot(source), sourceModel[0]);
  }

  @ContractTest
  void transferOfZerosOverDataZeroesIt(MemoryFactory memories) {
    LinearMemory source = memories.alloc(2);
    LinearMemory destination = memories.alloc(2);
    destination.set(0, TestBytes.filled(2 * PAGE_SIZE, 3));

    destination.transferFrom(source, 0, 0, PAGE_SIZE);
    destination.transferFrom(source, 0, PAGE_SIZE + 1, PAGE_SIZE - 2);

    assertThat(destination.get(2L * PAGE_SIZE - 1, 1)).containsExactly(3);
    assertThat(destination.get(PAGE_SIZE, 1)).containsExactly(3);
    destination.set(PAGE_SIZE, new byte[1]);
    destination.set(2L * PAGE_SIZE - 1, new byte[1]);
    assertAllBytes(snapshot(destination), 0);
  }

  @ContractTest
  void transferOutOfBoundsOnEitherSideChangesNothing(MemoryFactory memories) {
    byte[][] sourceModel = new byte[1][];
    LinearMemory source = patterned(memories, 1, sourceModel);
    LinearMemory destination = memories.alloc(2);

    assertThatThrownBy(() -> destination.transferFrom(source, 1, 0, PAGE_SIZE))
        .isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> destination.transferFrom(source, 0, PAGE_SIZE + 1, PAGE_SIZE))
        .isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> destination.transferFrom(source, 0, Pages.MAX_U32, 2))
        .isInstanceOf(OutOfBoundsException.class);

    assertAllBytes(snapshot(destination), 0);
    assertSameBytes(snapshot(source), sourceModel[0]);
  }

  @ContractTest
  void transferOfLengthZeroAtBothEndsIsInBounds(MemoryFactory memories) {
    LinearMemory source = memories.alloc(1);
    LinearMemory destination = memories.alloc(0);

    destination.transferFrom(source, PAGE_SIZE, 0, 0);

    assertThat(destination.sizeBytes()).isZero();
  }
}
