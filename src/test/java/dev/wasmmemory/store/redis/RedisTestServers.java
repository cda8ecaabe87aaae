package dev.wasmmemory.store.redis;

import static org.junit.jupiter.api.Assertions.fail;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Redis servers for the tests, started by the project itself (no Docker): a 3-node Redis Cluster on
 * loopback ({@code --cluster-replicas 0}) and a single node, each started once per test JVM on
 * first use and stopped when the JVM exits. Without {@code redis-server} the Redis tests are
 * skipped, except under CI ({@code CI=true}), where they fail: a CI run must not pass by skipping
 * them ({@code .ci/run} installs it).
 */
public final class RedisTestServers {
  static final Path SERVER = Path.of(System.getProperty("redis.server", "/usr/bin/redis-server"));
  static final Path CLI = Path.of(System.getProperty("redis.cli", "/usr/bin/redis-cli"));

  private RedisTestServers() {}

  /** Why the Redis tests cannot run here, or empty when they can; fails under CI. */
  public static Optional<String> missing() {
    for (Path binary : new Path[] {SERVER, CLI}) {
      if (!Files.isExecutable(binary)) {
        String message = binary + " is missing: install it with `apt-get install -y redis-server`";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          fail(message + " (CI=true, so the Redis tests may not be skipped)");
        }
        return Optional.of("Redis tests skipped: " + message);
      }
    }
    return Optional.empty();
  }

  /** The shared 3-node cluster, started on first use. */
  public static Cluster cluster() {
    return ClusterHolder.CLUSTER;
  }

  /** The shared single node, started on first use. */
  public static RedisServer standalone() {
    return StandaloneHolder.SERVER;
  }

  /**
   * A new single node of its own, with {@code options} after the defaults (e.g. {@code
   * "--appendonly", "no"}): for a test that needs a server no other test uses. The caller stops it.
   */
  public static RedisServer startServer(String name, String... options) {
    int port = RedisServer.freePort();
    RedisServer server = new RedisServer(port, runDir().resolve(name + "-" + port), false, options);
    server.start();
    return server;
  }

  /** A client of the single node; the caller shuts it down. */
  public static RedisClient standaloneClient() {
    return RedisClient.create(RedisURI.create("127.0.0.1", standalone().port()));
  }

  /** The lazy holders: a JVM-wide resource started once, the idiom for test fixtures. */
  private static final class ClusterHolder {
    static final Cluster CLUSTER = Cluster.start(3);
  }

  private static final class StandaloneHolder {
    static final RedisServer SERVER = startStandalone();

    private static RedisServer startStandalone() {
      int port = RedisServer.freePort();
      RedisServer server = new RedisServer(port, runDir().resolve("single-" + port), false);
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
      return server;
    }
  }

  /** A cluster of primaries without replicas. */
  public static final class Cluster {
    private final List<RedisServer> nodes;

    private Cluster(List<RedisServer> nodes) {
      this.nodes = nodes;
    }

    static Cluster start(int size) {
      List<RedisServer> nodes = new ArrayList<>();
      Path dir = runDir();
      for (int i = 0; i < size; i++) {
        int port = RedisServer.freePort();
        RedisServer node = new RedisServer(port, dir.resolve("node-" + port), true);
        node.start();
        nodes.add(node);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> nodes.forEach(RedisServer::stop)));
      List<String> create = new ArrayList<>(List.of(CLI.toString(), "--cluster", "create"));
      nodes.forEach(n -> create.add("127.0.0.1:" + n.port()));
      create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
      run(create);
      Cluster cluster = new Cluster(nodes);
      cluster.awaitOk();
      return cluster;
    }

    public List<RedisServer> nodes() {
      return nodes;
    }

    /** Waits until every node reports {@code cluster_state:ok}. */
    public void awaitOk() {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      for (RedisServer node : nodes) {
        while (!node.cli("CLUSTER", "INFO").contains("cluster_state:ok")) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the test cluster did not reach cluster_state:ok");
          }
          pause(100);
        }
      }
    }

    /** The node that serves {@code key}'s slot (from CLUSTER NODES: id ip:port@bus … slots). */
    public RedisServer nodeOf(String key) {
      long slot = Long.parseLong(nodes.get(0).cli("CLUSTER", "KEYSLOT", key).trim());
      for (String line : nodes.get(0).cli("CLUSTER", "NODES").split("\n")) {
        String[] fields = line.trim().split(" ");
        for (int i = 8; i < fields.length; i++) {
          String[] range = fields[i].split("-");
          long from = Long.parseLong(range[0]);
          long to = range.length > 1 ? Long.parseLong(range[1]) : from;
          if (slot >= from && slot <= to) {
            int port =
                Integer.parseInt(
                    fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@')));
            return nodes.stream().filter(n -> n.port() == port).findFirst().orElseThrow();
          }
        }
      }
      throw new IllegalStateException("no node serves slot " + slot);
    }

    /** A client of the cluster that follows topology changes; the caller shuts it down. */
    public RedisClusterClient client() {
      List<RedisURI> seeds =
          nodes.stream().map(n -> RedisURI.create("127.0.0.1", n.port())).toList();
      RedisClusterClient client = RedisClusterClient.create(seeds);
      client.setOptions(
          ClusterClientOptions.builder()
              .topologyRefreshOptions(
                  ClusterTopologyRefreshOptions.builder()
                      .enableAllAdaptiveRefreshTriggers()
                      .build())
              .build());
      client.setDefaultTimeout(Duration.ofSeconds(20));
      return client;
    }
  }

  /** {@code target/redis-test/<pid>}: fresh for each test JVM. */
  private static Path runDir() {
    return Path.of("target", "redis-test", Long.toString(ProcessHandle.current().pid()))
        .toAbsolutePath();
  }

  static String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(30, TimeUnit.SECONDS);
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
