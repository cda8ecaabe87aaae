package dev.wasmmemory.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.testing.Json;
import dev.wasmmemory.testing.Problems;
import dev.wasmmemory.testing.ServiceHttp;
import dev.wasmmemory.testing.Tokens;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Quotas per owner under concurrent clients: {@code memory.quota.max-memories=3} and {@code
 * memory.quota.budget=256KB} (4 pages) hold exactly, racing requests included, and one owner's use
 * takes nothing from another's. A refused request changes nothing.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "memory.security=jwt",
      "memory.security.jwt.secret=" + Tokens.SECRET,
      "memory.quota.max-memories=3",
      "memory.quota.budget=256KB"
    })
class QuotaTest {
  private static final int CLIENTS = 12;

  @LocalServerPort int port;
  private ExecutorService pool;

  @BeforeEach
  void startPool() {
    pool = Executors.newFixedThreadPool(CLIENTS);
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  private ServiceHttp newOwner() {
    return new ServiceHttp(port).withBearer(Tokens.of("quota-" + UUID.randomUUID()));
  }

  /** Runs {@code request} from {@link #CLIENTS} threads released at once; their statuses. */
  private List<HttpResponse<byte[]>> race(Callable<HttpResponse<byte[]>> request) throws Exception {
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
  }

  @Test
  void racingCreationsAdmitExactlyTheMemoriesTheQuotaAllows() throws Exception {
    ServiceHttp owner = newOwner();
    List<HttpResponse<byte[]>> answers =
        race(() -> owner.json("POST", "/memories", "{\"initialPages\":0}"));
    assertThat(answers.stream().filter(a -> a.statusCode() == 201)).hasSize(3);
    for (HttpResponse<byte[]> refused : answers) {
      if (refused.statusCode() != 201) {
        assertThat(Problems.expect(refused, 507, "quota-exceeded").get("maxMemories").asInt())
            .isEqualTo(3);
      }
    }
    HttpResponse<byte[]> list = owner.get("/memories");
    assertThat(Json.read(ServiceHttp.text(list)).path("memories").size()).isEqualTo(3);

    ServiceHttp other = newOwner();
    for (int i = 0; i < 3; i++) {
      other.create(0);
    }
    String dropped =
        Json.read(ServiceHttp.text(list)).path("memories").get(0).path("id").asString();
    assertThat(owner.send("DELETE", "/memories/" + dropped, Map.of(), null).statusCode())
        .isEqualTo(204);
    owner.create(0);
  }

  @Test
  void racingWritesStoreExactlyThePagesTheQuotaAllows() throws Exception {
    ServiceHttp owner = newOwner();
    String id = owner.create(CLIENTS, (long) CLIENTS);
    AtomicInteger next = new AtomicInteger();
    List<HttpResponse<byte[]>> answers =
        race(
            () ->
                owner.putBytes(
                    "/memories/" + id + "/bytes?offset=" + 65536L * next.getAndIncrement(),
                    new byte[] {1}));
    assertThat(answers.stream().filter(a -> a.statusCode() == 204)).hasSize(4);
    for (HttpResponse<byte[]> refused : answers) {
      if (refused.statusCode() != 204) {
        Problems.expect(refused, 507, "quota-exceeded");
      }
    }
    byte[] bytes = owner.read(id);
    int written = 0;
    for (int page = 0; page < CLIENTS; page++) {
      written += bytes[page * 65536];
    }
    assertThat(written).isEqualTo(4);

    ServiceHttp other = newOwner();
    String theirs = other.create(4, 4L);
    other.send(
        "POST",
        "/memories/" + theirs + "/fill",
        Map.of("Content-Type", "application/json"),
        "{\"offset\":0,\"length\":262144,\"value\":7}".getBytes());
    assertThat(other.read(theirs)).containsOnly(7);

    assertThat(owner.send("POST", "/memories/" + id + "/erase", Map.of(), null).statusCode())
        .isEqualTo(204);
    owner.write(id, 65536L * (CLIENTS - 1), new byte[] {2});
  }
}
