package dev.wasmmemory.store.redis;

import dev.wasmmemory.store.Durability;
import io.lettuce.core.cluster.RedisClusterClient;

/**
 * Stores on the shared test cluster ({@link RedisTestServers#cluster()}), one per test JVM: two
 * "replicas", each with its own connection, as two service instances would have.
 */
public final class RedisTestStores {
  /** A budget large enough that only the tests' own budgets refuse. */
  static final long BUDGET = 64L << 30;

  private RedisTestStores() {}

  /** The first replica's store. */
  public static RedisMemoryStore cluster() {
    return Holder.FIRST;
  }

  /** A second replica's store on the same cluster. */
  public static RedisMemoryStore secondReplica() {
    return Holder.SECOND;
  }

  /**
   * A new store on the shared cluster with {@code settings}; the caller closes store and client.
   */
  static RedisMemoryStore open(RedisClusterClient client, RedisStoreSettings settings) {
    return RedisMemoryStore.open(client, settings);
  }

  private static final class Holder {
    static final RedisClusterClient CLIENT = RedisTestServers.cluster().client();
    static final RedisMemoryStore FIRST =
        RedisMemoryStore.open(CLIENT, RedisStoreSettings.of(BUDGET, Durability.FSYNC));
    static final RedisMemoryStore SECOND =
        RedisMemoryStore.open(CLIENT, RedisStoreSettings.of(BUDGET, Durability.FSYNC));
  }
}
