package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Snapshots of a memory over a store that keeps them ({@link MapPageStore}, whose page identities
 * are its stored arrays): a stored page a snapshot holds is detached, not written over, when the
 * memory writes, drops or replaces it (by a streamed whole page), and only in the commit that lets
 * it go, also in a memory opened afresh from the store; a restore hands the store the snapshot's
 * pages and the pages no one holds any more, and leaves the heap to the pages loaded afterwards; a
 * capture reads the pages not in the heap from a source of the store it closes with it.
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

  @Test
  void aWholePageStreamedOverASnapshotsPageLeavesTheStoredPageToTheSnapshot() throws IOException {
    memory.set(0, TestBytes.filled(PAGE_SIZE, 1));
    FrozenPages snapshot = memory.freeze();
    byte[] bytes = TestBytes.pattern(7, PAGE_SIZE);

    memory.writeFrom(0, PAGE_SIZE, new ByteArrayInputStream(bytes));

    TestBytes.assertAllBytes(snapshot.page(0), 1);
    TestBytes.assertSameBytes(store.reopen(LIMITS).get(0, PAGE_SIZE), bytes);
    assertThat(cache.cachedBytes())
        .as("the old page left the heap, the new one is stored")
        .isZero();
    assertThat(memory.materializedPages()).isEqualTo(1);
    assertThat(memory.snapshotOnlyPages()).isEqualTo(1);
    assertThat(budget.held()).as("the memory's page and the snapshot's").isEqualTo(2);

    memory.set(0, new byte[] {2}); // the memory's own page now: no second copy
    assertThat(budget.held()).isEqualTo(2);
    assertThat(memory.snapshotOnlyPages()).isEqualTo(1);
    TestBytes.assertAllBytes(snapshot.page(0), 1);
  }

  @Test
  void aPageDroppedAndWrittenAgainInOneActionLeavesTheSnapshotItsStoredPage() {
    memory.set(0, TestBytes.filled(PAGE_SIZE, 1));
    FrozenPages snapshot = memory.freeze();

    memory.exclusive(
        access -> {
          access.fill(0, PAGE_SIZE, (byte) 0); // dropped: the snapshot keeps the page
          access.storeByte(5, (byte) 9); // a page of the memory's own
          return null;
        });

    TestBytes.assertAllBytes(snapshot.page(0), 1);
    byte[] expected = new byte[PAGE_SIZE];
    expected[5] = 9;
    TestBytes.assertSameBytes(store.reopen(LIMITS).get(0, PAGE_SIZE), expected);
  }

  /** The detachment belongs to one commit: the page stored anew is written in place afterwards. */
  @Test
  void aDetachedPageIsStoredAnewOnceAndThenWrittenInPlace() {
    memory.set(0, TestBytes.filled(PAGE_SIZE, 1));
    FrozenPages snapshot = memory.freeze();
    memory.set(0, new byte[] {9});
    memory.releaseSnapshot(snapshot, List.of());

    memory.set(5L * Pages.CHUNK_SIZE, new byte[] {8});

    LinearMemory reopened = store.reopen(LIMITS);
    assertThat(reopened.get(0, 2)).containsExactly(9, 1);
    assertThat(reopened.get(5L * Pages.CHUNK_SIZE, 2)).containsExactly(8, 1);
    assertThat(reopened.get(PAGE_SIZE - 1, 1)).containsExactly(1);
  }

  @Test
  void aMemoryOpenedFromItsStoreKeepsASnapshotsPageOnItsFirstWrite() {
    memory.set(0, new byte[] {1});
    MemoryInstance opened = store.reopen(LIMITS); // nothing changed through it yet
    FrozenPages snapshot = opened.freeze();

    opened.set(0, new byte[] {2});

    assertThat(snapshot.page(0)[0]).isEqualTo((byte) 1);
    assertThat(opened.get(0, 1)).containsExactly(2);
    assertThat(store.reopen(LIMITS).get(0, 1)).containsExactly(2);
  }

  @Test
  void aCaptureReadsPagesNotInTheHeapFromASourceItClosesWithIt() {
    memory.set(0, new byte[] {1});
    memory.set(PAGE_SIZE, new byte[] {2});
    try (MemoryInstance.Captured inHeap = memory.capture()) {
      assertThat(store.openSources()).as("every page in the heap").isZero();
      assertThat(inHeap.pages().page(1)[0]).isEqualTo((byte) 2);
    }
    MemoryInstance opened = store.reopen(LIMITS); // its pages are in the store only

    try (MemoryInstance.Captured captured = opened.capture()) {
      assertThat(store.openSources()).isEqualTo(1);
      opened.set(0, new byte[] {3});
      assertThat(captured.pages().page(0)[0]).isEqualTo((byte) 1);
      assertThat(captured.pages().page(1)[0]).isEqualTo((byte) 2);
      assertThat(captured.pages().page(2)).isNull();
    }
    assertThat(store.openSources()).isZero();
  }
}
