package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Snapshots of a memory over a store that keeps them ({@link MapPageStore}, whose page identities
 * are its stored arrays): a stored page a snapshot holds is detached, not written over, when the
 * memory writes or drops it; a restore hands the store the snapshot's pages and the pages no one
 * holds any more, and leaves the heap to the pages loaded afterwards.
 */
class StoredSnapshotTest {
  private static final MemoryLimits LIMITS = MemoryLimits.of(3, 3L);
  private final CountingPageBudget budget = CountingPageBudget.unlimited();
  private final MapPageStore store = new MapPageStore(3);
  private final PageCache cache = new PageCache(8L * PAGE_SIZE);
  private final MemoryInstance memory = store.open(LIMITS, budget, cache);

  @Test
  void aSnapshotKeepsTheStoredPagesTheMemoryWritesOrDropsAfterIt() {
    memory.set(0, TestBytes.filled(PAGE_SIZE, 1));
    memory.set(PAGE_SIZE, new byte[] {2});
    FrozenPages snapshot = memory.freeze();

    memory.set(5, new byte[] {9});
    memory.zero(PAGE_SIZE, PAGE_SIZE);

    assertThat(snapshot.storedPages()).isEqualTo(2);
    assertThat(snapshot.page(0)[5]).isEqualTo((byte) 1);
    assertThat(snapshot.page(1)[0]).isEqualTo((byte) 2);
    LinearMemory reopened = store.reopen(LIMITS);
    assertThat(reopened.get(5, 1)).containsExactly(9);
    assertThat(reopened.get(PAGE_SIZE, 1)).containsExactly(0);
    assertThat(budget.held()).as("page 0, and the snapshot's pages 0 and 1").isEqualTo(3);
    assertThat(memory.snapshotOnlyPages()).isEqualTo(2);

    assertThat(memory.releaseSnapshot(snapshot, List.of()))
        .containsExactlyInAnyOrder(snapshot.identity(0), snapshot.identity(1));
    assertThat(budget.held()).isEqualTo(1);
    assertThat(memory.snapshotOnlyPages()).isZero();
  }

  @Test
  void aRestoreHandsTheStoreTheSnapshotsPagesAndThoseNoOneHolds() {
    memory.set(0, new byte[] {1});
    FrozenPages snapshot = memory.freeze();
    memory.set(0, new byte[] {2});
    memory.set(2L * PAGE_SIZE, new byte[] {3});
    assertThat(cache.cachedBytes()).isEqualTo(2L * PAGE_SIZE);
    assertThat(budget.held()).isEqualTo(3);

    long version = memory.restore(snapshot);

    assertThat(version).isEqualTo(memory.version()).isEqualTo(store.version());
    assertThat(store.awaited()).isEqualTo(store.commits());
    BitSet released = new BitSet();
    released.set(0);
    released.set(2);
    assertThat(store.lastReleased()).isEqualTo(released);
    assertThat(cache.cachedBytes()).as("the memory's pages left the heap").isZero();
    assertThat(budget.held()).as("the snapshot's page, now the memory's too").isEqualTo(1);
    assertThat(memory.materializedPages()).isEqualTo(1);
    assertThat(memory.snapshotOnlyPages()).isZero();
    assertThat(memory.get(0, 1)).containsExactly(1);
    assertThat(memory.get(2L * PAGE_SIZE, 1)).containsExactly(0);
    assertThat(store.reopen(LIMITS).get(0, 1)).containsExactly(1);

    memory.set(0, new byte[] {4}); // the snapshot's page again: detached
    assertThat(snapshot.page(0)[0]).isEqualTo((byte) 1);
    assertThat(budget.held()).isEqualTo(2);
  }

  @Test
  void aRestoreToTheSameStateReleasesNothing() {
    memory.set(0, new byte[] {1});
    FrozenPages snapshot = memory.freeze();

    memory.restore(snapshot);

    assertThat(store.lastReleased()).isEqualTo(new BitSet());
    assertThat(budget.held()).isEqualTo(1);
    assertThat(memory.get(0, 1)).containsExactly(1);
  }
}
