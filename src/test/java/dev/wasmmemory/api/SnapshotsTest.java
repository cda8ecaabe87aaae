package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.testing.DefaultDeployment;
import dev.wasmmemory.testing.EventStream;
import dev.wasmmemory.testing.EventStream.Event;
import dev.wasmmemory.testing.Json;
import dev.wasmmemory.testing.Problems;
import dev.wasmmemory.testing.ServiceHttp;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Snapshots over HTTP on the default store: take, list, read (raw, JSON, hex, Range, ETag),
 * restore, clone, diff, delete, and every refusal with the memory unchanged. {@link
 * HeapSnapshotsTest} runs the same on the heap store, the http-on-redis run on Redis.
 */
@DefaultDeployment
class SnapshotsTest {
  private static final int PAGE = 65536;

  @LocalServerPort int port;
  ServiceHttp http;

  @BeforeEach
  void setUp() {
    http = new ServiceHttp(port);
  }

  private JsonNode take(String id) throws Exception {
    HttpResponse<byte[]> response = http.json("POST", "/memories/" + id + "/snapshots", "");
    assertThat(response.statusCode()).as(ServiceHttp.describe(response)).isEqualTo(201);
    JsonNode body = Json.read(ServiceHttp.text(response));
    assertThat(response.headers().firstValue("Location"))
        .hasValue("/memories/" + id + "/snapshots/" + body.get("id").stringValue());
    return body;
  }

  private byte[] snapshotBytes(String id, String sid) throws Exception {
    HttpResponse<byte[]> response = http.get("/memories/" + id + "/snapshots/" + sid + "/bytes");
    assertThat(response.statusCode()).as(ServiceHttp.describe(response)).isEqualTo(200);
    return response.body();
  }

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  @Test
  void aSnapshotKeepsTheBytesTheMemoryHadWhenItWasTaken() throws Exception {
    String id = http.create(2, 8L);
    http.write(id, 16, new byte[] {1, 2, 3, 4});
    byte[] before = http.read(id);
    JsonNode snapshot = take(id);
    assertThat(snapshot.get("memoryId").stringValue()).isEqualTo(id);
    assertThat(snapshot.get("currentPages").asInt()).isEqualTo(2);
    assertThat(snapshot.get("sizeBytes").asLong()).isEqualTo(2L * PAGE);
    assertThat(snapshot.get("createdAt").stringValue()).isNotBlank();
    String sid = snapshot.get("id").stringValue();

    http.write(id, 16, new byte[] {9, 9});
    http.json("POST", "/memories/" + id + "/grow", "{\"pages\":1}");
    assertThat(snapshotBytes(id, sid)).isEqualTo(before);
    assertThat(http.read(id)[16]).isEqualTo((byte) 9);

    HttpResponse<byte[]> one = http.get("/memories/" + id + "/snapshots/" + sid);
    assertThat(Json.read(ServiceHttp.text(one)).get("version").asLong())
        .isEqualTo(snapshot.get("version").asLong());
    JsonNode list = Json.read(ServiceHttp.text(http.get("/memories/" + id + "/snapshots")));
    assertThat(list.get("snapshots").size()).isEqualTo(1);
    assertThat(list.get("snapshots").get(0).get("id").stringValue()).isEqualTo(sid);
  }

  @Test
  void snapshotBytesAreServedLikeAMemorysWithTheirOwnTag() throws Exception {
    String id = http.create(1);
    http.write(id, 0, "Hello".getBytes());
    String tag = http.etag(id);
    String sid = take(id).get("id").stringValue();
    String path = "/memories/" + id + "/snapshots/" + sid + "/bytes";

    HttpResponse<byte[]> json = http.get(path + "?offset=0&length=5", "application/json");
    assertThat(Json.read(ServiceHttp.text(json)).get("data").stringValue())
        .isEqualTo(Base64.getEncoder().encodeToString("Hello".getBytes()));
    HttpResponse<byte[]> hex = http.get(path + "?length=16", "text/plain");
    assertThat(ServiceHttp.text(hex)).startsWith("00000000: 4865 6c6c 6f00");
    HttpResponse<byte[]> raw = http.get(path);
    assertThat(raw.headers().firstValue("ETag")).hasValue(tag);
    HttpResponse<byte[]> range = http.send("GET", path, Map.of("Range", "bytes=1-3"), null);
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(new String(range.body())).isEqualTo("ell");
    HttpResponse<byte[]> notModified = http.send("GET", path, Map.of("If-None-Match", tag), null);
    assertThat(notModified.statusCode()).isEqualTo(304);
    http.write(id, 0, "J".getBytes());
    assertThat(http.get(path).headers().firstValue("ETag")).hasValue(tag);
    Problems.expect(http.get(path + "?offset=65537"), 422, "out-of-bounds");
  }

