package dev.wasmmemory.store.redis;

import dev.wasmmemory.store.Durability;
import java.time.Duration;

/**
 * How a {@link RedisMemoryStore} behaves.
 *
 * @param budgetBytes bytes of pages all memories together may store, over every replica
 * @param durability what an acknowledged write must survive ({@code memory.durability})
 * @param checkDurability whether the servers' persistence is checked at start ({@code CONFIG GET});
 *     off only where CONFIG is disabled and the operator vouches for the servers
 * @param leaseTtl how long a lease (transfer, direct access, exclusive call) lives unless renewed
 * @param leaseWait how long a writer waits for another client's lease before it gives up
 * @param viewTtl how long a view's pin lives without a read (a reader that went away)
 * @param viewLifetime the longest a view may stay open; its copied-aside pages live that long
 * @param stagingTtl how long staged pages of an unfinished streamed write live
 * @param reconcileInterval how often a replica reconciles the global budget (see {@link
 *     BudgetReconciler})
 */
public record RedisStoreSettings(
    long budgetBytes,
    Durability durability,
    boolean checkDurability,
    Duration leaseTtl,
    Duration leaseWait,
    Duration viewTtl,
    Duration viewLifetime,
    Duration stagingTtl,
    Duration reconcileInterval) {

  /** The defaults, with {@code budgetBytes} and {@code durability}. */
  public static RedisStoreSettings of(long budgetBytes, Durability durability) {
    return new RedisStoreSettings(
        budgetBytes,
        durability,
        true,
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofMinutes(2),
        Duration.ofHours(1),
        Duration.ofMinutes(10),
        Duration.ofMinutes(5));
  }
}
