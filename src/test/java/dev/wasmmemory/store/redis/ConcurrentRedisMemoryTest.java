package dev.wasmmemory.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.memory.RegionView;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Transfers between memories in different slots (different primaries) and views, under concurrent
 * writers on two replicas: every state seen is one some serial order explains. Loops are bounded; a
 * deadlock fails through the preemptive timeout.
 */
class ConcurrentRedisMemoryTest {
  private static final Duration DEADLOCK = Duration.ofSeconds(60);

  @BeforeAll
  static void requireRedis() {
    Assumptions.assumeTrue(RedisTestServers.missing().isEmpty(), "redis-server is missing");
  }

  /** Two memories whose slots are served by different nodes of the test cluster. */
  private static LinearMemory[] onTwoNodes(int pages) {
    RedisMemoryStore store = RedisTestStores.cluster();
    LinearMemory a = store.create(MemoryLimits.unbounded(pages), null);
    while (true) {
      LinearMemory b = store.create(MemoryLimits.unbounded(pages), null);
      var cluster = RedisTestServers.cluster();
      if (cluster.nodeOf("mem:{" + a.id() + "}:m") != cluster.nodeOf("mem:{" + b.id() + "}:m")) {
        return new LinearMemory[] {a, b};
      }
    }
  }

  private static boolean uniform(byte[] bytes) {
    for (byte b : bytes) {
      if (b != bytes[0]) {
        return false;
      }
    }
    return true;
  }

  private static void runTogether(List<Callable<Void>> tasks) {
    assertTimeoutPreemptively(
        DEADLOCK,
        () -> {
          ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
          try {
            List<Future<Void>> futures = new ArrayList<>();
            tasks.forEach(task -> futures.add(pool.submit(task)));
            for (Future<Void> future : futures) {
              future.get();
            }
          } finally {
            pool.shutdownNow();
          }
        });
  }

  @Test
  void aCrossSlotTransferCopiesOneInstantOfTheSourceAndLandsAtOnce() {
    LinearMemory[] memories = onTwoNodes(3);
    LinearMemory source = memories[0];
    LinearMemory target = RedisTestStores.secondReplica().find(memories[1].id()).orElseThrow();
    long length = 3L * Pages.PAGE_SIZE - 7;
    AtomicBoolean done = new AtomicBoolean();
    List<Callable<Void>> tasks = new ArrayList<>();
    tasks.add(
        () -> {
          try {
            for (int k = 1; k <= 60; k++) {
              source.clear(0, (byte) k, 3L * Pages.PAGE_SIZE);
            }
          } finally {
            done.set(true);
          }
          return null;
        });
    tasks.add(
        () -> {
          while (!done.get()) {
            target.transferFrom(
                RedisTestStores.secondReplica().find(source.id()).orElseThrow(), 3, 0, length);
          }
          return null;
        });
    tasks.add(
        () -> {
          while (!done.get()) {
            byte[] seen = memories[1].get(0, length);
            assertThat(uniform(seen)).as("a transfer seen half done, or of a torn source").isTrue();
          }
          return null;
        });

    runTogether(tasks);
  }

  @Test
  void aLargeTransferIsStagedAndStillAtomic() {
    LinearMemory[] memories = onTwoNodes(24);
    long length = 24L * Pages.PAGE_SIZE;
    memories[0].clear(0, (byte) 7, length);
    memories[1].clear(0, (byte) 1, length);
    AtomicBoolean done = new AtomicBoolean();
    List<Callable<Void>> tasks = new ArrayList<>();
    tasks.add(
        () -> {
          try {
            memories[1].transferFrom(memories[0], 0, 0, length);
          } finally {
            done.set(true);
          }
          return null;
        });
    tasks.add(
        () -> {
          while (!done.get()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            memories[1].readTo(0, length, out);
            assertThat(uniform(out.toByteArray())).isTrue();
          }
          return null;
        });

    runTogether(tasks);
    assertThat(memories[1].get(0, length)).containsOnly(7);
  }

  @Test
  void transfersInBothDirectionsDoNotDeadlock() {
    LinearMemory[] memories = onTwoNodes(1);
    memories[0].clear(0, (byte) 1, 64);
    memories[1].clear(0, (byte) 2, 64);
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      LinearMemory from = memories[t % 2];
      LinearMemory to = memories[(t + 1) % 2];
      tasks.add(
          () -> {
            for (int i = 0; i < 100; i++) {
              to.transferFrom(from, 0, 100, 64);
            }
            return null;
          });
    }

    runTogether(tasks);
    assertThat(memories[0].get(100, 64)).containsOnly(2);
    assertThat(memories[1].get(100, 64)).containsOnly(1);
  }

  @Test
  void aSlowViewShowsOneInstantWhileWritersChangeEveryPage() throws Exception {
    int pages = 48; // more than a view reads ahead, so most pages are read after the writes
    LinearMemory memory = RedisTestStores.cluster().create(MemoryLimits.unbounded(pages), null);
    LinearMemory writer = RedisTestStores.secondReplica().find(memory.id()).orElseThrow();
    memory.clear(0, (byte) 1, Pages.toBytes(pages));
    for (int round = 0; round < 3; round++) {
      try (RegionView view = memory.view(0, LinearMemory.TO_END)) {
        byte first = (byte) (round * 3 + 1);
        int[] chunk = {0};
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        view.forEachChunk(
            buffer -> {
              byte[] bytes = new byte[buffer.remaining()];
              buffer.get(bytes);
              seen.writeBytes(bytes);
              if (chunk[0]++ % 16 == 0) {
                writer.clear(0, (byte) (first + 1), Pages.toBytes(pages));
                writer.erase();
                writer.clear(0, (byte) (first + 3), Pages.toBytes(pages));
              }
            });
        assertThat(view.memorySize()).isEqualTo(Pages.toBytes(pages));
        assertThat(seen.toByteArray()).hasSize(pages * Pages.PAGE_SIZE).containsOnly(first);
      }
    }
    String copies =
        RedisTestServers.cluster()
            .nodeOf("mem:{" + memory.id() + "}:m")
            .cli("--scan", "--pattern", "mem:{" + memory.id() + "}:c*");
    assertThat(copies.trim()).as("pages copied aside for closed views").isEmpty();
  }

  @Test
  void aStreamedWriteThatFailsHalfwayLeavesNoStagedPages() {
    LinearMemory memory = RedisTestStores.cluster().create(MemoryLimits.unbounded(40), null);
    memory.set(0, new byte[] {9});
    java.io.InputStream failing =
        new java.io.InputStream() {
          private int left = 30 * Pages.PAGE_SIZE;

          @Override
          public int read() throws java.io.IOException {
            return read(new byte[1], 0, 1) < 0 ? -1 : 1;
          }

          @Override
          public int read(byte[] b, int off, int len) throws java.io.IOException {
            if (left == 0) {
              throw new java.io.IOException("client went away");
            }
            int n = Math.min(len, left);
            Arrays.fill(b, off, off + n, (byte) 3);
            left -= n;
            return n;
          }
        };

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> memory.writeFrom(0, 40L * Pages.PAGE_SIZE, failing))
        .hasMessage("client went away");

    assertThat(memory.version()).isEqualTo(1);
    assertThat(memory.materializedPages()).isEqualTo(1);
    assertThat(memory.get(0, 2)).containsExactly(9, 0);
    String staged =
        RedisTestServers.cluster()
            .nodeOf("mem:{" + memory.id() + "}:m")
            .cli("--scan", "--pattern", "mem:{" + memory.id() + "}:s:*");
    assertThat(staged.trim()).as("staged pages of the failed write").isEmpty();
  }
}
