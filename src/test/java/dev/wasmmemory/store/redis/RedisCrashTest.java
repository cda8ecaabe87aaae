package dev.wasmmemory.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.memory.FrozenPages;
import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryException;
import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.memory.RegionView;
import dev.wasmmemory.store.Durability;
import io.lettuce.core.cluster.RedisClusterClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the Redis primary that holds a memory while a client writes multi-page regions
 * to it (in one call, staged from an array, staged from a stream), then a restart from its AOF
 * ({@code appendfsync always}): every acknowledged write is there, the write in flight is there
 * whole or not at all, and nothing else changed (version and stored pages count the writes). A
 * snapshot taken among the writes is there too, showing the memory as it was when it was taken.
 */
class RedisCrashTest {
  private static final int REGION_PAGES = 20;
  private static final int[] WRITE_PAGES = {3, REGION_PAGES, REGION_PAGES};
  private static final int SNAPSHOT_AFTER = 3;

  @BeforeAll
  static void requireRedis() {
    Assumptions.assumeTrue(RedisTestServers.missing().isEmpty(), "redis-server is missing");
  }

  /** The k-th write: {@code WRITE_PAGES[k % 3]} pages of one non-zero byte, at region k. */
  private static long write(LinearMemory memory, int k) throws IOException {
    byte[] bytes = new byte[WRITE_PAGES[k % 3] * Pages.PAGE_SIZE];
    Arrays.fill(bytes, value(k));
    long offset = Pages.toBytes((long) k * REGION_PAGES);
    return k % 3 == 2
        ? memory.writeFrom(offset, bytes.length, new ByteArrayInputStream(bytes)).version()
        : memory.set(offset, bytes);
  }

  private static byte value(int k) {
    return (byte) (k % 250 + 1);
  }

  @Test
  void aKilledPrimaryRestartedFromItsAofKeepsEveryAcknowledgedWriteAndTearsNone() throws Exception {
    RedisTestServers.Cluster cluster = RedisTestServers.cluster();
    LinearMemory memory =
        RedisTestStores.cluster().create(MemoryLimits.unbounded(Pages.MAX_PAGES), null);
    RedisServer primary = cluster.nodeOf("mem:{" + memory.id() + "}:m");
    List<Integer> acknowledged = new CopyOnWriteArrayList<>();
    AtomicInteger attempted = new AtomicInteger(-1);
    AtomicReference<String> snapshot = new AtomicReference<>();
    RedisClusterClient client = cluster.client();
    Thread writer;
    try (RedisMemoryStore store =
        RedisMemoryStore.open(
            client, RedisStoreSettings.of(RedisTestStores.BUDGET, Durability.FSYNC))) {
      LinearMemory mine = store.find(memory.id()).orElseThrow();
      writer =
          new Thread(
              () -> {
                try {
                  for (int k = 0; k < 1000; k++) {
                    attempted.set(k);
                    write(mine, k);
                    acknowledged.add(k);
                    if (k == SNAPSHOT_AFTER) {
                      String id = UUID.randomUUID().toString();
                      store.snapshots().orElseThrow().take(mine, id, Instant.now());
                      snapshot.set(id);
                    }
                  }
                } catch (MemoryException | IOException expected) {
                  // the primary is gone: this write is the one in flight
                }
              });
      writer.start();
      while (acknowledged.size() < 6 && writer.isAlive()) {
        Thread.sleep(5);
      }
      primary.kill();
      writer.join(60_000);
    } finally {
      client.shutdown();
    }
    primary.start();
    cluster.awaitOk();
    awaitReconnected(memory.id());

    int acked = acknowledged.size();
    assertThat(acked).isGreaterThanOrEqualTo(6);
    assertThat(acknowledged).isEqualTo(java.util.stream.IntStream.range(0, acked).boxed().toList());
    RedisClusterClient verifier = cluster.client();
    try (RedisMemoryStore fresh =
        RedisMemoryStore.open(
            verifier, RedisStoreSettings.of(RedisTestStores.BUDGET, Durability.FSYNC))) {
      LinearMemory after = fresh.find(memory.id()).orElseThrow();
      long pages = 0;
      for (int k = 0; k < acked; k++) {
        assertRegion(after, k, true);
        pages += WRITE_PAGES[k % 3];
      }
      int inFlight = attempted.get();
      boolean landed = inFlight >= acked && regionHolds(after, inFlight);
      if (inFlight >= acked && !landed) {
        assertRegion(after, inFlight, false);
      }
      assertRegion(after, inFlight + 1, false);
      long writes = acked + (landed ? 1 : 0);
      assertThat(after.version()).isEqualTo(writes);
      assertThat(after.materializedPages())
          .isEqualTo(pages + (landed ? WRITE_PAGES[inFlight % 3] : 0));
      FrozenPages taken =
          fresh.snapshots().orElseThrow().find(snapshot.get()).orElseThrow().pages();
      assertThat(taken.version()).isEqualTo(SNAPSHOT_AFTER + 1);
      for (int k = 0; k <= SNAPSHOT_AFTER + 2; k++) {
        assertRegion(k, k <= SNAPSHOT_AFTER, region(taken, k));
      }
    } finally {
      verifier.shutdown();
    }
  }

  private static boolean regionHolds(LinearMemory memory, int k) {
    return memory.get(Pages.toBytes((long) k * REGION_PAGES), 1)[0] == value(k);
  }

  /** Region k holds write k, whole ({@code written}), or only zeros. */
  private static void assertRegion(LinearMemory memory, int k, boolean written) {
    assertRegion(
        k,
        written,
        memory.get(Pages.toBytes((long) k * REGION_PAGES), Pages.toBytes(REGION_PAGES)));
  }

  private static byte[] region(FrozenPages pages, int k) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (RegionView view =
        pages.view("m", Pages.toBytes((long) k * REGION_PAGES), Pages.toBytes(REGION_PAGES))) {
      view.transferTo(out);
    }
    return out.toByteArray();
  }

  private static void assertRegion(int k, boolean written, byte[] bytes) {
    int length = written ? WRITE_PAGES[k % 3] * Pages.PAGE_SIZE : 0;
    for (int i = 0; i < bytes.length; i++) {
      byte expected = i < length ? value(k) : 0;
      if (bytes[i] != expected) {
        throw new AssertionError(
            "region " + k + " byte " + i + " is " + bytes[i] + ", expected " + expected);
      }
    }
  }

  /** The shared test stores' connections to the restarted node reconnect in the background. */
  private static void awaitReconnected(String id) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    for (RedisMemoryStore store :
        List.of(RedisTestStores.cluster(), RedisTestStores.secondReplica())) {
      while (true) {
        try {
          store.find(id).orElseThrow().version();
          break;
        } catch (MemoryException e) {
          if (System.nanoTime() > deadline) {
            throw e;
          }
          RedisTestServers.pause(100);
        }
      }
    }
  }
}
