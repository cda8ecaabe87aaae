package dev.wasmmemory.store.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code redis-server} process on loopback, started from Debian's binary with its data in
 * {@code target/} (AOF with {@code appendfsync always}, no RDB snapshots), so that a test can kill
 * it with {@code kill -9} and start it again from its AOF on the same port.
 */
public final class RedisServer {
  private final int port;
  private final Path dir;
  private final boolean cluster;
  private final List<String> options;
  private Process process;

  RedisServer(int port, Path dir, boolean cluster, String... options) {
    this.port = port;
    this.dir = dir;
    this.cluster = cluster;
    this.options = List.of(options);
  }

  public int port() {
    return port;
  }

  /** Starts the server and waits until it answers PING. */
  public void start() {
    List<String> command =
        new ArrayList<>(
            List.of(RedisTestServers.SERVER.toString(), "--port", Integer.toString(port)));
    command.addAll(
        List.of(
            "--bind",
            "127.0.0.1",
            "--dir",
            dir.toString(),
            "--appendonly",
            "yes",
            "--appendfsync",
            "always",
            "--save",
            "",
            "--logfile",
            "redis.log",
            "--daemonize",
            "no"));
    command.addAll(options);
    if (cluster) {
      command.addAll(
          List.of(
              "--cluster-enabled",
              "yes",
              "--cluster-config-file",
              "nodes.conf",
              "--cluster-node-timeout",
              "5000"));
    }
    try {
      Files.createDirectories(dir);
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("stdout.log").toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!cli("PING").contains("PONG")) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new IllegalStateException(
            "redis-server on port " + port + " did not start, see " + dir);
      }
      RedisTestServers.pause(50);
    }
  }

  /** {@code kill -9}: the process ends at once, nothing flushed beyond what it wrote already. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A clean shutdown (SIGTERM). */
  public void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Runs {@code redis-cli -p <port> args…} and answers its output. */
  public String cli(String... args) {
    List<String> command =
        new ArrayList<>(List.of(RedisTestServers.CLI.toString(), "-p", Integer.toString(port)));
    command.addAll(List.of(args));
    return RedisTestServers.run(command);
  }

  /** A free port whose cluster bus port (+10000) is free too. */
  static int freePort() {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket socket = new ServerSocket(0)) {
        int port = socket.getLocalPort();
        if (port < 55000) {
          try (ServerSocket bus = new ServerSocket(port + 10000)) {
            return port;
          } catch (IOException busTaken) {
            continue;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no free port pair");
  }
}
