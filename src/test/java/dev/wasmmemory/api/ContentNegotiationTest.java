package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.testing.DefaultDeployment;
import dev.wasmmemory.testing.Problems;
import dev.wasmmemory.testing.ServiceHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What {@code Accept} does to answers other than the bytes' representations: a client that also (or
 * only) accepts problem details, as generated clients do, never gets a 406 for a success; a quality
 * of 0 refuses a type (RFC 9110 §12.4.2); an operation without a body takes any Accept.
 */
@DefaultDeployment
class ContentNegotiationTest {
  private static final String PROBLEMS = "application/problem+json";

  @LocalServerPort int port;
  ServiceHttp http;
  String id;

  @BeforeEach
  void setUp() throws Exception {
    http = new ServiceHttp(port);
    id = http.create(1);
  }

  private HttpResponse<byte[]> send(String method, String path, String json, String accept)
      throws Exception {
    HttpRequest.Builder request =
        http.request(path)
            .header("Accept", accept)
            .method(method, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request);
  }

  /**
   * What both generated Java clients send for operations whose only documented body is a problem:
   * each of these was a 406, and the memory was not deleted.
   */
  @ParameterizedTest
  @ValueSource(strings = {PROBLEMS, PROBLEMS + ", application/json"})
  void acceptingProblemsNeverTurnsASuccessIntoA406(String accept) throws Exception {
    String m = "/memories/" + id;
    Map<String, Integer> statuses = new LinkedHashMap<>();
    statuses.put("PUT " + m + "/values/i32?offset=8 {\"value\":7}", 204);
    statuses.put("PUT " + m + "/bytes?offset=8 {\"data\":\"AQID\"}", 204);
    statuses.put(
        "POST " + m + "/copy {\"sourceOffset\":8,\"destinationOffset\":16,\"length\":4}", 204);
    statuses.put("POST " + m + "/fill {\"offset\":0,\"length\":4,\"value\":1}", 204);
    statuses.put("POST " + m + "/grow {\"pages\":0}", 200);
    statuses.put("POST " + m + "/erase", 204);
    statuses.put("GET " + m, 200);
    statuses.put("GET " + m + "/values/i32", 200);
    statuses.put("GET /memories", 200);
    statuses.put("POST /memories {\"initialPages\":0}", 201);
    for (Map.Entry<String, Integer> expected : statuses.entrySet()) {
      String[] request = expected.getKey().split(" ", 3);
      HttpResponse<byte[]> response =
          send(request[0], request[1], request.length > 2 ? request[2] : null, accept);
      assertThat(response.statusCode())
          .as(ServiceHttp.describe(response))
          .isEqualTo(expected.getValue());
      if (response.body().length > 0) {
        assertThat(response.headers().firstValue("Content-Type"))
            .as(expected.getKey())
            .hasValue("application/json");
      }
    }
    assertThat(send("DELETE", m, null, accept).statusCode()).isEqualTo(204);
    Problems.expect(http.get(m), 404, "memory-not-found");
  }

  /** The bytes' default representation, and their errors as problems rather than a 406. */
  @Test
  void acceptingOnlyProblemsReadsTheRawBytesAndGetsTheirProblems() throws Exception {
    HttpResponse<byte[]> bytes = http.get("/memories/" + id + "/bytes?length=4", PROBLEMS);
    assertThat(bytes.statusCode()).isEqualTo(200);
    assertThat(bytes.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(bytes.body()).hasSize(4);

    Problems.expect(
        http.get("/memories/" + id + "/bytes?offset=70000", PROBLEMS), 422, "out-of-bounds");
    Problems.expect(
        http.get("/memories/" + id + "/values/i32?offset=70000", PROBLEMS), 422, "out-of-bounds");
  }

  /** A type named with q=0 is not acceptable, also on the JSON-only endpoints. */
  @ParameterizedTest
  @ValueSource(strings = {"*/*;q=0", "application/json;q=0", "application/json;q=0, text/plain"})
  void anAcceptThatRefusesJsonIsA406(String accept) throws Exception {
    for (String path : new String[] {"/memories/" + id, "/memories/" + id + "/values/i32"}) {
      Problems.expect(http.get(path, accept), 406, "not-acceptable");
    }
  }

  @Test
  void anOperationWithoutABodyTakesAnyAccept() throws Exception {
    HttpResponse<byte[]> response =
        send("POST", "/memories/" + id + "/fill", "{\"offset\":0,\"length\":1}", "image/png");
    assertThat(response.statusCode()).as(ServiceHttp.describe(response)).isEqualTo(204);
  }
}
