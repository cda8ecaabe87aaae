package dev.wasmmemory.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryClosedException;
import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.memory.ValueType;
import dev.wasmmemory.memory.VersionMismatchException;
import dev.wasmmemory.store.Durability;
import dev.wasmmemory.store.MemoryStore.MemoryRecord;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store's own operations, and what a second replica (another store instance) sees. */
class RedisMemoryStoreTest {
  private final RedisMemoryStore store = RedisTestStores.cluster();

  @BeforeAll
  static void requireRedis() {
    Assumptions.assumeTrue(RedisTestServers.missing().isEmpty(), "redis-server is missing");
  }

  @Test
  void createdMemoriesAreFoundListedInCreationOrderCountedAndDeleted() {
    LinearMemory first = store.create(MemoryLimits.of(1, 4L), "alice");
    LinearMemory second = store.create(MemoryLimits.unbounded(2), null);
    LinearMemory third = store.create(MemoryLimits.of(0, 0L), "bob");
    int count = store.count();

    List<String> listed = store.list().stream().map(MemoryRecord::id).toList();
    assertThat(listed).containsSubsequence(first.id(), second.id(), third.id());
    MemoryRecord record = store.record(first.id()).orElseThrow();
    assertThat(record.limits()).isEqualTo(MemoryLimits.of(1, 4L));
    assertThat(record.owner()).isEqualTo("alice");
    assertThat(store.record(second.id()).orElseThrow().owner()).isNull();
    assertThat(store.record(second.id()).orElseThrow().limits().hasMaximum()).isFalse();
    assertThat(store.find(third.id()).orElseThrow().sizeBytes()).isZero();

    assertThat(store.delete(second)).isTrue();
    assertThat(store.delete(second)).isFalse();
    assertThat(store.find(second.id())).isEmpty();
    assertThat(store.record(second.id())).isEmpty();
    assertThat(store.list().stream().map(MemoryRecord::id)).doesNotContain(second.id());
    assertThat(store.count()).isEqualTo(count - 1);
    assertThatThrownBy(() -> second.get(0, 1)).isInstanceOf(MemoryClosedException.class);
  }

  @Test
  void deleteThroughAStaleVersionKeepsTheMemory() {
    LinearMemory memory = store.create(MemoryLimits.unbounded(1), null);
    long stale = memory.version();
    memory.set(0, new byte[] {1});

    assertThatThrownBy(() -> store.delete(memory.ifVersion(stale)))
        .isInstanceOf(VersionMismatchException.class);
    assertThat(store.find(memory.id())).isPresent();
    assertThat(store.delete(memory.ifVersion(memory.version()))).isTrue();
    assertThat(store.find(memory.id())).isEmpty();
  }

  @Test
  void touchRecordsTheLastUse() {
    LinearMemory memory = store.create(MemoryLimits.unbounded(1), null);
    MemoryRecord created = store.record(memory.id()).orElseThrow();
    Instant later = created.lastUsed().plusSeconds(90);

    store.touch(memory.id(), later);

    MemoryRecord touched = store.record(memory.id()).orElseThrow();
    assertThat(touched.lastUsed()).isEqualTo(later);
    assertThat(touched.createdAt()).isEqualTo(created.createdAt());
  }

  @Test
  void unknownAndMalformedIdsAreNotFound() {
    assertThat(store.find(UUID.randomUUID().toString())).isEmpty();
    assertThat(store.find("mem:{x}")).isEmpty();
    assertThat(store.find("")).isEmpty();
    store.touch(UUID.randomUUID().toString(), Instant.now());
    store.touch("not an id", Instant.now());
  }

