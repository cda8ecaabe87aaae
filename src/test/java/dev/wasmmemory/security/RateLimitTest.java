package dev.wasmmemory.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.store.MemoryStore;
import dev.wasmmemory.testing.Problems;
import dev.wasmmemory.testing.ServiceHttp;
import dev.wasmmemory.testing.Tokens;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code memory.rate-limit=6/h} in jwt mode: a bucket of 6 per owner that refills in an hour (so
 * that nothing refills while the test runs). Racing requests of one owner are admitted exactly 6
 * times; the rest are 429 problems with Retry-After and change nothing; another owner's bucket is
 * untouched by the burst; requests without a valid token take nothing from anyone.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "memory.security=jwt",
      "memory.security.jwt.secret=" + Tokens.SECRET,
      "memory.rate-limit=6/h"
    })
class RateLimitTest {
  static final int LIMIT = 6;
  private static final int CLIENTS = 16;

  @LocalServerPort int port;
  @Autowired MemoryStore store;

  @Test
  void aBurstIsAdmittedExactlyToTheLimitAndTakesNothingFromAnotherOwner() throws Exception {
    ServiceHttp anonymous = new ServiceHttp(port);
    String subject = "rate-" + UUID.randomUUID();
    ServiceHttp owner = anonymous.withBearer(Tokens.of(subject));
    ServiceHttp other = anonymous.withBearer(Tokens.of("rate-other-" + UUID.randomUUID()));
    for (int i = 0; i < 3; i++) {
      Problems.expect(anonymous.get("/memories"), 401, "unauthorized");
    }
    String id = owner.create(1);
    AtomicInteger next = new AtomicInteger(1);
    List<HttpResponse<byte[]>> answers =
        race(
            () ->
                owner.putBytes(
                    "/memories/" + id + "/bytes?offset=" + next.getAndIncrement(), new byte[] {1}));

    List<HttpResponse<byte[]>> admitted =
        answers.stream().filter(a -> a.statusCode() == 204).toList();
    assertThat(admitted).hasSize(LIMIT - 1);
    for (HttpResponse<byte[]> refused : answers) {
      if (refused.statusCode() != 204) {
        JsonNode problem = Problems.expect(refused, 429, "rate-limited");
        assertThat(problem.get("limit").asInt()).isEqualTo(LIMIT);
        long retry = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retry).isBetween(1L, 3600L);
      }
    }
    Problems.expect(owner.get("/memories/" + id), 429, "rate-limited");

    for (int i = 0; i < LIMIT; i++) {
      assertThat(other.get("/memories").statusCode()).isEqualTo(200);
    }
    Problems.expect(other.get("/memories"), 429, "rate-limited");

    // Exactly the admitted writes set their byte (read from the store: the owner is limited).
    byte[] bytes = store.find(id).orElseThrow().get(0, CLIENTS + 1);
    int ones = 0;
    for (byte b : bytes) {
      ones += b;
    }
    assertThat(ones).isEqualTo(LIMIT - 1);
  }

  private List<HttpResponse<byte[]>> race(Callable<HttpResponse<byte[]>> request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return request.call();
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
}
