package dev.wasmmemory.store.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Lettuce connection with byte[] keys and values, to a Redis Cluster or a single node, shared
 * by every thread of the store: Lettuce multiplexes concurrent commands over it and a cluster
 * connection routes each command to the primary of its first key's slot (following MOVED/ASK).
 */
final class RedisConnection implements AutoCloseable {
  private final StatefulConnection<byte[], byte[]> connection;
  private final RedisClusterAsyncCommands<byte[], byte[]> commands;
  private final AbstractRedisClient client;

  private RedisConnection(
      AbstractRedisClient client,
      StatefulConnection<byte[], byte[]> connection,
      RedisClusterAsyncCommands<byte[], byte[]> commands) {
    this.client = client;
    this.connection = connection;
    this.commands = commands;
  }

  /**
   * Connects through {@code client}: a {@link RedisClusterClient} or a {@link RedisClient}, made
   * at-most-once first. Lettuce's default is at-least-once: after a reconnect it sends again the
   * commands that had been sent without an answer, and a function such as an overlapping copy must
   * not run twice. So nothing is replayed, and a command issued while the connection is down fails
   * at once rather than waiting in a buffer to run later: a mutation that failed did not happen,
   * except one that timed out with its answer lost (its outcome is unknown).
   */
  static RedisConnection open(AbstractRedisClient client) {
    if (client instanceof RedisClusterClient cluster) {
      cluster.setOptions((ClusterClientOptions) atMostOnce(cluster.getOptions().mutate()));
      StatefulRedisClusterConnection<byte[], byte[]> connection =
          cluster.connect(ByteArrayCodec.INSTANCE);
      return new RedisConnection(client, connection, connection.async());
    }
    if (client instanceof RedisClient single) {
      single.setOptions(atMostOnce(single.getOptions().mutate()));
      StatefulRedisConnection<byte[], byte[]> connection = single.connect(ByteArrayCodec.INSTANCE);
      return new RedisConnection(client, connection, connection.async());
    }
    throw new IllegalArgumentException("not a Lettuce Redis client: " + client.getClass());
  }

  private static ClientOptions atMostOnce(ClientOptions.Builder options) {
    return options
        .replayFilter(command -> true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .build();
  }

  /** Commands routed by key: to the primary of the key's slot, or to the single node. */
  RedisClusterAsyncCommands<byte[], byte[]> commands() {
    return commands;
  }

  boolean isCluster() {
    return connection instanceof StatefulRedisClusterConnection;
  }

  /** Commands for each primary (the single node when this is not a cluster), topology refreshed. */
  List<RedisClusterAsyncCommands<byte[], byte[]>> primaries() {
    if (!(connection instanceof StatefulRedisClusterConnection<byte[], byte[]> cluster)) {
      return List.of(commands);
    }
    ((RedisClusterClient) client).refreshPartitions();
    List<RedisClusterAsyncCommands<byte[], byte[]>> primaries = new ArrayList<>();
    for (RedisClusterNode node : cluster.getPartitions()) {
      if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
        primaries.add(cluster.getConnection(node.getNodeId()).async());
      }
    }
    return primaries;
  }

  /**
   * The result of {@code future}, waited for up to the connection's command timeout. Lettuce's
   * unchecked {@link io.lettuce.core.RedisException}s (a timeout, an error reply) pass through.
   */
  <T> T await(RedisFuture<T> future) {
    Duration timeout = connection.getTimeout();
    return LettuceFutures.awaitOrCancel(future, timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    connection.close();
  }
}
