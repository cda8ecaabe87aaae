package dev.wasmmemory.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.testing.Problems;
import dev.wasmmemory.testing.ServiceHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code memory.rate-limit} in open mode counts the client's address: past the limit the API is 429
 * with Retry-After; the documentation and health probes are not counted.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "memory.rate-limit=4/h")
class OpenRateLimitTest {
  @LocalServerPort int port;

  @Test
  void theClientsAddressIsLimitedOnTheApiOnly() throws Exception {
    ServiceHttp http = new ServiceHttp(port);
    String id = http.create(1);
    for (int i = 0; i < 3; i++) {
      assertThat(http.get("/memories/" + id).statusCode()).isEqualTo(200);
    }
    HttpResponse<byte[]> refused = http.putBytes("/memories/" + id + "/bytes", new byte[] {1});
    Problems.expect(refused, 429, "rate-limited");
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
    assertThat(http.get("/v3/api-docs").statusCode()).isEqualTo(200);
  }
}
