package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.testing.DefaultDeployment;
import dev.wasmmemory.testing.EventStream;
import dev.wasmmemory.testing.EventStream.Event;
import dev.wasmmemory.testing.Json;
import dev.wasmmemory.testing.ServiceHttp;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /memories/{id}/events} over a real socket: one event per mutation in version order,
 * with the data the contract names; resumable with {@code Last-Event-ID}; a reset where the history
 * does not reach; a deletion ends the stream. Runs on the default store, on Redis (the surefire
 * execution http-on-redis) and on the heap ({@link HeapEventsTest}).
 */
@DefaultDeployment
class EventsTest {
  @LocalServerPort int port;
  ServiceHttp http;

  @BeforeEach
  void setUp() {
    http = new ServiceHttp(port);
  }

  private long version(String id) throws Exception {
    return Long.parseLong(http.etag(id).replace("\"", ""));
  }

  private void ok(HttpResponse<byte[]> response) {
    assertThat(response.statusCode()).as(ServiceHttp.describe(response)).isBetween(200, 299);
  }

  @Test
  void everyKindOfMutationIsOneEventWithItsVersionAndRegion() throws Exception {
    String id = http.create(1, 4L);
    long v = version(id);
    try (EventStream events = EventStream.open(http, id)) {
      http.write(id, 16, new byte[] {1, 2, 3, 4});
      ok(http.json("PUT", "/memories/" + id + "/values/i32?offset=100", "{\"value\":7}"));
      ok(
          http.json(
              "POST", "/memories/" + id + "/fill", "{\"offset\":8,\"length\":3,\"value\":170}"));
      ok(
          http.json(
              "POST",
              "/memories/" + id + "/copy",
              "{\"sourceOffset\":16,\"destinationOffset\":200,\"length\":4}"));
      ok(http.json("POST", "/memories/" + id + "/grow", "{\"pages\":0}"));
      ok(http.json("POST", "/memories/" + id + "/grow", "{\"pages\":2}"));
      ok(http.send("POST", "/memories/" + id + "/erase", Map.of(), null));

      List<Event> got = events.next(6);
      assertThat(got)
          .extracting(Event::name)
          .containsExactly("write", "write", "write", "write", "grow", "erase");
      assertThat(got)
          .extracting(Event::id)
          .containsExactly(
              Stream.iterate(v + 1, x -> x + 1)
                  .limit(6)
                  .map(String::valueOf)
                  .toArray(String[]::new));
      assertThat(got.get(0).data())
          .isEqualTo("{\"version\":" + (v + 1) + ",\"offset\":16,\"length\":4}");
      assertThat(region(got.get(1))).containsExactly(100L, 4L);
      assertThat(region(got.get(2))).containsExactly(8L, 3L);
      assertThat(region(got.get(3))).containsExactly(200L, 4L);
      JsonNode grow = got.get(4).json();
      assertThat(grow.get("previousPages").asInt()).isEqualTo(1);
      assertThat(grow.get("currentPages").asInt()).isEqualTo(3);
      assertThat(grow.has("offset")).isFalse();
      assertThat(got.get(5).data()).isEqualTo("{\"version\":" + (v + 6) + "}");
      assertThat(version(id)).isEqualTo(v + 6);
    }
  }

  private static List<Long> region(Event event) {
    JsonNode data = event.json();
    return List.of(data.get("offset").asLong(), data.get("length").asLong());
  }

  @Test
  void aTransferIsAnEventOfTheDestinationOnly() throws Exception {
    String source = http.create(1);
    String destination = http.create(1);
    http.write(source, 0, new byte[] {9, 9});
    try (EventStream from = EventStream.open(http, source);
        EventStream to = EventStream.open(http, destination)) {
      ok(
          http.json(
              "POST",
              "/memories/" + destination + "/copy",
              "{\"sourceMemoryId\":\""
                  + source
                  + "\",\"sourceOffset\":0,\"destinationOffset\":30,\"length\":2}"));
      http.write(source, 5, new byte[] {1});
      assertThat(region(to.next())).containsExactly(30L, 2L);
      // The source's next event is its own write: the transfer did not change it.
      assertThat(region(from.next())).containsExactly(5L, 1L);
    }
  }

