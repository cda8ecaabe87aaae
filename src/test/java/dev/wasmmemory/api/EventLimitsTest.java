package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.testing.EventStream;
import dev.wasmmemory.testing.Json;
import dev.wasmmemory.testing.ServiceHttp;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The limits of the event streams: at most {@code memory.events.max-subscribers} at once (a 503
 * problem with Retry-After beyond, a place freed when a stream closes), and heartbeats on an idle
 * stream.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"memory.events.max-subscribers=2", "memory.events.heartbeat=100ms"})
class EventLimitsTest {
  @LocalServerPort int port;
  ServiceHttp http;

  @BeforeEach
  void setUp() {
    http = new ServiceHttp(port);
  }

  @Test
  void subscribersBeyondTheLimitGetA503ProblemUntilAPlaceIsFree() throws Exception {
    String id = http.create(1);
    // A stream of an earlier test holds its place until the server's next heartbeat notices it
    // closed: both places are taken here once they are free.
    try (EventStream first = EventStream.accepted(awaitAccepted(id))) {
      EventStream second = EventStream.accepted(awaitAccepted(id));
      HttpResponse<InputStream> refused = EventStream.openRaw(http, id, Map.of());
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      JsonNode problem = Json.read(EventStream.text(refused));
      assertThat(problem.get("type").asString()).isEqualTo("/problems/too-many-subscribers");
      assertThat(problem.get("maxSubscribers").asInt()).isEqualTo(2);

      second.close();
      // The server notices the closed stream at its next heartbeat; then the place is free.
      HttpResponse<InputStream> again = awaitAccepted(id);
      again.body().close();
      http.write(id, 0, new byte[] {1});
      assertThat(first.next().name()).isEqualTo("write");
    }
  }

  private HttpResponse<InputStream> awaitAccepted(String id) throws Exception {
    for (int attempt = 0; attempt < 600; attempt++) {
      HttpResponse<InputStream> response = EventStream.openRaw(http, id, Map.of());
      if (response.statusCode() == 200) {
        return response;
      }
      response.body().close();
      Thread.sleep(50);
    }
    throw new AssertionError("no place was freed after the stream closed");
  }

  @Test
  void anIdleStreamGetsHeartbeatComments() throws Exception {
    String id = http.create(1);
    try (EventStream events = EventStream.open(http, id)) {
      assertThat(events.nextComment()).isEqualTo("subscribed");
      assertThat(events.nextComment()).isEqualTo("heartbeat");
      assertThat(events.nextComment()).isEqualTo("heartbeat");
    }
  }
}