  @Test
  void restoreBringsBackBytesAndSizeAsOneNewVersion() throws Exception {
    String id = http.create(2, 4L);
    http.write(id, 100, filled(PAGE, 7));
    byte[] before = http.read(id);
    String sid = take(id).get("id").stringValue();
    http.json("POST", "/memories/" + id + "/grow", "{\"pages\":2}");
    http.write(id, 3 * PAGE - 1, new byte[] {5});
    http.json("POST", "/memories/" + id + "/erase", "");
    String staleTag = http.etag(id);
    http.write(id, 0, new byte[] {1});

    Problems.expect(
        http.send(
            "POST",
            "/memories/" + id + "/restore",
            Map.of("Content-Type", "application/json", "If-Match", staleTag),
            ("{\"snapshotId\":\"" + sid + "\"}").getBytes()),
        412,
        "precondition-failed");
    HttpResponse<byte[]> restored =
        http.json("POST", "/memories/" + id + "/restore", "{\"snapshotId\":\"" + sid + "\"}");
    assertThat(restored.statusCode()).as(ServiceHttp.describe(restored)).isEqualTo(204);
    assertThat(restored.headers().firstValue("ETag")).hasValue(http.etag(id));
    assertThat(http.info(id).get("currentPages").asInt()).isEqualTo(2);
    assertThat(http.read(id)).isEqualTo(before);
    http.write(id, 100, new byte[] {1});
    assertThat(snapshotBytes(id, sid)).isEqualTo(before);
  }

  @Test
  void subscribersSeeARestoreAsOneEventWithTheNewVersionAndSizes() throws Exception {
    String id = http.create(1, 4L);
    String sid = take(id).get("id").stringValue();
    http.json("POST", "/memories/" + id + "/grow", "{\"pages\":1}");
    long version = Long.parseLong(http.etag(id).replace("\"", ""));
    try (EventStream events = EventStream.open(http, id)) {
      http.json("POST", "/memories/" + id + "/restore", "{\"snapshotId\":\"" + sid + "\"}");
      Event restored = events.next();
      assertThat(restored.name()).isEqualTo("restore");
      assertThat(restored.id()).isEqualTo(String.valueOf(version + 1));
      assertThat(restored.json().get("previousPages").asInt()).isEqualTo(2);
      assertThat(restored.json().get("currentPages").asInt()).isEqualTo(1);
    }
  }

  @Test
  void diffListsMaximalRangesBetweenSnapshotsAndNow() throws Exception {
    String id = http.create(1, 4L);
    http.write(id, 0, new byte[] {1, 1, 1, 1});
    String a = take(id).get("id").stringValue();
    http.write(id, 16, new byte[] {2, 2, 2, 2});
    http.write(id, PAGE - 2, new byte[] {0});
    http.json("POST", "/memories/" + id + "/grow", "{\"pages\":1}");
    http.write(id, PAGE - 1, new byte[] {3, 3});
    String b = take(id).get("id").stringValue();
    http.write(id, 0, new byte[] {1, 1, 1, 1});

    JsonNode diff =
        Json.read(ServiceHttp.text(http.get("/memories/" + id + "/diff?from=" + a + "&to=" + b)));
    assertThat(diff.get("sizeBytes").get("from").asLong()).isEqualTo(PAGE);
    assertThat(diff.get("sizeBytes").get("to").asLong()).isEqualTo(2L * PAGE);
    assertThat(diff.get("ranges").toString())
        .isEqualTo("[{\"offset\":16,\"length\":4},{\"offset\":" + (PAGE - 1) + ",\"length\":2}]");
    assertThat(diff.get("changedBytes").asLong()).isEqualTo(6);
    assertThat(diff.get("truncated").asBoolean()).isFalse();

    JsonNode toNow = Json.read(ServiceHttp.text(http.get("/memories/" + id + "/diff?from=" + b)));
    assertThat(toNow.get("to").isNull()).isTrue();
    assertThat(toNow.get("ranges").size()).isZero();
    http.write(id, 5, new byte[] {8});
    toNow = Json.read(ServiceHttp.text(http.get("/memories/" + id + "/diff?from=" + b)));
    assertThat(toNow.get("ranges").toString()).isEqualTo("[{\"offset\":5,\"length\":1}]");
  }

