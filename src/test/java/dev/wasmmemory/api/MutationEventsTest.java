package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.testing.DefaultDeployment;
import dev.wasmmemory.testing.EventStream;
import dev.wasmmemory.testing.EventStream.Event;
import dev.wasmmemory.testing.Json;
import dev.wasmmemory.testing.ServiceHttp;
import dev.wasmmemory.testing.TestModules;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The events of the mutations that run under one lock: a batch is one event and one version, a
 * WebAssembly call one event per memory it changed (none for a memory it only read), a trap keeps
 * the event of what it stored. A write after each is the marker that no further event came. The
 * region of such an event covers every byte changed (a call's is as fine as the 4 KiB chunks it
 * wrote, so the assertions check coverage and the chunk bound, not exact ends). Runs on the default
 * store, on Redis (http-on-redis, where the commit's script records the event) and on the heap
 * ({@link HeapMutationEventsTest}).
 */
@DefaultDeployment
class MutationEventsTest {
  private static final long CHUNK = 4096;

  @LocalServerPort int port;
  ServiceHttp http;

  @BeforeEach
  void setUp() {
    http = new ServiceHttp(port);
  }

  private long version(String id) throws Exception {
    return Long.parseLong(http.etag(id).replace("\"", ""));
  }

  private static void ok(HttpResponse<byte[]> response) {
    assertThat(response.statusCode()).as(ServiceHttp.describe(response)).isBetween(200, 299);
  }

  private void batch(String id, String operations) throws Exception {
    ok(http.json("POST", "/memories/" + id + "/batch", "{\"operations\":[" + operations + "]}"));
  }

  /** The next event is the marker write at {@code offset}, with the version after {@code v}. */
  private void assertMarker(EventStream events, long v, long offset) throws Exception {
    Event marker = events.next();
    assertThat(marker.name()).isEqualTo("write");
    assertThat(marker.id()).isEqualTo(String.valueOf(v + 1));
    assertThat(marker.json().get("offset").asLong()).isEqualTo(offset);
  }

  /** A write event whose region covers {@code [from, to)} and reaches no further chunk. */
  private static void assertCovers(Event event, long from, long to) {
    assertThat(event.name()).isEqualTo("write");
    JsonNode data = event.json();
    long offset = data.get("offset").asLong();
    long end = offset + data.get("length").asLong();
    assertThat(offset).isLessThanOrEqualTo(from).isGreaterThanOrEqualTo(from - from % CHUNK);
    assertThat(end).isGreaterThanOrEqualTo(to).isLessThanOrEqualTo(to - to % CHUNK + CHUNK);
  }

  @Test
  void aBatchIsOneEventWithOneVersionCoveringWhatItWrote() throws Exception {
    String id = http.create(1, 4L);
    long v = version(id);
    try (EventStream events = EventStream.open(http, id)) {
      batch(
          id,
          """
          {"op":"setValue","type":"i32","offset":8,"value":42},
          {"op":"set","offset":16,"data":"3q2+7w=="},
          {"op":"fill","offset":100,"length":4,"value":255},
          {"op":"getValue","type":"i32","offset":8}""");
      http.write(id, 500, new byte[] {1});
      Event batch = events.next();
      assertThat(batch.id()).isEqualTo(String.valueOf(v + 1));
      assertCovers(batch, 8, 104);
      assertThat(batch.json().has("currentPages")).isFalse();
      assertMarker(events, v + 1, 500);
    }
    assertThat(version(id)).isEqualTo(v + 2);
  }

  @Test
  void aBatchThatOnlyReadsIsNoEvent() throws Exception {
    String id = http.create(1);
    long v = version(id);
    try (EventStream events = EventStream.open(http, id)) {
      batch(id, "{\"op\":\"get\",\"offset\":0,\"length\":4}");
      http.write(id, 7, new byte[] {1});
      assertMarker(events, v, 7);
    }
  }

  @Test
  void aBatchThatGrowsIsAGrowthOrAWriteWithTheSizes() throws Exception {
    String id = http.create(1, 4L);
    long v = version(id);
    try (EventStream events = EventStream.open(http, id)) {
      batch(id, "{\"op\":\"grow\",\"pages\":1}");
      batch(
          id,
          "{\"op\":\"grow\",\"pages\":1},"
              + "{\"op\":\"setValue\",\"type\":\"i32\",\"offset\":131076,\"value\":9}");
      Event grow = events.next();
      assertThat(grow.name()).isEqualTo("grow");
      assertThat(grow.id()).isEqualTo(String.valueOf(v + 1));
      assertThat(grow.json().get("previousPages").asInt()).isEqualTo(1);
      assertThat(grow.json().get("currentPages").asInt()).isEqualTo(2);
      Event both = events.next();
      assertThat(both.id()).isEqualTo(String.valueOf(v + 2));
      assertCovers(both, 131076, 131080);
      assertThat(both.json().get("previousPages").asInt()).isEqualTo(2);
      assertThat(both.json().get("currentPages").asInt()).isEqualTo(3);
    }
  }

  @Test
  void aBatchRefusedIsNoEvent() throws Exception {
    String id = http.create(1);
    long v = version(id);
    try (EventStream events = EventStream.open(http, id)) {
      HttpResponse<byte[]> refused =
          http.json(
              "POST",
              "/memories/" + id + "/batch",
              "{\"operations\":[{\"op\":\"set\",\"offset\":0,\"data\":\"AQ==\"},"
                  + "{\"op\":\"fill\",\"offset\":65535,\"length\":2,\"value\":1}]}");
      assertThat(refused.statusCode()).isEqualTo(422);
      http.write(id, 3, new byte[] {1});
      assertMarker(events, v, 3);
    }
  }

  private String upload(String module) throws Exception {
    HttpResponse<byte[]> response =
        http.send(
            "POST",
            "/modules",
            Map.of("Content-Type", "application/wasm"),
            TestModules.bytes(module));
    ok(response);
    return Json.read(ServiceHttp.text(response)).get("id").asString();
  }

  private String instantiate(String module, String imports) throws Exception {
    HttpResponse<byte[]> response =
        http.json(
            "POST", "/modules/" + upload(module) + "/instances", "{\"imports\":" + imports + "}");
    ok(response);
    return Json.read(ServiceHttp.text(response)).get("id").asString();
  }

  private HttpResponse<byte[]> invoke(String instance, String function, String args)
      throws Exception {
    return http.json(
        "POST",
        "/instances/" + instance + "/invoke",
        "{\"function\":\"" + function + "\",\"args\":" + args + "}");
  }

  @Test
  void aCallOnSeveralMemoriesIsOneEventForEachMemoryItChanged() throws Exception {
    String a = http.create(1);
    String b = http.create(1);
    String instance = instantiate("two", "{\"env.a\":\"" + a + "\",\"env.b\":\"" + b + "\"}");
    long va = version(a);
    long vb = version(b);
    try (EventStream onA = EventStream.open(http, a);
        EventStream onB = EventStream.open(http, b)) {
      ok(invoke(instance, "store_both", "[8,7]"));
      ok(invoke(instance, "load_a", "[8]"));
      http.write(a, 900, new byte[] {1});
      http.write(b, 901, new byte[] {1});
      Event first = onA.next();
      assertThat(first.id()).isEqualTo(String.valueOf(va + 1));
      assertCovers(first, 8, 16);
      Event second = onB.next();
      assertThat(second.id()).isEqualTo(String.valueOf(vb + 1));
      assertCovers(second, 8, 16);
      // A call that only read moved no version and is no event.
      assertMarker(onA, va + 1, 900);
      assertMarker(onB, vb + 1, 901);
    }
  }

  @Test
  void aCallThatTrapsIsTheEventOfWhatItStoredAndAGrowingCallAGrowth() throws Exception {
    String id = http.create(1, 4L);
    String instance = instantiate("store", "{\"env.memory\":\"" + id + "\"}");
    long v = version(id);
    try (EventStream events = EventStream.open(http, id)) {
      assertThat(invoke(instance, "store_then_trap", "[40000,5]").statusCode()).isEqualTo(422);
      ok(invoke(instance, "grow", "[2]"));
      ok(invoke(instance, "fill", "[70000,255,10]"));
      Event trapped = events.next();
      assertThat(trapped.id()).isEqualTo(String.valueOf(v + 1));
      assertCovers(trapped, 40000, 40004);
      Event grow = events.next();
      assertThat(grow.name()).isEqualTo("grow");
      assertThat(grow.id()).isEqualTo(String.valueOf(v + 2));
      assertThat(grow.json().get("previousPages").asInt()).isEqualTo(1);
      assertThat(grow.json().get("currentPages").asInt()).isEqualTo(3);
      Event fill = events.next();
      assertThat(fill.id()).isEqualTo(String.valueOf(v + 3));
      assertCovers(fill, 70000, 70010);
    }
    assertThat(version(id)).isEqualTo(v + 3);
  }
}
