package dev.wasmmemory.store.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Recounts the global budget from the memories' materialised counts, so that pages counted but not
 * stored (leased by a replica that died, freed during an earlier reconciliation) come back. One
 * replica at a time (the first to start it; a reconciliation whose replica dies is taken over after
 * its deadline).
 *
 * <ol>
 *   <li>{@code wm4_budget_recon_begin}: gen becomes odd; the pools of replicas whose heartbeat
 *       expired are dropped, those of live replicas summed (pages in flight now); leases from now
 *       on are summed too.
 *   <li>The index is read, then every memory's {@code mat} and {@code smat} (its snapshots' pages),
 *       memory by memory (not at one instant).
 *   <li>{@code wm4_budget_recon_end}: {@code used = sum + pools at the start + leased since}, gen
 *       even again. Nothing is under-counted: a page materialised during the scan was leased before
 *       it started (in a pool) or during it; a page freed meanwhile is not given back by its settle
 *       (its stamp is older than the odd gen), so it counts at most twice until the next
 *       reconciliation.
 * </ol>
 *
 * A replica taken for dead that is only paused (longer than the heartbeat TTL) may still
 * materialise the pages it leased: the one case where the count can fall short, by what that
 * replica had in flight.
 */
final class BudgetReconciler {
  private static final int BATCH = 500;

  private final Scripts scripts;
  private final ClusterBudget budget;
  private final Duration deadline;

  BudgetReconciler(Scripts scripts, ClusterBudget budget, Duration deadline) {
    this.scripts = scripts;
    this.budget = budget;
    this.deadline = deadline;
  }

  /** Runs one reconciliation; false when another replica is running one. */
  boolean reconcile() {
    Reply begin =
        scripts.call("budget_recon_begin", Keys.BUDGET, budget.replica(), deadline.toMillis());
    if (!begin.ok()) {
      return false;
    }
    long gen = begin.number(1);
    budget.observe(gen);
    long stored = storedPages();
    Reply end = scripts.call("budget_recon_end", Keys.BUDGET, budget.replica(), gen, stored);
    if (end.ok()) {
      budget.observe(gen + 1);
    }
    return end.ok();
  }

  /**
   * The sum of the materialised pages of every memory in the index and of its snapshots, read once
   * after the start (a memory gets pages only after it is indexed, and one indexed later got them
   * by leases counted since the start); the memories are then read in pipelined batches.
   */
  private long storedPages() {
    RedisConnection redis = scripts.redis();
    List<byte[]> ids = redis.await(redis.commands().zrange(Keys.INDEX, 0, -1));
    long total = 0;
    for (int start = 0; start < ids.size(); start += BATCH) {
      List<RedisFuture<List<KeyValue<byte[], byte[]>>>> reads = new ArrayList<>();
      for (byte[] id : ids.subList(start, Math.min(start + BATCH, ids.size()))) {
        String memoryId = new String(id, StandardCharsets.UTF_8);
        reads.add(
            redis.commands().hmget(Keys.meta(memoryId), Keys.bytes("mat"), Keys.bytes("smat")));
      }
      for (RedisFuture<List<KeyValue<byte[], byte[]>>> read : reads) {
        for (KeyValue<byte[], byte[]> count : redis.await(read)) {
          if (count.hasValue()) {
            total += Long.parseLong(new String(count.getValue(), StandardCharsets.US_ASCII));
          }
        }
      }
    }
    return total;
  }
}
