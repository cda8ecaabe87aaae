package dev.wasmmemory.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryBudgetExceededException;
import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.store.Durability;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The global budget, on a Redis server of its own (the budget is global to a server): two store
 * instances, as two replicas, never store more than the budget together, refuse only when it is
 * used up, and a reconciliation gives back what a dead replica had leased.
 */
class ClusterBudgetTest {
  private static final int BUDGET_PAGES = 50;
  private static RedisServer server;
  private static RedisClient client;

  @BeforeAll
  static void startServer() {
    Assumptions.assumeTrue(RedisTestServers.missing().isEmpty(), "redis-server is missing");
    server = RedisTestServers.startServer("budget");
    client = RedisClient.create(io.lettuce.core.RedisURI.create("127.0.0.1", server.port()));
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      client.shutdown();
      server.stop();
    }
  }

  @BeforeEach
  void emptyServer() {
    server.cli("FLUSHALL");
  }

  private static RedisMemoryStore open() {
    return RedisMemoryStore.open(
        client, RedisStoreSettings.of(Pages.toBytes(BUDGET_PAGES), Durability.FSYNC));
  }

  @Test
  void twoReplicasTogetherStoreExactlyTheBudgetUnderConcurrencyAndGetItBack() throws Exception {
    try (RedisMemoryStore first = open();
        RedisMemoryStore second = open()) {
      assertThat(fillConcurrently(first, second)).isEqualTo(BUDGET_PAGES);
      assertThat(first.storedBytes()).isEqualTo(Pages.toBytes(BUDGET_PAGES));
      for (var record : first.list()) {
        first.delete(first.find(record.id()).orElseThrow());
      }
      assertThat(second.storedBytes()).isZero();
      assertThat(fillConcurrently(second, first)).isEqualTo(BUDGET_PAGES);
    }
  }

  /**
   * Eight writers, four through each store, each materialising pages of its own memory one at a
   * time until refused; answers the pages stored, which must be what the writers were granted.
   */
  private static long fillConcurrently(RedisMemoryStore a, RedisMemoryStore b) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CyclicBarrier start = new CyclicBarrier(8);
    List<Future<Integer>> granted = new ArrayList<>();
    List<LinearMemory> memories = new ArrayList<>();
    try {
      for (int w = 0; w < 8; w++) {
        LinearMemory memory =
            (w % 2 == 0 ? a : b).create(MemoryLimits.unbounded(BUDGET_PAGES), null);
        memories.add(memory);
        granted.add(
            pool.submit(
                () -> {
                  start.await();
                  int pages = 0;
                  try {
                    while (pages < BUDGET_PAGES) {
                      memory.set(Pages.toBytes(pages), new byte[] {1});
                      pages++;
                    }
                  } catch (MemoryBudgetExceededException refused) {
                    assertThat(refused.requestedPages()).isEqualTo(1);
                  }
                  return pages;
                }));
      }
      long total = 0;
      for (Future<Integer> writer : granted) {
        total += writer.get();
      }
      long stored = memories.stream().mapToLong(LinearMemory::materializedPages).sum();
      assertThat(stored).isEqualTo(total);
      return stored;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aReconciliationGivesBackWhatADeadReplicaHadLeased() throws Exception {
    try (RedisMemoryStore store = open()) {
      Scripts scripts = new Scripts(RedisConnection.open(client), FunctionLibrary.bundled());
      ClusterBudget dead = new ClusterBudget(scripts, "dead-replica");
      dead.heartbeat(Duration.ofMillis(200));
      long before = store.storedBytes();
      dead.acquire(7);
      assertThat(store.storedBytes()).isEqualTo(before);
      ClusterBudget.Usage leased = dead.heartbeat(Duration.ofMillis(200));
      assertThat(leased.inFlightPages()).isEqualTo(7);
      Thread.sleep(400);

      ClusterBudget live = new ClusterBudget(scripts, "live-replica");
      live.heartbeat(Duration.ofSeconds(30));
      assertThat(new BudgetReconciler(scripts, live, Duration.ofSeconds(30)).reconcile()).isTrue();

      ClusterBudget.Usage after = live.heartbeat(Duration.ofSeconds(30));
      assertThat(after.inFlightPages()).isZero();
      assertThat(after.usedPages()).isEqualTo(leased.usedPages() - 7);
      scripts.redis().close();
    }
  }

  @Test
  void pagesFreedDuringAReconciliationStayCountedUntilTheNext() {
    try (RedisMemoryStore store = open()) {
      LinearMemory memory = store.create(MemoryLimits.unbounded(2), null);
      memory.set(0, new byte[] {1});
      Scripts scripts = new Scripts(RedisConnection.open(client), FunctionLibrary.bundled());
      ClusterBudget reconciling = new ClusterBudget(scripts, "reconciler");
      reconciling.heartbeat(Duration.ofSeconds(30));
      long used = reconciling.heartbeat(Duration.ofSeconds(30)).usedPages();
      Reply begin = scripts.call("budget_recon_begin", Keys.BUDGET, "reconciler", 30_000);
      assertThat(begin.ok()).isTrue();

      memory.zero(0, Pages.PAGE_SIZE);

      assertThat(reconciling.heartbeat(Duration.ofSeconds(30)).usedPages()).isEqualTo(used);
      scripts.call("budget_recon_end", Keys.BUDGET, "reconciler", begin.number(1), 0);
      assertThat(new BudgetReconciler(scripts, reconciling, Duration.ofSeconds(30)).reconcile())
          .isTrue();
      assertThat(reconciling.heartbeat(Duration.ofSeconds(30)).usedPages()).isEqualTo(used - 1);
      scripts.redis().close();
    }
  }
}
