package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link MemoryAccess} apart from its cursors: what it says of the memory, {@code memory.grow}'s
 * answers, the bounds every bulk operation checks (naming the operation's offset) before it moves a
 * byte, an access kept past its action refusing every use, a store keeping only the bytes of its
 * width, and what writing a region would materialise.
 */
class MemoryAccessTest {
  private final CountingPageBudget budget = CountingPageBudget.unlimited();
  private final MemoryInstance memory = MemoryInstance.create("m", MemoryLimits.of(1, 3L), budget);

  @Test
  void anAccessDescribesTheMemoryAsTheActionFindsAndGrowsIt() {
    memory.set(0, new byte[] {1});
    long version = memory.version();

    long[] seen =
        memory.exclusive(
            access ->
                new long[] {
                  access.version(),
                  access.sizeBytes(),
                  access.maximumPages(),
                  access.grow(0),
                  access.grow(-1),
                  access.grow(3),
                  access.grow(2),
                  access.sizeBytes(),
                  access.currentPages(),
                  access.grow(1)
                });

    assertThat(seen).containsExactly(version, PAGE_SIZE, 3, 1, -1, -1, 1, 3L * PAGE_SIZE, 3, -1);
    assertThat(memory.currentPages()).isEqualTo(3);
    assertThat(memory.version()).isEqualTo(version + 1);
  }

  @Test
  void growingByNothingIsNoWrite() {
    long version = memory.version();

    int previous = memory.exclusive(access -> access.grow(0));

    assertThat(previous).isEqualTo(1);
    assertThat(memory.version()).isEqualTo(version);
  }

  @Test
  void everyOperationChecksItsRegionAndNamesItsOffset() {
    memory.set(0, TestBytes.filled(PAGE_SIZE, 3));
    long version = memory.version();
    Map<String, Consumer<MemoryAccess>> operations =
        Map.of(
            "address",
            a -> a.read(PAGE_SIZE - 1, new byte[2], 0, 2),
            "address ",
            a -> a.write(PAGE_SIZE - 1, new byte[2], 0, 2),
            "address  ",
            a -> a.fill(PAGE_SIZE - 1, 2, (byte) 0),
            "address   ",
            a -> a.load(PAGE_SIZE - 1, 2),
            "sourceOffset",
            a -> a.copy(PAGE_SIZE - 1, 0, 2),
            "destinationOffset",
            a -> a.copy(0, PAGE_SIZE - 1, 2),
            "offset",
            a -> a.absentPages(PAGE_SIZE - 1, 2));

    operations.forEach(
        (field, operation) ->
            assertThatThrownBy(
                    () ->
                        memory.exclusive(
                            access -> {
                              operation.accept(access);
                              return null;
                            }))
                .as(field)
                .isInstanceOfSatisfying(
                    OutOfBoundsException.class,
                    e -> {
                      assertThat(e.field()).isEqualTo(field.strip());
                      assertThat(e.memoryId()).isEqualTo("m");
                      assertThat(e.length()).isEqualTo(2);
                      assertThat(e.sizeBytes()).isEqualTo(PAGE_SIZE);
                    }));

    assertThat(memory.version()).isEqualTo(version);
    TestBytes.assertAllBytes(memory.get(0, PAGE_SIZE), 3);
  }

  @Test
  void anAccessKeptPastItsActionRefusesEveryUse() {
    MemoryAccess kept = memory.exclusive(access -> access);
    List<Consumer<MemoryAccess>> uses =
        List.of(
            a -> a.grow(1),
            a -> a.load(0, 1),
            a -> a.loadInt(0),
            a -> a.store(0, 1, 1),
            a -> a.storeLong(0, 1),
            a -> a.read(0, new byte[1], 0, 1),
            a -> a.write(0, new byte[1], 0, 1),
            a -> a.fill(0, 1, (byte) 1),
            a -> a.copy(0, 1, 1),
            a -> a.absentPages(0, 1),
            a -> a.prepay(1));

    for (Consumer<MemoryAccess> use : uses) {
      assertThatThrownBy(() -> use.accept(kept))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("memory access used after its exclusive action ended");
    }
    assertThat(memory.materializedPages()).isZero();
    assertThat(memory.currentPages()).isEqualTo(1);
    assertThat(budget.held()).isZero();
  }

  @Test
  void aStoreKeepsOnlyTheBytesOfItsWidth() {
    memory.exclusive(
        access -> {
          access.store(8, 2, 0xAABB_CCDDL);
          access.store(16, 1, 0x1FFL);
          access.store(24, 4, 0x1_2345_6789L);
          access.store(40, 8, 0x8877_6655_4433_2211L);
          return null;
        });

    assertThat(memory.getBits(ValueType.U32, 8)).isEqualTo(0xCCDD);
    assertThat(memory.getBits(ValueType.U16, 16)).isEqualTo(0xFF);
    assertThat(memory.getBits(ValueType.U64, 24)).isEqualTo(0x2345_6789L);
    assertThat(memory.getBits(ValueType.U64, 40)).isEqualTo(0x8877_6655_4433_2211L);
  }

  @Test
  void absentPagesCountsPagesWithoutStorageAndPagesASnapshotHolds() {
    memory.grow(2);
    memory.set(0, new byte[] {1});
    memory.set(PAGE_SIZE, new byte[] {1});
    FrozenPages snapshot = memory.freeze();
    memory.set(0, new byte[] {2}); // the memory's own copy now

    long[] absent =
        memory.exclusive(
            access ->
                new long[] {
                  access.absentPages(0, 3L * PAGE_SIZE),
                  access.absentPages(10, 1),
                  access.absentPages(PAGE_SIZE + 10, PAGE_SIZE),
                  access.absentPages(3L * PAGE_SIZE, 0)
                });

    assertThat(absent).containsExactly(2, 0, 2, 0);
    memory.releaseSnapshot(snapshot, List.of());
  }

  @Test
  void aCursorStoreOnAPageASnapshotHoldsPaysForTheCopyOrChangesNothing() {
    memory.set(0, new byte[] {1});
    FrozenPages snapshot = memory.freeze();
    long version = memory.version();
    budget.exhaust();

    assertThatThrownBy(
            () ->
                memory.exclusive(
                    access -> {
                      access.storeInt(4, 7);
                      return null;
                    }))
        .isInstanceOf(MemoryBudgetExceededException.class);
    assertThat(memory.version()).isEqualTo(version);
    assertThat(budget.held()).isEqualTo(1);

    budget.limitTo(2);
    memory.exclusive(
        access -> {
          access.storeInt(4, 7);
          return null;
        });
    assertThat(budget.held()).isEqualTo(2);
    assertThat(memory.getBits(ValueType.U32, 4)).isEqualTo(7);
    assertThat(snapshot.page(0)[4]).isZero();
    assertThat(memory.snapshotOnlyPages()).isEqualTo(1);
  }

  /** A refused store stores nothing, so an action whose only store was refused wrote nothing. */
  @Test
  void aStoreTheBudgetRefusesIsNoWriteAndLeavesTheVersion() {
    memory.grow(1);
    long version = memory.version();
    budget.exhaust();
    List<Consumer<MemoryAccess>> refused =
        List.of(
            a -> a.storeInt(8, 1), // an absent page
            a -> a.store(PAGE_SIZE - 2, 4, -1), // across two absent pages
            a -> a.write(8, new byte[] {1}, 0, 1));

    for (Consumer<MemoryAccess> store : refused) {
      boolean[] wrote = new boolean[1];
      assertThatThrownBy(
              () ->
                  memory.exclusive(
                      access -> {
                        try {
                          store.accept(access);
                        } finally {
                          wrote[0] = access.wrote();
                        }
                        return null;
                      }))
          .isInstanceOf(MemoryBudgetExceededException.class);
      assertThat(wrote[0]).isFalse();
      assertThat(memory.version()).isEqualTo(version);
    }
  }

  /**
   * The bits past the width are not part of the store: zeros in it on a page of zeros cost nothing.
   */
  @Test
  void aStoreOfZerosInItsWidthOnAPageWithoutStorageTakesNoPage() {
    budget.exhaust();

    long[] seen =
        memory.exclusive(
            access -> {
              access.store(8, 1, 0x100L);
              access.store(16, 2, 0xFFFF_0000L);
              access.store(24, 4, 0xFFFF_FFFF_0000_0000L);
              return new long[] {access.load(8, 1), access.load(16, 2), access.load(24, 4)};
            });

    assertThat(seen).containsOnly(0);
    assertThat(memory.materializedPages()).isZero();
    assertThat(budget.held()).isZero();
  }
}
