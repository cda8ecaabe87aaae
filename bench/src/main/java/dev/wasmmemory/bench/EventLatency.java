package dev.wasmmemory.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Issue 12's event latency: {@code SUBSCRIBERS} event streams of one memory, then {@code WRITES}
 * typed writes one after another (each once every subscriber saw the one before); the latency of a
 * write at a subscriber is from the write's answer to the subscriber reading its event, in ms.
 * Prints p50, p99 and the maximum over all (write, subscriber) pairs.
 *
 * <pre>
 * java -cp target/benchmarks.jar dev.wasmmemory.bench.EventLatency http://127.0.0.1:8080 100 200
 * </pre>
 */
public final class EventLatency {
  private EventLatency() {}

  public static void main(String[] args) throws Exception {
    String base = args[0];
    int subscribers = Integer.parseInt(args[1]);
    int writes = Integer.parseInt(args[2]);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    String created =
        http.send(
                HttpRequest.newBuilder(URI.create(base + "/memories"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"initialPages\":1}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    String id = created.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

    // received.get(version)[s]: when subscriber s read the event of that version (nanoTime).
    ConcurrentHashMap<Long, long[]> received = new ConcurrentHashMap<>();
    ConcurrentHashMap<Long, CountDownLatch> seen = new ConcurrentHashMap<>();
    for (long v = 1; v <= writes + 1; v++) {
      received.put(v, new long[subscribers]);
      seen.put(v, new CountDownLatch(subscribers));
    }
    CountDownLatch open = new CountDownLatch(subscribers);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> readers = new ArrayList<>();
    for (int s = 0; s < subscribers; s++) {
      int subscriber = s;
      Thread reader =
          new Thread(() -> read(http, base, id, subscriber, open, received, seen, failure));
      reader.setDaemon(true);
      reader.start();
      readers.add(reader);
    }
    if (!open.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("subscribers did not connect");
    }
    long[] answered = new long[writes + 2];
    for (int w = 1; w <= writes + 1; w++) {
      HttpResponse<Void> put =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/memories/" + id + "/values/i32?offset=0"))
                  .header("Content-Type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":" + w + "}"))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      answered[w] = System.nanoTime();
      if (put.statusCode() != 204) {
        throw new IllegalStateException("write answered " + put.statusCode());
      }
      long version =
          Long.parseLong(
              put.headers().firstValue("ETag").orElse("\"" + w + "\"").replace("\"", ""));
      if (!seen.get(version).await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("version " + version + " not seen by all", failure.get());
      }
    }
    // The first write warms up the streams; it is left out.
    double[] latencies = new double[writes * subscribers];
    int n = 0;
    for (int w = 2; w <= writes + 1; w++) {
      for (long at : received.get((long) w)) {
        latencies[n++] = Math.max(0, at - answered[w]) / 1e6;
      }
    }
    Arrays.sort(latencies);
    System.out.printf(
        "subscribers=%d writes=%d p50=%.2f ms p99=%.2f ms max=%.2f ms%n",
        subscribers,
        writes,
        latencies[latencies.length / 2],
        latencies[(int) Math.ceil(latencies.length * 0.99) - 1],
        latencies[latencies.length - 1]);
    System.exit(0);
  }

  private static void read(
      HttpClient http,
      String base,
      String id,
      int subscriber,
      CountDownLatch open,
      ConcurrentHashMap<Long, long[]> received,
      ConcurrentHashMap<Long, CountDownLatch> seen,
      AtomicReference<Throwable> failure) {
    try {
      HttpResponse<InputStream> stream =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/memories/" + id + "/events"))
                  .header("Accept", "text/event-stream")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      open.countDown();
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.startsWith("id:")) {
            long version = Long.parseLong(line.substring(3).trim());
            long[] at = received.get(version);
            if (at != null && at[subscriber] == 0) {
              at[subscriber] = System.nanoTime();
              seen.get(version).countDown();
            }
          }
        }
      }
    } catch (Exception e) {
      failure.compareAndSet(null, e);
    }
  }
}
