package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.testing.Bytes;
import dev.wasmmemory.testing.DefaultDeployment;
import dev.wasmmemory.testing.Json;
import dev.wasmmemory.testing.Problems;
import dev.wasmmemory.testing.ServiceHttp;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Concurrent requests on one memory over real HTTP behave as if run one at a time: writes never
 * interleave, reads see one instant, grows add up, If-Match makes read-modify-write safe, and
 * opposite transfers between two memories do not deadlock. (The generous waits only keep a hang
 * from stalling the build; nothing here measures time.)
 */
@DefaultDeployment
class ConcurrentRequestsTest {
  private static final int THREADS = 4;

  @LocalServerPort int port;
  ServiceHttp http;

  @BeforeEach
  void setUp() {
    http = new ServiceHttp(port);
  }

  /** Runs every task at once on its own thread and returns their results. */
  private static <T> List<T> together(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(5, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static boolean uniform(byte[] bytes) {
    for (byte b : bytes) {
      if (b != bytes[0]) {
        return false;
      }
    }
    return true;
  }

  @Test
  void concurrentWritesOfOneRegionNeverInterleaveAndReadsSeeOneInstant() throws Exception {
    String id = http.create(3);
    int offset = 30_000;
    int length = 2 * 65536;
    String region = "/memories/" + id + "/bytes?offset=" + offset + "&length=" + length;
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int writer = t;
      tasks.add(
          () -> {
            for (int i = 0; i < 8; i++) {
              byte[] body = new byte[length];
              Arrays.fill(body, (byte) (1 + writer * 16 + i));
              HttpResponse<String> response =
                  http.sendForText(
                      http.request("/memories/" + id + "/bytes?offset=" + offset)
                          .header("Content-Type", "application/octet-stream")
                          .PUT(BodyPublishers.ofByteArray(body)));
              assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
            }
            return 0;
          });
      tasks.add(
          () -> {
            int torn = 0;
            for (int i = 0; i < 8; i++) {
              byte[] seen = http.send(http.request(region).GET()).body();
              assertThat(seen).hasSize(length);
              torn += uniform(seen) ? 0 : 1;
            }
            return torn;
          });
    }
    List<Integer> torn = together(tasks);
    assertThat(torn).as("reads that saw two writes at once").containsOnly(0);
    byte[] after = http.read(id);
    assertThat(uniform(Arrays.copyOfRange(after, offset, offset + length))).isTrue();
    assertThat(after[offset]).isNotZero();
    assertThat(Arrays.copyOf(after, offset)).isEqualTo(new byte[offset]);
  }

  @Test
  void concurrentGrowsAddUpAndEachSeesItsOwnPreviousSize() throws Exception {
    int perThread = 10;
    String id = http.create(0, (long) THREADS * perThread);
    Set<Integer> previous = ConcurrentHashMap.newKeySet();
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      tasks.add(
          () -> {
            for (int i = 0; i < perThread; i++) {
              HttpResponse<String> response =
                  http.sendForText(
                      http.request("/memories/" + id + "/grow")
                          .header("Content-Type", "application/json")
                          .POST(BodyPublishers.ofString("{\"pages\":1}")));
              assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
              JsonNode grown = Json.read(response.body());
              assertThat(grown.get("currentPages").asInt())
                  .isEqualTo(grown.get("previousPages").asInt() + 1);
              previous.add(grown.get("previousPages").asInt());
            }
            return 0;
          });
    }
    together(tasks);
    assertThat(http.info(id).get("currentPages").asInt()).isEqualTo(THREADS * perThread);
    assertThat(previous).hasSize(THREADS * perThread).allMatch(p -> p >= 0 && p < 40);
  }

  @Test
  void ifMatchMakesReadModifyWriteSafe() throws Exception {
    String id = http.create(1);
    int perThread = 10;
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      tasks.add(
          () -> {
            int conflicts = 0;
            for (int done = 0; done < perThread; ) {
              HttpResponse<String> read =
                  http.sendForText(http.request("/memories/" + id + "/values/u32?offset=12").GET());
              long value = Json.read(read.body()).get("value").asLong();
              String etag = read.headers().firstValue("ETag").orElseThrow();
              HttpResponse<String> write =
                  http.sendForText(
                      http.request("/memories/" + id + "/values/u32?offset=12")
                          .header("Content-Type", "application/json")
                          .header("If-Match", etag)
                          .PUT(BodyPublishers.ofString("{\"value\":" + (value + 1) + "}")));
              if (write.statusCode() == 204) {
                done++;
              } else {
                Problems.expect(write, 412, "precondition-failed");
                conflicts++;
              }
            }
            return conflicts;
          });
    }
    together(tasks);
    HttpResponse<String> result =
        http.sendForText(http.request("/memories/" + id + "/values/u32?offset=12").GET());
    assertThat(Json.read(result.body()).get("value").asLong()).isEqualTo(THREADS * perThread);
  }

  @Test
  void oppositeTransfersBetweenTwoMemoriesDoNotDeadlock() throws Exception {
    String a = http.create(2);
    String b = http.create(2);
    http.write(a, 0, Bytes.random(101, 2 * 65536));
    http.write(b, 0, Bytes.random(102, 2 * 65536));
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String from = t % 2 == 0 ? a : b;
      String to = t % 2 == 0 ? b : a;
      tasks.add(
          () -> {
            for (int i = 0; i < 15; i++) {
              HttpResponse<String> response =
                  http.sendForText(
                      http.request("/memories/" + to + "/copy")
                          .header("Content-Type", "application/json")
                          .POST(
                              BodyPublishers.ofString(
                                  "{\"sourceOffset\":0,\"destinationOffset\":0,\"length\":131072,"
                                      + "\"sourceMemoryId\":\""
                                      + from
                                      + "\"}")));
              assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
            }
            return 0;
          });
    }
    together(tasks);
    assertThat(http.read(a)).isEqualTo(http.read(b));
  }
}
