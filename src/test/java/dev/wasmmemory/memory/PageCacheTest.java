package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link PageCache} over real memories on {@link MapPageStore}s: it counts every page that enters
 * the heap (loaded or created) and every page that leaves it (evicted, dropped, replaced by a
 * staged page, or gone with its memory), drops the oldest page of a memory no one holds when it is
 * full, and lets a memory in use keep its pages past the bound until its lock is released.
 */
class PageCacheTest {
  private static final MemoryLimits LIMITS = MemoryLimits.of(4, 4L);
  private final CountingPageBudget budget = CountingPageBudget.unlimited();

  private MemoryInstance memory(PageCache cache) {
    return new MapPageStore(4).open(LIMITS, budget, cache);
  }

  @Test
  void theCapacityIsInWholePagesAndAtLeastOne() {
    assertThat(new PageCache(0).capacityBytes()).isEqualTo(PAGE_SIZE);
    assertThat(new PageCache(3L * PAGE_SIZE + 100).capacityBytes()).isEqualTo(3L * PAGE_SIZE);
    assertThat(new PageCache(3L * PAGE_SIZE).cachedBytes()).isZero();
  }

  @Test
  void aFullCacheDropsTheOldestPageOfAMemoryNotInUse() {
    PageCache cache = new PageCache(2L * PAGE_SIZE);
    MemoryInstance a = memory(cache);
    MemoryInstance b = memory(cache);
    b.set(0, new byte[] {1});
    b.set(PAGE_SIZE, new byte[] {2});
    assertThat(cache.cachedBytes()).isEqualTo(2L * PAGE_SIZE);

    boolean[] whileInUse =
        a.exclusive(
            access -> {
              access.storeByte(0, (byte) 3); // admitted: b's oldest page goes at once
              return new boolean[] {b.holds(0), b.holds(1), cache.cachedBytes() == 2L * PAGE_SIZE};
            });

    assertThat(whileInUse).containsExactly(false, true, true);
    assertThat(cache.cachedBytes()).isEqualTo(2L * PAGE_SIZE);
    assertThat(new boolean[] {b.holds(0), b.holds(1), a.holds(0)})
        .containsExactly(false, true, true);

    // Loaded again under b's read lock: b's pages are busy, so a's page goes instead.
    assertThat(b.get(0, 1)).containsExactly(1);
    assertThat(cache.cachedBytes()).isEqualTo(2L * PAGE_SIZE);
    assertThat(new boolean[] {b.holds(0), b.holds(1), a.holds(0)})
        .containsExactly(true, true, false);
    assertThat(a.get(0, 1)).containsExactly(3);
  }

  @Test
  void aMemoryInUseKeepsItsPagesPastTheBoundUntilItsLockIsReleased() {
    PageCache cache = new PageCache(PAGE_SIZE);
    MemoryInstance memory = memory(cache);

    long during =
        memory.exclusive(
            access -> {
              for (int page = 0; page < 3; page++) {
                access.storeInt((long) page * PAGE_SIZE, page + 1);
              }
              return cache.cachedBytes();
            });

    assertThat(during).isEqualTo(3L * PAGE_SIZE);
    assertThat(cache.cachedBytes()).isEqualTo(PAGE_SIZE);
    assertThat(IntStream.range(0, 4).filter(memory::holds).count()).isEqualTo(1);
    for (int page = 0; page < 3; page++) {
      assertThat(memory.getBits(ValueType.U32, (long) page * PAGE_SIZE)).isEqualTo(page + 1);
    }

    byte[] all = memory.get(0, 3L * PAGE_SIZE); // loads the pages under the read lock
    assertThat(all[2 * PAGE_SIZE]).isEqualTo((byte) 3);
    assertThat(cache.cachedBytes()).as("made room once the lock was released").isEqualTo(PAGE_SIZE);
  }

  @Test
  void pagesLeaveTheCacheWhenEvictedDroppedReplacedOrClosed() throws Exception {
    PageCache cache = new PageCache(8L * PAGE_SIZE);
    MemoryInstance memory = memory(cache);
    memory.set(0, TestBytes.filled(3 * PAGE_SIZE, 1));
    assertThat(cache.cachedBytes()).isEqualTo(3L * PAGE_SIZE);

    memory.zero(PAGE_SIZE, PAGE_SIZE); // dropped
    assertThat(cache.cachedBytes()).isEqualTo(2L * PAGE_SIZE);
    byte[] page = TestBytes.filled(PAGE_SIZE, 5);
    memory.writeFrom(0, PAGE_SIZE, new ByteArrayInputStream(page)); // replaced by the store's
    assertThat(cache.cachedBytes()).isEqualTo(PAGE_SIZE);
    assertThat(memory.holds(0)).isFalse();
    assertThat(memory.get(0, 1)).containsExactly(5); // loaded
    assertThat(cache.cachedBytes()).isEqualTo(2L * PAGE_SIZE);

    assertThat(memory.tryEvict(2)).isEqualTo(PageCache.Eviction.EVICTED);
    assertThat(memory.holds(2)).isFalse();
    assertThat(cache.cachedBytes()).isEqualTo(PAGE_SIZE);
    assertThat(memory.tryEvict(2)).isEqualTo(PageCache.Eviction.NOT_CACHED);
    assertThat(memory.tryEvict(1)).isEqualTo(PageCache.Eviction.NOT_CACHED); // zeros
    assertThat(memory.tryEvict(4)).isEqualTo(PageCache.Eviction.NOT_CACHED); // past the end
    assertThat(memory.holds(4)).isFalse();
    assertThat(memory.get(2L * PAGE_SIZE, 1)).containsExactly(1);
    assertThat(cache.cachedBytes()).isEqualTo(2L * PAGE_SIZE);

    memory.close();
    assertThat(cache.cachedBytes()).isZero();
    assertThat(budget.held()).isZero();
    assertThat(memory.tryEvict(0)).isEqualTo(PageCache.Eviction.NOT_CACHED);
  }

  @Test
  void aMemoryTheStoreFailedLeavesTheHeapAndKeepsPaidOnlyWhatTheStoreHolds() {
    PageCache cache = new PageCache(8L * PAGE_SIZE);
    MapPageStore store = new MapPageStore(4);
    MemoryInstance memory = store.open(LIMITS, budget, cache);
    memory.set(0, new byte[] {1});
    store.failNextCommit();

    assertThatThrownBy(() -> memory.set(PAGE_SIZE, new byte[] {2}))
        .isInstanceOf(StorageException.class);

    assertThat(memory.isClosed()).isTrue();
    assertThat(memory.failed()).isTrue();
    assertThat(cache.cachedBytes()).isZero();
    assertThat(budget.held()).isEqualTo(1);
  }

  @Test
  void aClosedMemoryTakesOutOfTheCacheOnlyThePagesItHadInTheHeap() {
    PageCache cache = new PageCache(8L * PAGE_SIZE);
    MemoryInstance memory = memory(cache);
    memory.set(0, new byte[] {1}); // pages 1 to 3 hold nothing
    assertThat(cache.cachedBytes()).isEqualTo(PAGE_SIZE);

    memory.close();

    assertThat(cache.cachedBytes()).isZero();
    assertThat(budget.held()).isZero();
  }
}
