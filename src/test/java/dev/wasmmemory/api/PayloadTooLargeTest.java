package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.service.MemoryBudget;
import dev.wasmmemory.service.MemoryRegistry;
import dev.wasmmemory.testing.Bytes;
import dev.wasmmemory.testing.LimitedDeployment;
import dev.wasmmemory.testing.LimitedMemories;
import dev.wasmmemory.testing.Problems;
import dev.wasmmemory.testing.ServiceHttp;
import dev.wasmmemory.testing.Snapshot;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * 413 over real HTTP with {@code memory.max-body-size=64KB} (raw) and {@code
 * memory.max-json-body-size=1KB} (everything else): for bodies that announce their length and for
 * chunked bodies of unknown length. A refused body changes nothing and holds no budget.
 */
@LimitedDeployment
class PayloadTooLargeTest {
  private static final int RAW_LIMIT = 65536;
  private static final int JSON_LIMIT = 1024;

  @LocalServerPort int port;
  @Autowired MemoryRegistry registry;
  @Autowired MemoryBudget budget;
  ServiceHttp http;
  String id;

  @BeforeEach
  void setUp() throws Exception {
    LimitedMemories.dropAll(registry);
    http = new ServiceHttp(port);
    id = http.create(3);
    http.write(id, 0, Bytes.random(81, 1000));
  }

  @AfterEach
  void dropMemories() {
    LimitedMemories.dropAll(registry);
  }

  private static BodyPublisher announced(byte[] body) {
    return BodyPublishers.ofByteArray(body);
  }

  private static BodyPublisher chunked(byte[] body) {
    return BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
  }

  private HttpResponse<String> putRaw(BodyPublisher body) throws Exception {
    return http.sendForText(
        http.request("/memories/" + id + "/bytes")
            .header("Content-Type", "application/octet-stream")
            .PUT(body));
  }

  private void expectTooLarge(HttpResponse<String> response, long limit, Snapshot before)
      throws Exception {
    JsonNode problem = Problems.expect(response, 413, "payload-too-large");
    assertThat(problem.get("limit").asLong()).isEqualTo(limit);
    http.assertUnchanged(id, before);
    assertThat(budget.usedBytes()).as("pages held").isEqualTo(65536);
  }

  @Test
  void aRawBodyAnnouncedOverTheLimitIs413AndChangesNothing() throws Exception {
    Snapshot before = http.snapshot(id);
    expectTooLarge(putRaw(announced(Bytes.random(82, RAW_LIMIT + 1))), RAW_LIMIT, before);
  }

  @Test
  void aChunkedRawBodyOverTheLimitIs413AndChangesNothing() throws Exception {
    Snapshot before = http.snapshot(id);
    expectTooLarge(putRaw(chunked(Bytes.random(83, RAW_LIMIT + 1))), RAW_LIMIT, before);
  }

  @Test
  void aChunkedRawBodyFarOverTheLimitIs413AndChangesNothing() throws Exception {
    Snapshot before = http.snapshot(id);
    expectTooLarge(putRaw(chunked(Bytes.random(84, 2 * RAW_LIMIT + 5))), RAW_LIMIT, before);
  }

  @Test
  void aRawBodyOfExactlyTheLimitIsWritten() throws Exception {
    byte[] body = Bytes.random(85, RAW_LIMIT);
    assertThat(putRaw(announced(body)).statusCode()).isEqualTo(204);
    byte[] chunkedBody = Bytes.random(86, RAW_LIMIT);
    HttpResponse<String> response =
        http.sendForText(
            http.request("/memories/" + id + "/bytes?offset=" + RAW_LIMIT)
                .header("Content-Type", "application/octet-stream")
                .PUT(chunked(chunkedBody)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    byte[] all = http.read(id);
    assertThat(java.util.Arrays.copyOfRange(all, 0, RAW_LIMIT)).isEqualTo(body);
    assertThat(java.util.Arrays.copyOfRange(all, RAW_LIMIT, 2 * RAW_LIMIT)).isEqualTo(chunkedBody);
  }

  private static byte[] jsonOfBase64(int bytes) {
    return ("{\"data\":\"" + Base64.getEncoder().encodeToString(Bytes.random(87, bytes)) + "\"}")
        .getBytes(StandardCharsets.US_ASCII);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aJsonBodyOverItsLimitIs413AndChangesNothing(boolean announce) throws Exception {
    Snapshot before = http.snapshot(id);
    byte[] body = jsonOfBase64(800);
    assertThat(body.length).isGreaterThan(JSON_LIMIT);
    HttpResponse<String> response =
        http.sendForText(
            http.request("/memories/" + id + "/bytes")
                .header("Content-Type", "application/json")
                .PUT(announce ? announced(body) : chunked(body)));
    expectTooLarge(response, JSON_LIMIT, before);
  }

  @Test
  void aJsonBodyUnderItsLimitIsWritten() throws Exception {
    byte[] body = jsonOfBase64(700);
    assertThat(body.length).isLessThanOrEqualTo(JSON_LIMIT);
    HttpResponse<String> response =
        http.sendForText(
            http.request("/memories/" + id + "/bytes")
                .header("Content-Type", "application/json")
                .PUT(chunked(body)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
  }

  /** Valid JSON padded with whitespace past 1 KiB, for every endpoint that takes JSON. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "POST /memories {\"initialPages\":1}",
        "POST /memories/ID/grow {\"pages\":0}",
        "POST /memories/ID/fill {\"offset\":0,\"length\":1}",
        "POST /memories/ID/copy {\"sourceOffset\":0,\"destinationOffset\":1,\"length\":1}",
        "PUT /memories/ID/values/u8 {\"value\":1}",
        "PUT /memories/ID/bytes {\"data\":\"AQ==\"}"
      })
  void everyJsonEndpointRefusesABodyOverTheLimit(String request) throws Exception {
    String[] parts = request.split(" ", 3);
    byte[] padded = (" ".repeat(JSON_LIMIT) + parts[2]).getBytes(StandardCharsets.US_ASCII);
    Snapshot before = http.snapshot(id);
    int memories = registry.size();
    for (boolean announce : new boolean[] {true, false}) {
      HttpRequest.Builder builder =
          http.request(parts[1].replace("ID", id))
              .header("Content-Type", "application/json")
              .method(parts[0], announce ? announced(padded) : chunked(padded));
      expectTooLarge(http.sendForText(builder), JSON_LIMIT, before);
    }
    assertThat(registry.size()).isEqualTo(memories);
  }
}
