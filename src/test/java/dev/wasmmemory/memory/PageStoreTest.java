package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The engine's side of persistence, over {@link MapPageStore}: what reaches the store after each
 * operation is what a restart finds, a view reads pages that are not in the heap as of its instant,
 * and a store that refuses a commit loses nothing it held.
 */
class PageStoreTest {
  private final MapPageStore store = new MapPageStore(4);
  private final MemoryLimits limits = MemoryLimits.of(4, 8L);
  private final CountingPageBudget budget = CountingPageBudget.unlimited();
  private final PageCache cache = new PageCache(PAGE_SIZE);

  @Test
  void aPageDroppedAndRewrittenInOneActionIsStoredAsRewritten() {
    LinearMemory memory = store.open(limits, budget, cache);
    memory.set(0, TestBytes.filled(PAGE_SIZE, (byte) 7));

    memory.exclusive(
        access -> {
          access.fill(0, PAGE_SIZE, (byte) 0);
          access.store(PAGE_SIZE - 1, 1, 9);
          return null;
        });

    byte[] expected = new byte[PAGE_SIZE];
    expected[PAGE_SIZE - 1] = 9;
    TestBytes.assertSameBytes(store.reopen(limits).get(0, PAGE_SIZE), expected);
  }

  @Test
  void anExclusiveActionThatWritesNothingCommitsNothing() {
    LinearMemory memory = store.open(limits, budget, cache);
    memory.set(0, new byte[] {1});
    int commits = store.commits();
    long version = memory.version();

    long read = memory.exclusive(access -> access.load(0, 1));

    assertThat(read).isEqualTo(1);
    assertThat(store.commits()).isEqualTo(commits);
    assertThat(memory.version()).isEqualTo(version);
  }

  @Test
  void pagesOutsideTheCacheAreLoadedAgainWithTheirBytes() {
    LinearMemory memory = store.open(limits, budget, cache);
    for (int page = 0; page < 4; page++) {
      memory.set((long) page * PAGE_SIZE + 5, new byte[] {(byte) (page + 1)});
    }

    assertThat(cache.cachedBytes()).isLessThanOrEqualTo(PAGE_SIZE);
    for (int page = 0; page < 4; page++) {
      assertThat(memory.get((long) page * PAGE_SIZE + 5, 1)).containsExactly(page + 1);
    }
    assertThat(memory.materializedPages()).isEqualTo(4);
    assertThat(budget.held()).isEqualTo(4);
  }

  @Test
  void aViewShowsPagesThatAreNotInTheHeapAsOfItsInstant() throws IOException {
    LinearMemory memory = store.open(limits, budget, cache);
    memory.set(0, TestBytes.filled(3 * PAGE_SIZE, (byte) 1));

    try (RegionView view = memory.view(0, 3L * PAGE_SIZE)) {
      memory.set(0, TestBytes.filled(3 * PAGE_SIZE, (byte) 2));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      view.transferTo(out);
      TestBytes.assertSameBytes(out.toByteArray(), TestBytes.filled(3 * PAGE_SIZE, (byte) 1));
    }
    TestBytes.assertSameBytes(
        memory.get(0, 3L * PAGE_SIZE), TestBytes.filled(3 * PAGE_SIZE, (byte) 2));
  }

  @Test
  void aStreamedWriteReachesTheStoreWhole() throws IOException {
    LinearMemory memory = store.open(limits, budget, cache);
    byte[] bytes = TestBytes.pattern(3, 2 * PAGE_SIZE + 100);

    memory.writeFrom(PAGE_SIZE - 50, bytes.length, new ByteArrayInputStream(bytes));

    LinearMemory reopened = store.reopen(limits);
    TestBytes.assertSameBytes(reopened.get(PAGE_SIZE - 50, bytes.length), bytes);
    assertThat(reopened.version()).isEqualTo(memory.version());
  }

  @Test
  void aCommitTheStoreRefusesClosesTheMemoryAndKeepsWhatWasStored() {
    LinearMemory memory = store.open(limits, budget, cache);
    memory.set(0, new byte[] {1});
    store.failNextCommit();

    assertThatThrownBy(() -> memory.set(0, new byte[] {2}))
        .isInstanceOf(StorageException.class)
        .extracting(e -> ((StorageException) e).memoryId())
        .isEqualTo(memory.id());

    assertThat(((MemoryInstance) memory).failed()).isTrue();
    assertThatThrownBy(() -> memory.get(0, 1)).isInstanceOf(MemoryClosedException.class);
    assertThat(store.reopen(limits).get(0, 1)).containsExactly(1);
    assertThat(budget.held()).as("the stored page stays paid for").isEqualTo(1);
  }

  @Test
  void anExclusiveActionTheStoreRefusesClosesTheMemoryAndUnlocksIt() {
    MemoryInstance memory = store.open(limits, budget, cache);
    memory.set(0, new byte[] {1});
    store.failNextCommit();

    assertThatThrownBy(
            () ->
                memory.exclusive(
                    access -> {
                      access.storeInt(PAGE_SIZE, 2);
                      return null;
                    }))
        .isInstanceOf(StorageException.class);

    assertThat(memory.tryEvict(0))
        .as("closed, not locked")
        .isEqualTo(PageCache.Eviction.NOT_CACHED);
    assertThat(memory.failed()).isTrue();
    assertThat(store.reopen(limits).get(0, 1)).containsExactly(1);
    assertThat(budget.held()).isEqualTo(1);
  }
}