  @Test
  void clonesHoldTheirSourcesBytesAndLiveApart() throws Exception {
    String id = http.create(2, 6L);
    http.write(id, PAGE + 3, new byte[] {4, 5});
    byte[] before = http.read(id);
    String sid = take(id).get("id").stringValue();
    http.write(id, PAGE + 3, new byte[] {0});

    HttpResponse<byte[]> fromSnapshot =
        http.json("POST", "/memories", "{\"fromSnapshot\":\"" + sid + "\"}");
    assertThat(fromSnapshot.statusCode()).as(ServiceHttp.describe(fromSnapshot)).isEqualTo(201);
    JsonNode clone = Json.read(ServiceHttp.text(fromSnapshot));
    String cloneId = clone.get("id").stringValue();
    assertThat(clone.get("maximumPages").asInt()).isEqualTo(6);
    assertThat(http.read(cloneId)).isEqualTo(before);

    HttpResponse<byte[]> fromMemory =
        http.json("POST", "/memories", "{\"fromMemory\":\"" + id + "\"}");
    String copyId = Json.read(ServiceHttp.text(fromMemory)).get("id").stringValue();
    assertThat(http.read(copyId)).isEqualTo(http.read(id));
    http.write(copyId, 0, new byte[] {1});
    assertThat(http.read(id)[0]).isZero();
  }

  @Test
  void deletingASnapshotOrItsMemoryLetsItGo() throws Exception {
    String id = http.create(1);
    String sid = take(id).get("id").stringValue();
    HttpResponse<byte[]> deleted =
        http.send("DELETE", "/memories/" + id + "/snapshots/" + sid, Map.of(), null);
    assertThat(deleted.statusCode()).isEqualTo(204);
    Problems.expect(http.get("/memories/" + id + "/snapshots/" + sid), 404, "snapshot-not-found");
    String other = take(id).get("id").stringValue();
    http.send("DELETE", "/memories/" + id, Map.of(), null);
    Problems.expect(
        http.json("POST", "/memories", "{\"fromSnapshot\":\"" + other + "\"}"),
        404,
        "snapshot-not-found");
  }

  @Test
  void refusalsAreProblemsAndChangeNothing() throws Exception {
    String id = http.create(1);
    http.write(id, 0, new byte[] {1, 2});
    String sid = take(id).get("id").stringValue();
    String otherId = http.create(1);
    String otherSid = take(otherId).get("id").stringValue();
    var before = http.snapshot(id);

    Problems.expect(
        http.json("POST", "/memories/" + id + "/restore", "{\"snapshotId\":\"nope\"}"),
        404,
        "snapshot-not-found");
    JsonNode across =
        Problems.expect(
            http.json(
                "POST", "/memories/" + id + "/restore", "{\"snapshotId\":\"" + otherSid + "\"}"),
            400,
            "invalid-request");
    assertThat(across.get("field").stringValue()).isEqualTo("snapshotId");
    Problems.expect(
        http.json("POST", "/memories/" + id + "/restore", "{}"), 400, "invalid-request");
    Problems.expect(
        http.get("/memories/" + id + "/diff?from=" + sid + "&to=" + otherSid),
        400,
        "invalid-request");
    Problems.expect(http.get("/memories/" + id + "/diff"), 400, "invalid-request");
    Problems.expect(
        http.get("/memories/" + otherId + "/snapshots/" + sid + "/bytes"),
        404,
        "snapshot-not-found");
    Problems.expect(
        http.json("POST", "/memories", "{\"fromSnapshot\":\"" + sid + "\",\"initialPages\":1}"),
        400,
        "invalid-request");
    Problems.expect(
        http.json(
            "POST",
            "/memories",
            "{\"fromSnapshot\":\"" + sid + "\",\"fromMemory\":\"" + id + "\"}"),
        400,
        "invalid-request");
    Problems.expect(http.json("POST", "/memories/nope/snapshots", ""), 404, "memory-not-found");
    http.assertUnchanged(id, before);
  }
}
