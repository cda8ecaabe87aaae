package dev.wasmmemory.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.WasmMemoryApplication;
import dev.wasmmemory.store.redis.RedisTestServers;
import dev.wasmmemory.testing.Json;
import dev.wasmmemory.testing.Problems;
import dev.wasmmemory.testing.ServiceHttp;
import dev.wasmmemory.testing.Tokens;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two replicas of the service on one Redis Cluster in jwt mode share owners, quotas, rate counters
 * and share links: what one replica admits counts on the other, and racing clients on both get
 * exactly the quota and the rate, no more.
 */
class RedisReplicasAccessTest {
  private static final int MAX_MEMORIES = 2;
  private static final int RATE = 8;

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
            "--server.address=127.0.0.1",
            "--spring.main.banner-mode=off",
            "--memory.store=redis",
            "--memory.budget=1GB",
            "--spring.data.redis.cluster.nodes=" + nodes,
            "--memory.security=jwt",
            "--memory.security.jwt.secret=" + Tokens.SECRET,
            "--memory.quota.max-memories=" + MAX_MEMORIES,
            "--memory.rate-limit=" + RATE + "/h");
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

  private static ServiceHttp http(ConfigurableApplicationContext replica, String token) {
    return new ServiceHttp(((WebServerApplicationContext) replica).getWebServer().getPort())
        .withBearer(token);
  }

  @Test
  void ownersAndShareLinksHoldOnBothReplicas() throws Exception {
    String alice = Tokens.of("alice-" + UUID.randomUUID());
    String bob = Tokens.of("bob-" + UUID.randomUUID());
    String id = http(first, alice).create(1);
    http(first, alice).write(id, 0, new byte[] {5});
    assertThat(http(second, alice).read(id)[0]).isEqualTo((byte) 5);
    Problems.expect(http(second, bob).get("/memories/" + id), 404, "memory-not-found");

    JsonShare share = JsonShare.make(http(first, alice), id);
    assertThat(http(second, share.token()).read(id)[0]).isEqualTo((byte) 5);
    assertThat(
            http(second, alice)
                .send("DELETE", "/memories/" + id + "/shares/" + share.id(), Map.of(), null)
                .statusCode())
        .isEqualTo(204);
    Problems.expect(http(first, share.token()).get("/memories/" + id), 401, "unauthorized");
  }

  @Test
  void racingCreationsOnBothReplicasAdmitExactlyTheQuota() throws Exception {
    String owner = Tokens.of("racer-" + UUID.randomUUID());
    List<HttpResponse<byte[]>> answers =
        race(
            RATE,
            i ->
                http(i % 2 == 0 ? first : second, owner)
                    .json("POST", "/memories", "{\"initialPages\":0}"));
    assertThat(answers.stream().filter(a -> a.statusCode() == 201)).hasSize(MAX_MEMORIES);
    for (HttpResponse<byte[]> answer : answers) {
      if (answer.statusCode() != 201) {
        Problems.expect(answer, 507, "quota-exceeded");
      }
    }
  }

  @Test
  void racingRequestsOnBothReplicasAdmitExactlyTheRate() throws Exception {
    String owner = Tokens.of("burst-" + UUID.randomUUID());
    List<HttpResponse<byte[]>> answers =
        race(3 * RATE, i -> http(i % 2 == 0 ? first : second, owner).get("/memories"));
    assertThat(answers.stream().filter(a -> a.statusCode() == 200)).hasSize(RATE);
    for (HttpResponse<byte[]> answer : answers) {
      if (answer.statusCode() != 200) {
        Problems.expect(answer, 429, "rate-limited");
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
      }
    }
    String other = Tokens.of("calm-" + UUID.randomUUID());
    assertThat(http(second, other).get("/memories").statusCode()).isEqualTo(200);
  }

  private interface Request {
    HttpResponse<byte[]> send(int client) throws Exception;
  }

  private static List<HttpResponse<byte[]>> race(int clients, Request request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        int client = i;
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return request.send(client);
                }));
      }
      start.countDown();
      List<HttpResponse<byte[]>> done = new ArrayList<>();
      for (Future<HttpResponse<byte[]>> answer : answers) {
        done.add(answer.get());
      }
      return done;
    } finally {
      pool.shutdownNow();
    }
  }

  private record JsonShare(String id, String token) {
    static JsonShare make(ServiceHttp http, String memoryId) throws Exception {
      var share =
          Json.read(
              ServiceHttp.text(
                  http.json(
                      "POST",
                      "/memories/" + memoryId + "/shares",
                      "{\"access\":\"read\",\"expiresIn\":\"PT1H\"}")));
      return new JsonShare(share.get("id").asString(), share.get("token").asString());
    }
  }
}
