package dev.wasmmemory.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

/**
 * Issue 12's snapshot and diff targets over HTTP, on whatever store the service runs: a 4 GiB
 * memory holding {@code PAGES} written pages; the latency of taking a snapshot (each deleted again,
 * untimed) and of a diff of two snapshots between which 10 pages were written, each against the
 * latency of {@code GET /memories/{id}} in the same run (the baseline: one request's cost without
 * the work). Prints p50 and p99 in ms of each.
 *
 * <pre>
 * java -cp target/benchmarks.jar dev.wasmmemory.bench.SnapshotLatency http://127.0.0.1:8080 1000 50
 * </pre>
 */
public final class SnapshotLatency {
  private static final int PAGE = 65536;
  private static final int MEMORY_PAGES = 65536;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final String base;

  private SnapshotLatency(String base) {
    this.base = base;
  }

  public static void main(String[] args) throws Exception {
    new SnapshotLatency(args[0]).run(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
  }

  private void run(int pages, int rounds) throws Exception {
    String id =
        field(
            send("POST", "/memories", json("{\"initialPages\":65536,\"maximumPages\":65536}"), 201),
            "id");
    Random random = new Random(12);
    int stride = MEMORY_PAGES / pages;
    for (int i = 0; i < pages; i++) {
      writePage(id, i * stride, random);
    }
    double[] info = new double[rounds];
    double[] take = new double[rounds];
    double[] diff = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long start = System.nanoTime();
      send("GET", "/memories/" + id, HttpRequest.BodyPublishers.noBody(), 200);
      info[r] = millisSince(start);
      start = System.nanoTime();
      String sid = field(send("POST", "/memories/" + id + "/snapshots", json(""), 201), "id");
      take[r] = millisSince(start);
      for (int k = 0; k < 10; k++) {
        writePage(id, ((r * 10 + k) % pages) * stride, random);
      }
      String later = field(send("POST", "/memories/" + id + "/snapshots", json(""), 201), "id");
      start = System.nanoTime();
      String ranges =
          send(
              "GET",
              "/memories/" + id + "/diff?from=" + sid + "&to=" + later,
              HttpRequest.BodyPublishers.noBody(),
              200);
      diff[r] = millisSince(start);
      if (!ranges.contains("\"offset\"")) {
        throw new IllegalStateException("a diff of 10 written pages found no change: " + ranges);
      }
      for (String s : new String[] {sid, later}) {
        send(
            "DELETE",
            "/memories/" + id + "/snapshots/" + s,
            HttpRequest.BodyPublishers.noBody(),
            204);
      }
    }
    send("DELETE", "/memories/" + id, HttpRequest.BodyPublishers.noBody(), 204);
    System.out.printf(
        "%d written pages of 4 GiB, %d rounds: GET info (baseline) %s; snapshot %s;"
            + " diff of 10 written pages %s%n",
        pages, rounds, percentiles(info), percentiles(take), percentiles(diff));
  }

  private void writePage(String id, int page, Random random) throws Exception {
    byte[] bytes = new byte[PAGE];
    random.nextBytes(bytes);
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(base + "/memories/" + id + "/bytes?offset=" + (long) page * PAGE))
            .header("Content-Type", "application/octet-stream")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    expect(http.send(request, HttpResponse.BodyHandlers.ofString()), 204);
  }

  private String send(String method, String path, HttpRequest.BodyPublisher body, int status)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    request.header("Content-Type", "application/json").method(method, body);
    return expect(http.send(request.build(), HttpResponse.BodyHandlers.ofString()), status);
  }

  private static String expect(HttpResponse<String> response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          response.request().method()
              + " "
              + response.uri()
              + ": "
              + response.statusCode()
              + " "
              + response.body());
    }
    return response.body();
  }

  private static HttpRequest.BodyPublisher json(String body) {
    return HttpRequest.BodyPublishers.ofString(body);
  }

  private static String field(String json, String name) {
    return json.replaceAll("(?s).*\"" + name + "\":\"([^\"]+)\".*", "$1");
  }

  private static double millisSince(long start) {
    return (System.nanoTime() - start) / 1e6;
  }

  private static String percentiles(double[] millis) {
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    double p50 = sorted[(sorted.length - 1) / 2];
    double p99 = sorted[(int) Math.ceil(sorted.length * 0.99) - 1];
    return String.format("p50 %.2f ms, p99 %.2f ms", p50, p99);
  }
}
