package dev.wasmmemory.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.testing.ServiceHttp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sixteen keep-alive clients on a real socket, mixing every kind of request on two shared memories:
 * raw and base64 writes, typed values, fills, copies, transfers in both directions, grows, and
 * reads of their own and of each other's regions. Each client writes only its own regions, so when
 * they are done every byte must be what a serial order of the acknowledged writes gives, no request
 * may have got a 5xx, and the grows must add up. Bounded by a request count, a soft deadline for
 * issuing requests, and a hard one that fails the test (a deadlock, or a stall).
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"server.address=127.0.0.1", "memory.budget=64MB"})
class LoadTest {
  private static final int CLIENTS = 16;
  private static final int REQUESTS_PER_CLIENT = 300;
  private static final long SOFT_DEADLINE_SECONDS = 25;
  private static final long HARD_DEADLINE_SECONDS = 60;
  private static final int PAGE = 65536;
  private static final int INITIAL_PAGES = 4;
  private static final int MAXIMUM_PAGES = 24;

  /** Regions are not page-aligned, so many writes and copies cross a page boundary. */
  private static final int FIRST_REGION = 777;

  private static final int REGION = 16_000;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;

  private ServiceHttp http;

  @BeforeEach
  void connect() {
    http = new ServiceHttp(port);
  }

  @Test
  void concurrentClientsLeaveTheBytesOfASerialHistoryAndGrowsThatAddUp() throws Exception {
    List<String> memories = List.of(createMemory(), createMemory());
    long started = System.nanoTime();
    List<LoadClient.Outcome> outcomes = runClients(memories, started);
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    List<String> failures =
        outcomes.stream().map(LoadClient.Outcome::failure).filter(f -> f != null).toList();
    assertThat(failures).as("client failures").isEmpty();
    int requests = outcomes.stream().mapToInt(LoadClient.Outcome::requests).sum();
    System.out.printf(
        "LoadTest: %d clients, %d requests in %d ms (%.0f/s)%n",
        CLIENTS, requests, elapsedMillis, requests * 1000.0 / Math.max(1, elapsedMillis));
    for (int m = 0; m < memories.size(); m++) {
      verifyMemory(memories.get(m), m, outcomes);
    }
  }

  private List<LoadClient.Outcome> runClients(List<String> memories, long started)
      throws Exception {
    long softDeadline = started + TimeUnit.SECONDS.toNanos(SOFT_DEADLINE_SECONDS);
    List<LoadClient> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      LoadClient.Plan plan =
          new LoadClient.Plan(
              memories,
              CLIENTS,
              i,
              FIRST_REGION + i * REGION,
              REGION,
              INITIAL_PAGES,
              MAXIMUM_PAGES,
              REQUESTS_PER_CLIENT,
              softDeadline,
              0x5EED_0000L + i);
      clients.add(new LoadClient(new ServiceHttp(port), plan));
    }
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<LoadClient.Outcome>> futures =
          pool.invokeAll(clients, HARD_DEADLINE_SECONDS, TimeUnit.SECONDS);
      List<LoadClient.Outcome> outcomes = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        Future<LoadClient.Outcome> future = futures.get(i);
        assertThat(future.isCancelled())
            .as(
                "client %d still running after %d s: a deadlock or a stalled request",
                i, HARD_DEADLINE_SECONDS)
            .isFalse();
        outcomes.add(future.get());
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Final pages = initial + every acknowledged grow, each page grown exactly once; bytes = the
   * clients' regions as their models have them, zeros everywhere else (grown pages included).
   */
  private void verifyMemory(String id, int memory, List<LoadClient.Outcome> outcomes)
      throws Exception {
    HttpResponse<byte[]> info = http.get("/memories/" + id);
    assertThat(info.statusCode()).as(ServiceHttp.describe(info)).isEqualTo(200);
    int currentPages = JSON.readTree(info.body()).path("currentPages").asInt();
    long grown = outcomes.stream().mapToLong(o -> o.grownPages()[memory]).sum();
    assertThat(currentPages)
        .as("pages of memory %d: initial %d + acknowledged grows %d", memory, INITIAL_PAGES, grown)
        .isEqualTo(INITIAL_PAGES + grown)
        .isLessThanOrEqualTo(MAXIMUM_PAGES);
    List<Integer> grewFrom = new ArrayList<>();
    outcomes.forEach(o -> grewFrom.addAll(o.grewFrom().get(memory)));
    assertThat(grewFrom)
        .as("previous sizes answered by the grows of one page of memory %d", memory)
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.IntStream.range(INITIAL_PAGES, currentPages).boxed().toList());

    byte[] expected = new byte[currentPages * PAGE];
    for (LoadClient.Outcome outcome : outcomes) {
      int start = FIRST_REGION + outcome.index() * REGION;
      byte[] region = outcome.models()[memory].read(start, REGION);
      System.arraycopy(region, 0, expected, start, REGION);
    }
    HttpResponse<byte[]> bytes = http.get("/memories/" + id + "/bytes");
    assertThat(bytes.statusCode()).as(ServiceHttp.describe(bytes)).isEqualTo(200);
    int mismatch = Arrays.mismatch(expected, bytes.body());
    assertThat(mismatch)
        .as(
            "first byte of memory %d that differs from the serial history (client %d's region)",
            memory, mismatch < 0 ? -1 : (mismatch - FIRST_REGION) / REGION)
        .isEqualTo(-1);
  }

  private String createMemory() throws Exception {
    HttpResponse<byte[]> created =
        http.json(
            "POST",
            "/memories",
            "{\"initialPages\":" + INITIAL_PAGES + ",\"maximumPages\":" + MAXIMUM_PAGES + "}");
    assertThat(created.statusCode()).as(ServiceHttp.describe(created)).isEqualTo(201);
    JsonNode info = JSON.readTree(created.body());
    return info.path("id").asString();
  }
}
