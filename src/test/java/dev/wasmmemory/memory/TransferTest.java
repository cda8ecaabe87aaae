package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * {@link Transfer}, a copy between two memories locked together: it answers the destination's new
 * version, and whatever refuses it (a stale version, a closed memory, a region out of bounds on
 * either side) leaves both memories as they were and unlocked. Every case runs in both directions,
 * so that each memory is once the one locked first (the order is the memories' random lock order).
 * Whether a memory is unlocked is asked without waiting: a memory locked by anyone answers {@link
 * PageCache.Eviction#BUSY} to {@link MemoryInstance#tryEvict}.
 */
class TransferTest {
  private static final MemoryLimits LIMITS = MemoryLimits.of(2, 2L);

  private static MemoryInstance heap(String id) {
    MemoryInstance memory = MemoryInstance.create(id, LIMITS, PageBudget.UNLIMITED);
    memory.set(0, new byte[] {(byte) id.charAt(0)});
    return memory;
  }

  private static void assertUnlocked(MemoryInstance... memories) {
    for (MemoryInstance memory : memories) {
      assertThat(memory.tryEvict(0)).as(memory.id()).isEqualTo(PageCache.Eviction.NOT_CACHED);
    }
  }

  /** Runs {@code check(source, destination)} on two fresh memories, each way round in turn. */
  private static void inBothDirections(BiConsumer<MemoryInstance, MemoryInstance> check) {
    MemoryInstance a = heap("a");
    MemoryInstance b = heap("b");
    check.accept(a, b);
    check.accept(b, a);
  }

  @Test
  void aTransferAnswersTheDestinationsNewVersionAndLeavesTheSourceAtItsOwn() {
    inBothDirections(
        (source, destination) -> {
          long sourceVersion = source.version();
          long before = destination.version();

          long after = destination.ifVersion(before).transferFrom(source, 0, PAGE_SIZE + 1, 1);

          assertThat(after).isEqualTo(before + 1).isEqualTo(destination.version());
          assertThat(source.version()).isEqualTo(sourceVersion);
          assertThat(destination.get(PAGE_SIZE + 1, 1)).containsExactly(source.get(0, 1));
          assertUnlocked(source, destination);
        });
  }

  @Test
  void aTransferAtAStaleVersionChangesNothingAndReleasesBothMemories() {
    inBothDirections(
        (source, destination) -> {
          long version = destination.version();

          assertThatThrownBy(
                  () -> destination.ifVersion(version + 5).transferFrom(source, 0, 1, PAGE_SIZE))
              .isInstanceOfSatisfying(
                  VersionMismatchException.class,
                  e -> {
                    assertThat(e.memoryId()).isEqualTo(destination.id());
                    assertThat(e.expectedVersion()).isEqualTo(version + 5);
                    assertThat(e.actualVersion()).isEqualTo(version);
                  });

          assertUnlocked(source, destination);
          assertThat(destination.version()).isEqualTo(version);
          assertThat(destination.get(1, 1)).containsExactly(0);
        });
  }

  @Test
  void aTransferOutOfBoundsNamesTheSideAndReleasesBothMemories() {
    inBothDirections(
        (source, destination) -> {
          long version = destination.version();

          assertThatThrownBy(() -> destination.transferFrom(source, PAGE_SIZE + 1, 0, PAGE_SIZE))
              .isInstanceOfSatisfying(
                  OutOfBoundsException.class,
                  e -> {
                    assertThat(e.memoryId()).isEqualTo(source.id());
                    assertThat(e.field()).isEqualTo("sourceOffset");
                    assertThat(e.offset()).isEqualTo(PAGE_SIZE + 1);
                  });
          assertThatThrownBy(() -> destination.transferFrom(source, 0, 2L * PAGE_SIZE, 1))
              .isInstanceOfSatisfying(
                  OutOfBoundsException.class,
                  e -> {
                    assertThat(e.memoryId()).isEqualTo(destination.id());
                    assertThat(e.field()).isEqualTo("destinationOffset");
                    assertThat(e.sizeBytes()).isEqualTo(2L * PAGE_SIZE);
                  });

          assertUnlocked(source, destination);
          assertThat(destination.version()).isEqualTo(version);
          assertThat(destination.get(0, 1)).containsExactly(destination.id().charAt(0));
        });
  }

  @Test
  void aTransferFromOrIntoAClosedMemoryReleasesTheOpenOne() {
    MemoryInstance a = heap("a");
    MemoryInstance b = heap("b");
    MemoryInstance closedA = heap("x");
    MemoryInstance closedB = heap("y");
    closedA.close();
    closedB.close();
    for (MemoryInstance closed : List.of(closedA, closedB)) {
      for (MemoryInstance open : List.of(a, b)) {
        long version = open.version();

        assertThatThrownBy(() -> open.transferFrom(closed, 0, 0, 1))
            .isInstanceOf(MemoryClosedException.class)
            .extracting(e -> ((MemoryException) e).memoryId())
            .isEqualTo(closed.id());
        assertThatThrownBy(() -> closed.transferFrom(open, 0, 0, 1))
            .isInstanceOf(MemoryClosedException.class)
            .extracting(e -> ((MemoryException) e).memoryId())
            .isEqualTo(closed.id());

        assertUnlocked(open);
        assertThat(open.version()).isEqualTo(version);
      }
    }
  }

  @Test
  void aTransferIntoAStoredMemoryIsCommittedOnceAndAwaitedUntilDurable() {
    MapPageStore store = new MapPageStore(2);
    MemoryInstance destination = store.open(LIMITS, PageBudget.UNLIMITED, new PageCache(0));
    MemoryInstance source = heap("s");
    source.set(PAGE_SIZE - 1, new byte[] {5, 6});
    int commits = store.commits();

    long version = destination.transferFrom(source, PAGE_SIZE - 1, 10, 2);

    assertThat(store.commits()).isEqualTo(commits + 1);
    assertThat(store.version()).isEqualTo(version);
    assertThat(store.awaited()).isEqualTo(store.commits());
    assertThat(store.reopen(LIMITS).get(10, 2)).containsExactly(5, 6);
  }
}