  @Test
  void idsAreRandomVersion4Uuids() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      String id = store.create(MemoryLimits.unbounded(0), null).id();
      assertThat(UUID.fromString(id).version()).isEqualTo(4);
      ids.add(id);
    }
    assertThat(ids).hasSize(50);
  }

  @Test
  void aSecondReplicaSeesTheSameMemoriesBytesAndVersions() {
    LinearMemory written = store.create(MemoryLimits.of(2, 3L), "carol");
    written.set(Pages.PAGE_SIZE - 2, new byte[] {1, 2, 3, 4});
    written.grow(1);

    LinearMemory seen = RedisTestStores.secondReplica().find(written.id()).orElseThrow();

    assertThat(seen.version()).isEqualTo(written.version()).isEqualTo(2);
    assertThat(seen.get(Pages.PAGE_SIZE - 2, 4)).containsExactly(1, 2, 3, 4);
    assertThat(seen.currentPages()).isEqualTo(3);
    assertThat(seen.materializedPages()).isEqualTo(2);
    assertThat(seen.limits()).isEqualTo(MemoryLimits.of(2, 3L));
    seen.setBits(ValueType.U8, 0, 9);
    assertThat(written.getBits(ValueType.U8, 0)).isEqualTo(9);
    assertThat(written.version()).isEqualTo(3);
  }

  /**
   * The second replica knows the memory (its limits and owner, {@link KnownMemories}) and looks it
   * up no more; once the first deletes it, every operation through the second says it is gone.
   */
  @Test
  void aMemoryDeletedThroughOneReplicaIsGoneThroughTheOther() {
    LinearMemory created = store.create(MemoryLimits.of(1, 2L), "dave");
    RedisMemoryStore second = RedisTestStores.secondReplica();
    assertThat(second.findOwned(created.id()).orElseThrow().owner()).isEqualTo("dave");

    assertThat(store.delete(created)).isTrue();

    assertThat(second.record(created.id())).isEmpty();
    second
        .find(created.id())
        .ifPresent(
            known -> {
              assertThatThrownBy(known::version).isInstanceOf(MemoryClosedException.class);
              assertThatThrownBy(() -> known.set(0, new byte[] {1}))
                  .isInstanceOf(MemoryClosedException.class);
              assertThatThrownBy(() -> known.grow(1)).isInstanceOf(MemoryClosedException.class);
            });
    assertThat(store.find(created.id())).as("the replica that deleted it").isEmpty();
  }

  @Test
  void memoriesAndTheirMetadataOutliveTheStoreThatMadeThem() {
    RedisClusterClient client = RedisTestServers.cluster().client();
    String id;
    MemoryRecord record;
    try (RedisMemoryStore first = open(client)) {
      LinearMemory memory = first.create(MemoryLimits.of(1, 2L), "dave");
      memory.set(100, new byte[] {7, 7});
      id = memory.id();
      record = first.record(id).orElseThrow();
    }
    try (RedisMemoryStore second = open(client)) {
      assertThat(second.record(id)).contains(record);
      LinearMemory memory = second.find(id).orElseThrow();
      assertThat(memory.get(100, 2)).containsExactly(7, 7);
      assertThat(memory.version()).isEqualTo(1);
    } finally {
      client.shutdown();
    }
  }

  @Test
  void aSingleNodeServesTheSameStore() throws Exception {
    RedisClient client = RedisTestServers.standaloneClient();
    try (RedisMemoryStore single = open(client)) {
      LinearMemory a = single.create(MemoryLimits.unbounded(3), null);
      LinearMemory b = single.create(MemoryLimits.unbounded(3), null);
      a.set(Pages.PAGE_SIZE - 1, new byte[] {5, 6});
      b.transferFrom(a, Pages.PAGE_SIZE - 1, 0, 2);
      assertThat(b.get(0, 2)).containsExactly(5, 6);
      try (var view = a.view(0, 3L * Pages.PAGE_SIZE)) {
        a.erase();
        assertThat(view.version()).isEqualTo(1);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        view.transferTo(out);
        assertThat(out.toByteArray()[Pages.PAGE_SIZE]).isEqualTo((byte) 6);
      }
      assertThat(single.find(a.id())).isPresent();
    } finally {
      client.shutdown();
    }
  }

  private static RedisMemoryStore open(io.lettuce.core.AbstractRedisClient client) {
    return RedisMemoryStore.open(
        client, RedisStoreSettings.of(RedisTestStores.BUDGET, Durability.FSYNC));
  }
}
