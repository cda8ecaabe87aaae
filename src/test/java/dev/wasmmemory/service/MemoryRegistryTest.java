package dev.wasmmemory.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmmemory.memory.InvalidLimitsException;
import dev.wasmmemory.memory.MemoryBudgetExceededException;
import dev.wasmmemory.memory.MemoryClosedException;
import dev.wasmmemory.memory.ValueType;
import dev.wasmmemory.store.MemoryStore.MemoryRecord;
import dev.wasmmemory.store.heap.HeapMemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry of memories: ids, lookups, limits, and idle expiry on an injected clock. */
class MemoryRegistryTest {
  private static final long PAGE = 65536;
  private static final String UUID_PATTERN =
      "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

  /** The fake clock of the registry and its store; tests move it by hand. */
  final TestClock clock = new TestClock();

  MemoryBudget budget;
  MemoryRegistry registry;

  @BeforeEach
  void setUp() {
    budget = new MemoryBudget(8 * PAGE);
    registry = new MemoryRegistry(new HeapMemoryStore(budget, clock), budget, 3, clock);
  }

  private void advance(Duration duration) {
    clock.advance(duration);
  }

  /** A clock that stands still until told to move. */
  static final class TestClock extends Clock {
    private volatile Instant now = Instant.parse("2026-12-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private static List<String> ids(List<MemoryRecord> records) {
    return records.stream().map(MemoryRecord::id).toList();
  }

  @Test
  void createGivesAZeroedMemoryUnderARandomId() {
    StoredMemory stored = registry.create(2, 4L);
    assertThat(stored.id()).matches(UUID_PATTERN);
    assertThat(stored.memory().limits().initialPages()).isEqualTo(2);
    assertThat(stored.memory().limits().ownMaximumOrNull()).isEqualTo(4);
    assertThat(stored.memory().sizeBytes()).isEqualTo(2 * PAGE);
    assertThat(stored.memory().get(0, 2 * PAGE)).isEqualTo(new byte[(int) (2 * PAGE)]);
    assertThat(registry.get(stored.id())).isEqualTo(stored);
    assertThat(registry.size()).isEqualTo(1);
    assertThat(registry.budget()).isSameAs(budget);
  }

  @Test
  void idsDiffer() {
    Set<String> ids = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < 3; i++) {
      ids.add(registry.create(0, null).id());
    }
    assertThat(ids).hasSize(3);
  }

  @Test
  void invalidLimitsAreRefusedAndTakeNoSlot() {
    assertThatThrownBy(() -> registry.create(2, 1L)).isInstanceOf(InvalidLimitsException.class);
    assertThatThrownBy(() -> registry.create(65537, null))
        .isInstanceOf(InvalidLimitsException.class);
    assertThat(registry.size()).isZero();
    for (int i = 0; i < 3; i++) {
      registry.create(0, null);
    }
    assertThat(registry.size()).isEqualTo(3);
  }

  @Test
  void anUnknownIdIsNotFound() {
    assertThatThrownBy(() -> registry.get("nope"))
        .isInstanceOfSatisfying(
            MemoryNotFoundException.class, e -> assertThat(e.memoryId()).isEqualTo("nope"));
    assertThatThrownBy(() -> registry.delete("nope")).isInstanceOf(MemoryNotFoundException.class);
  }

  @Test
  void theListHoldsEveryMemoryOldestFirst() {
    StoredMemory first = registry.create(0, null);
    advance(Duration.ofMillis(1));
    StoredMemory second = registry.create(1, null);
    advance(Duration.ofMillis(1));
    StoredMemory third = registry.create(0, 0L);
    registry.get(first.id());
    assertThat(ids(registry.list())).containsExactly(first.id(), second.id(), third.id());
  }

  @Test
  void deleteDropsTheMemoryAndGivesItsPagesBack() {
    StoredMemory stored = registry.create(3, null);
    stored.memory().set(0, new byte[] {1});
    stored.memory().set(2 * PAGE, new byte[] {1});
    assertThat(budget.usedBytes()).isEqualTo(2 * PAGE);

    registry.delete(stored.id());

    assertThat(budget.usedBytes()).isZero();
    assertThat(registry.size()).isZero();
    assertThat(registry.list()).isEmpty();
    assertThatThrownBy(() -> registry.get(stored.id())).isInstanceOf(MemoryNotFoundException.class);
    assertThatThrownBy(() -> stored.memory().setBits(ValueType.U8, 0, 1))
        .as("a request still holding the dropped memory")
        .isInstanceOf(MemoryClosedException.class);
  }

