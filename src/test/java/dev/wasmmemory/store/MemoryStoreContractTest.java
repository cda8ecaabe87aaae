package dev.wasmmemory.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryClosedException;
import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.memory.PageBudget;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.memory.VersionMismatchException;
import dev.wasmmemory.service.MemoryBudget;
import dev.wasmmemory.store.MemoryStore.MemoryRecord;
import dev.wasmmemory.store.StoreFactories.StoreFactory;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every {@link MemoryStore} does, whatever keeps its memories. */
class MemoryStoreContractTest {
  private static final String STORES = "dev.wasmmemory.store.StoreFactories#all";

  @ParameterizedTest(name = "{0}")
  @MethodSource(STORES)
  void aCreatedMemoryIsFoundByItsRandomIdWithItsRecord(StoreFactory stores) {
    try (MemoryStore store = stores.apply(PageBudget.UNLIMITED)) {
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < 20; i++) {
        LinearMemory memory = store.create(MemoryLimits.of(1, 4L), "owner-" + i);
        assertThat(UUID.fromString(memory.id()).version()).isEqualTo(4);
        ids.add(memory.id());
        MemoryRecord record = store.record(memory.id()).orElseThrow();
        assertThat(record.limits()).isEqualTo(MemoryLimits.of(1, 4L));
        assertThat(record.owner()).isEqualTo("owner-" + i);
        assertThat(store.find(memory.id()).orElseThrow().limits()).isEqualTo(record.limits());
      }
      assertThat(ids).hasSize(20);
      assertThat(store.count()).isEqualTo(20);
      assertThat(store.find(UUID.randomUUID().toString())).isEmpty();
      assertThat(store.record(UUID.randomUUID().toString())).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(STORES)
  void theListIsOldestFirst(StoreFactory stores) throws InterruptedException {
    try (MemoryStore store = stores.apply(PageBudget.UNLIMITED)) {
      String first = store.create(MemoryLimits.unbounded(0), null).id();
      Thread.sleep(2);
      String second = store.create(MemoryLimits.unbounded(0), null).id();
      Thread.sleep(2);
      String third = store.create(MemoryLimits.unbounded(0), null).id();

      assertThat(store.list()).extracting(MemoryRecord::id).containsExactly(first, second, third);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(STORES)
  void aDeletedMemoryIsGoneClosedAndItsPagesGivenBack(StoreFactory stores) {
    MemoryBudget budget = new MemoryBudget(1L << 30);
    try (MemoryStore store = stores.apply(budget)) {
      LinearMemory memory = store.create(MemoryLimits.unbounded(2), null);
      memory.set(0, new byte[] {1});
      memory.set(Pages.PAGE_SIZE, new byte[] {1});
      assertThat(store.storedBytes()).isEqualTo(2L * Pages.PAGE_SIZE);
      assertThat(budget.usedBytes()).isEqualTo(2L * Pages.PAGE_SIZE);

      assertThat(store.delete(memory)).isTrue();

      assertThat(store.find(memory.id())).isEmpty();
      assertThat(store.record(memory.id())).isEmpty();
      assertThat(store.count()).isZero();
      assertThat(store.storedBytes()).isZero();
      assertThat(budget.usedBytes()).isZero();
      assertThatThrownBy(() -> memory.get(0, 1)).isInstanceOf(MemoryClosedException.class);
      assertThat(store.delete(memory)).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(STORES)
  void aConditionalDeleteAtAStaleVersionDeletesNothing(StoreFactory stores) {
    try (MemoryStore store = stores.apply(PageBudget.UNLIMITED)) {
      LinearMemory memory = store.create(MemoryLimits.unbounded(1), null);
      long stale = memory.version();
      memory.set(0, new byte[] {5});

      assertThatThrownBy(() -> store.delete(memory.ifVersion(stale)))
          .isInstanceOf(VersionMismatchException.class);
      assertThat(store.find(memory.id()).orElseThrow().get(0, 1)).containsExactly(5);
      assertThat(store.delete(memory.ifVersion(memory.version()))).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(STORES)
  void touchMovesTheLastUseOnly(StoreFactory stores) {
    try (MemoryStore store = stores.apply(PageBudget.UNLIMITED)) {
      LinearMemory memory = store.create(MemoryLimits.unbounded(1), null);
      MemoryRecord before = store.record(memory.id()).orElseThrow();
      Instant later = before.lastUsed().plusSeconds(3600);

      store.touch(memory.id(), later);
      store.touch(UUID.randomUUID().toString(), later);

      MemoryRecord after = store.record(memory.id()).orElseThrow();
      assertThat(after.lastUsed()).isEqualTo(later);
      assertThat(after.createdAt()).isEqualTo(before.createdAt());
      assertThat(store.count()).isEqualTo(1);
    }
  }
}
