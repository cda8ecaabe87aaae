package dev.wasmmemory.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.testing.Problems;
import dev.wasmmemory.testing.ServiceHttp;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * One minimal request for each contract deviation {@link ApiFuzzTest} and {@link LoadTest} found,
 * on a real socket (some of them happen before Spring MVC sees the request).
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"server.address=127.0.0.1", "memory.budget=64MB"})
class ContractRegressionTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;

  private ServiceHttp http;
  private String id;

  @BeforeEach
  void createMemory() throws Exception {
    http = new ServiceHttp(port);
    HttpResponse<byte[]> created = http.json("POST", "/memories", "{\"initialPages\":1}");
    assertThat(created.statusCode()).as(ServiceHttp.describe(created)).isEqualTo(201);
    id = JSON.readTree(created.body()).path("id").asString();
  }

  /** Spring refuses to sort more than 50 media types; Representation.negotiate let that escape. */
  @Test
  void anAcceptOfSixtyOneMediaTypesNeverGetsA500() throws Exception {
    String accept =
        IntStream.range(0, 60)
                .mapToObj(i -> "application/x-fuzz" + i)
                .collect(Collectors.joining(", "))
            + ", application/octet-stream";
    HttpResponse<byte[]> response =
        http.send("GET", "/memories/" + id + "/bytes?length=4", Map.of("Accept", accept), null);
    assertThat(response.statusCode()).as(ServiceHttp.describe(response)).isLessThan(500);
    if (response.statusCode() >= 400) {
      assertProblem(response);
    }
  }

  /**
   * Tomcat refuses an encoded slash or NUL in the path itself, with its HTML error page, before
   * Spring MVC (and the problem-details handler) sees the request.
   */
  @ParameterizedTest
  @ValueSource(strings = {"%2F", "a%00b"})
  void anEncodedSlashOrNulInAnIdGetsProblemDetails(String garbage) throws Exception {
    HttpResponse<byte[]> response = http.get("/memories/" + garbage + "/bytes");
    assertThat(response.statusCode()).as(ServiceHttp.describe(response)).isBetween(400, 499);
    assertProblem(response);
  }

  /**
   * The servlet container answers TRACE itself; the error then goes to Spring Boot's /error
   * controller, whose JSON ({@code timestamp}, {@code error}, {@code path}) is no problem detail.
   */
  @Test
  void traceGetsAProblemDetail405() throws Exception {
    HttpResponse<byte[]> response = http.send("TRACE", "/memories/" + id, Map.of(), null);
    assertThat(response.statusCode()).as(ServiceHttp.describe(response)).isEqualTo(405);
    assertProblem(response);
  }

  /** Found by the fuzz suite: the container's error page encoded an encoded path again. */
  @Test
  void theInstanceOfAContainerErrorIsThePathAsSent() throws Exception {
    HttpResponse<byte[]> response = http.send("TRACE", "/memories/%2e%2e", Map.of(), null);
    assertThat(response.statusCode()).as(ServiceHttp.describe(response)).isEqualTo(405);
    assertThat(JSON.readTree(response.body()).path("instance").asString())
        .isEqualTo("/memories/%2e%2e");
  }

  /**
   * Spring converts query integers with NumberUtils, which reads {@code 0x10} and {@code #10} as
   * hexadecimal: a client's typo reads (or writes) 16 bytes further on instead of a 400.
   */
  @ParameterizedTest
  @ValueSource(strings = {"0x10", "0X10", "%2310"})
  void aHexadecimalOffsetIsRefused(String offset) throws Exception {
    HttpResponse<byte[]> response = http.get("/memories/" + id + "/values/u8?offset=" + offset);
    assertThat(response.statusCode()).as(ServiceHttp.describe(response)).isEqualTo(400);
    assertProblem(response);
  }

  /**
   * Typed values are read as doubles, so fractions that round to whole doubles pass the "whole
   * number" check and are written (CONTRACT: fractional numbers where whole numbers belong are a
   * 400, and a failed request changes nothing).
   */
  @ParameterizedTest
  @ValueSource(strings = {"1.0000000000000001", "1e-400", "4.9999999999999999"})
  void aFractionThatRoundsToAWholeDoubleIsRefusedAndChangesNothing(String fraction)
      throws Exception {
    String path = "/memories/" + id + "/values/i32?offset=8";
    assertThat(http.json("PUT", path, "{\"value\":7}").statusCode()).isEqualTo(204);
    HttpResponse<byte[]> response = http.json("PUT", path, "{\"value\":" + fraction + "}");
    assertThat(response.statusCode()).as(ServiceHttp.describe(response)).isEqualTo(400);
    assertProblem(response);
    assertThat(JSON.readTree(http.get(path).body()).path("value").asInt()).isEqualTo(7);
  }

  static void assertProblem(HttpResponse<byte[]> response) {
    Problems.expectProblem(response);
  }
}
