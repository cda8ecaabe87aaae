package dev.wasmmemory.store.redis;

import dev.wasmmemory.store.Durability;
import dev.wasmmemory.store.StoreUnavailableException;
import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service promises that an acknowledged write survives a {@code kill -9} ({@code process}) or a
 * power loss ({@code fsync}); on Redis that is the servers' configuration, which the service cannot
 * set. So at start every primary is asked ({@code CONFIG GET}) and the store refuses to start when
 * one cannot keep the promise:
 *
 * <ul>
 *   <li>{@code process}: {@code appendonly yes} with {@code appendfsync everysec} or {@code
 *       always}. Redis writes the AOF before it replies, so a killed server loses nothing it
 *       acknowledged (with {@code everysec} an fsync that lags more than two seconds lets replies
 *       overtake the writes: a slow disk weakens this).
 *   <li>{@code fsync}: {@code appendfsync always}: fsynced before the reply.
 * </ul>
 *
 * Replication is asynchronous: with replicas, a failover can lose acknowledged writes unless every
 * write waits for them ({@code WAIT}; {@code WAITAOF} for their disks, Redis 7.2 and Valkey), which
 * this store does not do, so it warns when a primary has replicas. Where {@code CONFIG} is disabled
 * (managed services), {@code memory.redis.check-durability=false} lets the operator vouch for the
 * servers.
 */
final class DurabilityCheck {
  private static final Logger log = LoggerFactory.getLogger(DurabilityCheck.class);
  private static final Pattern REPLICAS = Pattern.compile("connected_slaves:(\\d+)");

  private DurabilityCheck() {}

  static void verify(RedisConnection redis, Durability durability, boolean check) {
    if (!check) {
      log.warn("memory.durability is not checked against the Redis servers' configuration");
      return;
    }
    for (RedisClusterAsyncCommands<byte[], byte[]> primary : redis.primaries()) {
      Map<String, String> config;
      try {
        config = redis.await(primary.configGet("appendonly", "appendfsync"));
      } catch (RedisException e) {
        throw new StoreUnavailableException(
            "cannot check the Redis server's persistence: CONFIG GET failed ("
                + e.getMessage()
                + ")",
            "allow CONFIG GET, or set memory.redis.check-durability=false if the servers run with "
                + "appendonly yes and appendfsync "
                + (durability == Durability.FSYNC ? "always" : "everysec or always"),
            e);
      }
      String problem = problem(durability, config);
      if (problem != null) {
        throw new StoreUnavailableException(
            "the Redis server cannot keep memory.durability="
                + durability.name().toLowerCase(java.util.Locale.ROOT)
                + ": "
                + problem,
            "configure every Redis primary for it (redis.conf or CONFIG SET), or choose another "
                + "memory.durability",
            null);
      }
      warnOfReplicas(redis, primary);
    }
  }

  /** What the server's configuration lacks for {@code durability}, or null. */
  static String problem(Durability durability, Map<String, String> config) {
    if (!"yes".equals(config.get("appendonly"))) {
      return "appendonly is "
          + config.get("appendonly")
          + ", needs yes (redis.conf: appendonly yes)";
    }
    String fsync = config.get("appendfsync");
    if (durability == Durability.FSYNC && !"always".equals(fsync)) {
      return "appendfsync is " + fsync + ", memory.durability=fsync needs always";
    }
    if (!"always".equals(fsync) && !"everysec".equals(fsync)) {
      return "appendfsync is " + fsync + ", needs everysec or always";
    }
    return null;
  }

  private static void warnOfReplicas(
      RedisConnection redis, RedisClusterAsyncCommands<byte[], byte[]> primary) {
    try {
      Matcher replicas = REPLICAS.matcher(redis.await(primary.info("replication")));
      if (replicas.find() && Integer.parseInt(replicas.group(1)) > 0) {
        log.warn(
            "a Redis primary has {} replicas: replication is asynchronous, and a failover may lose "
                + "writes the service acknowledged (WAIT/WAITAOF are not used)",
            replicas.group(1));
      }
    } catch (RedisException e) {
      log.warn("cannot read the Redis server's replication info: {}", e.getMessage());
    }
  }
}
