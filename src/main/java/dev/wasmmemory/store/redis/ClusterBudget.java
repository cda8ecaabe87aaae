package dev.wasmmemory.store.redis;

import dev.wasmmemory.memory.MemoryBudgetExceededException;
import dev.wasmmemory.memory.Pages;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The global budget ({@code memory.budget}) of every replica of the service, kept in the hash
 * {@code wms:{budget}} of its own slot. Memories live in other slots, so no function can check the
 * budget and write a page at once; the protocol (functions {@code wm4_budget_*}):
 *
 * <ul>
 *   <li><b>Invariant:</b> {@code used >= stored + inFlight} and {@code used <= limit}, where stored
 *       is the sum of every memory's materialised pages and inFlight the pages leased to operations
 *       that have not settled. So no replica can ever store past the limit.
 *   <li><b>Lease</b> (before a memory function that answered NEED): {@code used += n} only if it
 *       stays within the limit, and {@code pools[replica] += n}. Exactly what is needed, no chunks
 *       kept aside: a page another replica frees is available to every replica at once.
 *   <li><b>Settle</b> (after the memory function, whatever its outcome): {@code pools[replica] -=
 *       acquired}; the pages granted and not used go back ({@code used -= unused}). The pages the
 *       function freed go back only if no reconciliation started since the {@link #stamp()} taken
 *       before the function ran; otherwise they stay counted until the next reconciliation (an
 *       over-count refuses too early, it never admits too much).
 *   <li><b>Replica death</b> between lease and settle: its leased pages stay in {@code used}
 *       (refusing too early) until {@link BudgetReconciler} finds its heartbeat gone and recounts.
 *       Death after the memory function but before settle: pages freed are still counted; the
 *       reconciliation fixes that too.
 * </ul>
 *
 * A settle is awaited, so a page freed through one replica is available to every replica when the
 * operation returns; a settle that fails (Redis unreachable) only over-counts. The gen (even when
 * no reconciliation runs) comes back with every reply and is kept for stamps.
 */
final class ClusterBudget implements PageLedger {
  private final Scripts scripts;
  private final String replica;
  private final byte[] key;
  private final AtomicLong gen = new AtomicLong();

  ClusterBudget(Scripts scripts, String replica) {
    this(scripts, replica, Keys.BUDGET);
  }

  /** A budget under {@code key}: an owner's ({@link RedisOwners}) follows the same protocol. */
  ClusterBudget(Scripts scripts, String replica, byte[] key) {
    this.scripts = scripts;
    this.replica = replica;
    this.key = key;
  }

  String replica() {
    return replica;
  }

  /** Sets the limit; true when the budget was new (nothing counted yet: reconcile first). */
  boolean init(long limitBytes) {
    Reply reply = scripts.call("budget_init", key, Math.max(0, limitBytes) / Pages.PAGE_SIZE);
    gen.set(reply.number(2));
    return reply.number(1) == 1;
  }

  @Override
  public long stamp() {
    return gen.get();
  }

  @Override
  public void acquire(long pages) {
    if (pages <= 0) {
      return;
    }
    Reply reply = scripts.call("budget_lease", key, replica, pages);
    if (reply.status() == Reply.NEED) {
      throw new MemoryBudgetExceededException(pages, reply.number(1));
    }
    observe(reply.number(1));
  }

  @Override
  public void settle(long stamp, long acquired, long added, long freed) {
    if (acquired == 0 && freed == 0) {
      return;
    }
    Reply reply =
        scripts.call("budget_settle", key, replica, acquired, acquired - added, freed, stamp);
    observe(reply.number(1));
  }

  /** Announces that this replica is alive for {@code ttl}; answers what the budget holds. */
  Usage heartbeat(Duration ttl) {
    Reply reply = scripts.call("budget_alive", key, replica, ttl.toMillis());
    observe(reply.number(1));
    return new Usage(reply.number(2), reply.number(3), reply.number(4));
  }

  /** Counts {@code pages} stored before this budget existed. */
  void add(long pages) {
    if (pages > 0) {
      scripts.call("budget_add", key, pages);
    }
  }

  void observe(long latest) {
    gen.accumulateAndGet(latest, Math::max);
  }

  /** Pages: the limit, counted as used, and leased to operations in flight. */
  record Usage(long limitPages, long usedPages, long inFlightPages) {
    /** An upper bound of the pages stored (exact when no replica died since a reconciliation). */
    long storedBytes() {
      return Pages.toBytes(Math.max(0, usedPages - inFlightPages));
    }
  }
}