  @Test
  void racingWritersAreSeenInVersionOrderWithNoneMissing() throws Exception {
    String id = http.create(1);
    long v = version(id);
    int threads = 4;
    int perThread = 25;
    try (EventStream events = EventStream.open(http, id)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int offset = t * 8;
          writers.add(
              pool.submit(
                  () -> {
                    ServiceHttp mine = new ServiceHttp(port);
                    for (int i = 0; i < perThread; i++) {
                      mine.write(id, offset, new byte[] {(byte) i});
                    }
                    return null;
                  }));
        }
        for (Future<?> writer : writers) {
          writer.get();
        }
      } finally {
        pool.shutdownNow();
      }
      List<Event> got = events.next(threads * perThread);
      List<Long> ids = got.stream().map(e -> Long.parseLong(e.id())).toList();
      assertThat(ids)
          .containsExactlyElementsOf(
              Stream.iterate(v + 1, x -> x + 1).limit(threads * perThread).toList());
      assertThat(got.stream().map(e -> e.json().get("offset").asLong()).collect(Collectors.toSet()))
          .containsExactlyInAnyOrder(0L, 8L, 16L, 24L);
    }
  }

  @Test
  void lastEventIdResumesAfterThatVersion() throws Exception {
    String id = http.create(1);
    String resumeAfter;
    try (EventStream events = EventStream.open(http, id)) {
      http.write(id, 1, new byte[] {1});
      http.write(id, 2, new byte[] {2});
      resumeAfter = events.next().id();
      events.next();
    }
    http.write(id, 3, new byte[] {3});
    http.write(id, 4, new byte[] {4});
    try (EventStream resumed = EventStream.open(http, id, Map.of("Last-Event-ID", resumeAfter))) {
      List<Event> got = resumed.next(3);
      assertThat(got).extracting(e -> region(e).get(0)).containsExactly(2L, 3L, 4L);
      long first = Long.parseLong(resumeAfter);
      assertThat(got)
          .extracting(Event::id)
          .containsExactly(
              String.valueOf(first + 1), String.valueOf(first + 2), String.valueOf(first + 3));
      http.write(id, 5, new byte[] {5});
      assertThat(region(resumed.next())).containsExactly(5L, 1L);
    }
  }

  @Test
  void aLastEventIdTheHistoryDoesNotReachGetsAResetToTheCurrentVersion() throws Exception {
    // Written while nobody watched: no history of these writes was kept.
    String id = http.create(1);
    http.write(id, 0, new byte[] {1});
    http.write(id, 0, new byte[] {2});
    long v = version(id);
    try (EventStream events = EventStream.open(http, id, Map.of("Last-Event-ID", "0"))) {
      Event reset = events.next();
      assertThat(reset.name()).isEqualTo("reset");
      assertThat(reset.id()).isEqualTo(String.valueOf(v));
      assertThat(reset.version()).isEqualTo(v);
      http.write(id, 7, new byte[] {7});
      Event next = events.next();
      assertThat(next.id()).isEqualTo(String.valueOf(v + 1));
    }
  }

  @Test
  void aLastEventIdAheadOfTheMemoryGetsAReset() throws Exception {
    String id = http.create(1);
    long v = version(id);
    try (EventStream events = EventStream.open(http, id, Map.of("Last-Event-ID", "999999"))) {
      Event reset = events.next();
      assertThat(reset.name()).isEqualTo("reset");
      assertThat(reset.version()).isEqualTo(v);
    }
  }

  @Test
  void deletingTheMemoryEndsTheStreamWithADeleteEvent() throws Exception {
    String id = http.create(1);
    try (EventStream events = EventStream.open(http, id)) {
      http.write(id, 0, new byte[] {1});
      long v = version(id);
      assertThat(http.send("DELETE", "/memories/" + id, Map.of(), null).statusCode())
          .isEqualTo(204);
      List<Event> rest = events.awaitEnd();
      assertThat(rest).extracting(Event::name).containsExactly("write", "delete");
      assertThat(rest.get(1).id()).isNull();
      assertThat(rest.get(1).version()).isEqualTo(v);
    }
    assertThat(EventStream.openRaw(http, id, Map.of()).statusCode()).isEqualTo(404);
  }

  @Test
  void anUnknownMemoryIsA404Problem() throws Exception {
    HttpResponse<InputStream> response =
        EventStream.openRaw(http, "00000000-0000-4000-8000-000000000000", Map.of());
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode problem = Json.read(EventStream.text(response));
    assertThat(problem.get("type").asString()).isEqualTo("/problems/memory-not-found");
  }

  @Test
  void aMalformedLastEventIdIsA400NamingTheHeader() throws Exception {
    String id = http.create(1);
    for (String bad : List.of("abc", "-1", "1.5", "99999999999999999999")) {
      HttpResponse<InputStream> response =
          EventStream.openRaw(http, id, Map.of("Last-Event-ID", bad));
      assertThat(response.statusCode()).as(bad).isEqualTo(400);
      JsonNode problem = Json.read(EventStream.text(response));
      assertThat(problem.get("type").asString()).isEqualTo("/problems/invalid-request");
      assertThat(problem.get("field").asString()).isEqualTo("Last-Event-ID");
    }
  }
}
