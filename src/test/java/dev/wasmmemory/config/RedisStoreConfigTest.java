package dev.wasmmemory.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.WasmMemoryApplication;
import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.memory.ValueType;
import dev.wasmmemory.memory.VersionMismatchException;
import dev.wasmmemory.store.MemoryStore;
import dev.wasmmemory.store.redis.RedisMemoryStore;
import dev.wasmmemory.store.redis.RedisTestServers;
import dev.wasmmemory.testing.EventStream;
import dev.wasmmemory.testing.ServiceHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code memory.store=redis} wires the Redis store from {@code spring.data.redis.*}: two
 * applications (two replicas of the service) on one cluster serve the same memories, and
 * conditional writes through both lose no update. Other stores start no Redis client.
 */
class RedisStoreConfigTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static ConfigurableApplicationContext first;
  private static ConfigurableApplicationContext second;

  @BeforeAll
  static void startReplicas() {
    Assumptions.assumeTrue(RedisTestServers.missing().isEmpty(), "redis-server is missing");
    String nodes =
        RedisTestServers.cluster().nodes().stream()
            .map(n -> "127.0.0.1:" + n.port())
            .collect(Collectors.joining(","));
    first = replica(nodes);
    second = replica(nodes);
  }

  private static ConfigurableApplicationContext replica(String nodes) {
    return new SpringApplicationBuilder(WasmMemoryApplication.class)
        .run(
            "--server.port=0",
            "--memory.store=redis",
            "--memory.durability=fsync",
            "--memory.budget=1GB",
            "--spring.data.redis.cluster.nodes=" + nodes);
  }

  @AfterAll
  static void stopReplicas() {
    for (ConfigurableApplicationContext context :
        new ConfigurableApplicationContext[] {first, second}) {
      if (context != null) {
        context.close();
      }
    }
  }

  @Test
  void bothReplicasServeTheSameMemories() {
    MemoryStore one = first.getBean(MemoryStore.class);
    MemoryStore other = second.getBean(MemoryStore.class);
    assertThat(one).isInstanceOf(RedisMemoryStore.class);

    LinearMemory written = one.create(MemoryLimits.of(1, 2L), null);
    written.set(10, new byte[] {4, 2});

    LinearMemory read = other.find(written.id()).orElseThrow();
    assertThat(read.get(10, 2)).containsExactly(4, 2);
    assertThat(read.version()).isEqualTo(written.version());
    assertThat(other.record(written.id())).isEqualTo(one.record(written.id()));
  }

  @Test
  void conditionalReadModifyWritesThroughBothReplicasLoseNoUpdate() throws Exception {
    LinearMemory memory = first.getBean(MemoryStore.class).create(MemoryLimits.unbounded(1), null);
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> retries = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        MemoryStore store = (t % 2 == 0 ? first : second).getBean(MemoryStore.class);
        LinearMemory mine = store.find(memory.id()).orElseThrow();
        retries.add(pool.submit(() -> increment(mine, perThread)));
      }
      for (Future<Integer> future : retries) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(memory.getBits(ValueType.U32, 0)).isEqualTo(4L * perThread);
    assertThat(memory.version()).isEqualTo(4L * perThread);
  }

  @Test
  void overHttpTheReplicasServeOneMemoryAndIfMatchLosesNoUpdate() throws Exception {
    ServiceHttp one = http(first);
    ServiceHttp other = http(second);
    String id = one.create(1, 4L);
    one.write(id, 100, new byte[] {7, 8, 9});
    assertThat(other.read(id)).startsWith(new byte[100]).contains(7, 8, 9);
    assertThat(other.etag(id)).isEqualTo(one.etag(id));

    int perThread = 15;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        ServiceHttp http = t % 2 == 0 ? one : other;
        done.add(pool.submit(() -> incrementOverHttp(http, id, perThread)));
      }
      for (Future<Integer> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    HttpResponse<byte[]> value = other.get("/memories/" + id + "/values/u32?offset=0");
    assertThat(ServiceHttp.text(value)).contains("\"value\":" + 4 * perThread);
  }

  @Test
  void aSubscriberOnOneReplicaSeesTheWritesMadeThroughBothInVersionOrder() throws Exception {
    ServiceHttp one = http(first);
    ServiceHttp other = http(second);
    String id = one.create(1, 4L);
    try (EventStream events = EventStream.open(other, id)) {
      one.write(id, 10, new byte[] {1, 2});
      other.write(id, 20, new byte[] {3});
      one.json("POST", "/memories/" + id + "/grow", "{\"pages\":1}");
      int perThread = 10;
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (ServiceHttp http : List.of(one, other)) {
          done.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < perThread; i++) {
                      http.write(id, 100, new byte[] {(byte) i});
                    }
                    return null;
                  }));
        }
        for (Future<?> future : done) {
          future.get();
        }
      } finally {
        pool.shutdownNow();
      }
      List<EventStream.Event> got = events.next(3 + 2 * perThread);
      assertThat(got.subList(0, 3))
          .extracting(EventStream.Event::name)
          .containsExactly("write", "write", "grow");
      assertThat(got.get(0).json().get("offset").asLong()).isEqualTo(10);
      assertThat(got.get(1).json().get("offset").asLong()).isEqualTo(20);
      assertThat(got.get(2).json().get("currentPages").asInt()).isEqualTo(2);
      assertThat(got)
          .extracting(event -> Long.parseLong(event.id()))
          .containsExactlyElementsOf(
              java.util.stream.LongStream.rangeClosed(1, 3 + 2 * perThread).boxed().toList());

      one.send("DELETE", "/memories/" + id, Map.of(), null);
      assertThat(events.awaitEnd()).extracting(EventStream.Event::name).containsExactly("delete");
    }
  }

  /** Read-modify-write with If-Match over HTTP: a 412 means another write came first; retry. */
  private static int incrementOverHttp(ServiceHttp http, String id, int times) throws Exception {
    int retries = 0;
    for (int done = 0; done < times; ) {
      HttpResponse<byte[]> read = http.get("/memories/" + id + "/values/u32?offset=0");
      String tag = read.headers().firstValue("ETag").orElseThrow();
      long value = JSON.readTree(read.body()).path("value").asLong();
      HttpResponse<byte[]> write =
          http.send(
              "PUT",
              "/memories/" + id + "/values/u32?offset=0",
              Map.of("Content-Type", "application/json", "If-Match", tag),
              ("{\"value\":" + (value + 1) + "}").getBytes());
      if (write.statusCode() == 204) {
        done++;
      } else if (write.statusCode() == 412) {
        retries++;
      } else {
        throw new AssertionError(ServiceHttp.describe(write));
      }
    }
    return retries;
  }

  private static ServiceHttp http(ConfigurableApplicationContext context) {
    return new ServiceHttp(
        Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
  }

  /** If-Match in the engine's terms: read value and version, write only at that version. */
  private static int increment(LinearMemory memory, int times) {
    int retries = 0;
    for (int done = 0; done < times; ) {
      LinearMemory.ValueRead read = memory.getValue(ValueType.U32, 0);
      try {
        memory.ifVersion(read.version()).setBits(ValueType.U32, 0, read.bits() + 1);
        done++;
      } catch (VersionMismatchException stale) {
        retries++;
      }
    }
    return retries;
  }

  @Test
  void otherStoresNeverConnectToRedisAndStayHealthy() throws Exception {
    try (ConfigurableApplicationContext heap =
        new SpringApplicationBuilder(WasmMemoryApplication.class)
            .properties("server.port=0", "memory.store=heap", "spring.data.redis.port=1")
            .run()) {
      assertThat(heap.getBeanNamesForType(RedisMemoryStore.class)).isEmpty();
      String port = heap.getEnvironment().getProperty("local.server.port");
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"UP\"");
    }
  }
}