  @Test
  void everyMemoryPaysFromTheSharedBudget() {
    StoredMemory a = registry.create(8, null);
    StoredMemory b = registry.create(8, null);
    a.memory().clear(0, (byte) 1, 5 * PAGE);
    assertThatThrownBy(() -> b.memory().clear(0, (byte) 1, 4 * PAGE))
        .isInstanceOf(MemoryBudgetExceededException.class);
    b.memory().clear(0, (byte) 1, 3 * PAGE);
    assertThat(budget.availableBytes()).isZero();
  }

  @Test
  void creatingPastTheMaximumIsRefusedUntilOneIsDeleted() {
    StoredMemory first = registry.create(0, null);
    registry.create(0, null);
    registry.create(0, null);
    assertThatThrownBy(() -> registry.create(0, null))
        .isInstanceOfSatisfying(
            MemoryLimitExceededException.class, e -> assertThat(e.maxMemories()).isEqualTo(3));
    assertThat(registry.size()).isEqualTo(3);

    registry.delete(first.id());
    registry.create(0, null);
    assertThat(registry.size()).isEqualTo(3);
  }

  @Test
  void concurrentCreatesNeverPassTheMaximum() throws Exception {
    MemoryRegistry bounded =
        new MemoryRegistry(new HeapMemoryStore(budget, clock), budget, 100, clock);
    AtomicInteger created = new AtomicInteger();
    MemoryBudgetTest.runConcurrently(
        6,
        worker -> {
          for (int i = 0; i < 40; i++) {
            try {
              bounded.create(0, null);
              created.incrementAndGet();
            } catch (MemoryLimitExceededException full) {
              // the registry is full: expected once 100 exist
            }
          }
        });
    assertThat(created.get()).isEqualTo(100);
    assertThat(bounded.size()).isEqualTo(100);
    assertThat(bounded.list()).hasSize(100);
  }

  @Test
  void expireIdleDropsOnlyMemoriesUnusedForTheWholePeriod() {
    StoredMemory used = registry.create(1, null);
    StoredMemory idle = registry.create(1, null);
    idle.memory().set(0, new byte[] {1});
    advance(Duration.ofMinutes(10));
    registry.get(used.id());
    advance(Duration.ofMinutes(5));

    assertThat(registry.expireIdle(Duration.ofMinutes(12))).isEqualTo(1);

    assertThat(ids(registry.list())).containsExactly(used.id());
    assertThatThrownBy(() -> registry.get(idle.id())).isInstanceOf(MemoryNotFoundException.class);
    assertThatThrownBy(() -> idle.memory().sizeBytes()).isInstanceOf(MemoryClosedException.class);
    assertThat(budget.usedBytes()).isZero();
    assertThat(registry.size()).isEqualTo(1);
  }

  @Test
  void expireIdleKeepsEverythingUsedWithinThePeriod() {
    registry.create(0, null);
    registry.create(0, null);
    advance(Duration.ofSeconds(59));
    assertThat(registry.expireIdle(Duration.ofMinutes(1))).isZero();
    assertThat(registry.size()).isEqualTo(2);
  }

  @Test
  void expireIdleDropsEveryIdleMemoryAndFreesItsSlot() {
    for (int i = 0; i < 3; i++) {
      registry.create(1, null).memory().set(0, new byte[] {1});
    }
    advance(Duration.ofHours(1));
    assertThat(registry.expireIdle(Duration.ofMinutes(30))).isEqualTo(3);
    assertThat(registry.size()).isZero();
    assertThat(budget.usedBytes()).isZero();
    List<StoredMemory> again =
        List.of(registry.create(0, null), registry.create(0, null), registry.create(0, null));
    assertThat(ids(registry.list()))
        .containsExactlyInAnyOrderElementsOf(again.stream().map(StoredMemory::id).toList());
  }

  @Test
  void aDeletedMemoryIsNotExpiredTwice() {
    StoredMemory stored = registry.create(0, null);
    advance(Duration.ofHours(1));
    registry.delete(stored.id());
    assertThat(registry.expireIdle(Duration.ofMinutes(1))).isZero();
    assertThat(registry.size()).isZero();
  }
}
