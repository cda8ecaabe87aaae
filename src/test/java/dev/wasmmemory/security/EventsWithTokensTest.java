package dev.wasmmemory.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.testing.EventStream;
import dev.wasmmemory.testing.Json;
import dev.wasmmemory.testing.JwtDeployment;
import dev.wasmmemory.testing.ServiceHttp;
import dev.wasmmemory.testing.Tokens;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The event stream in jwt mode: its owner and a share link of the memory subscribe; another owner
 * gets exactly what an unknown id gets (404, the same problem type), no token a 401.
 */
@JwtDeployment
class EventsWithTokensTest {
  @LocalServerPort int port;

  @Test
  void onlyTheOwnerAndASharedLinkSeeTheStream() throws Exception {
    String alice = Tokens.of("alice-" + UUID.randomUUID());
    String bob = Tokens.of("bob-" + UUID.randomUUID());
    ServiceHttp owner = new ServiceHttp(port).withBearer(alice);
    String id = owner.create(1);

    HttpResponse<InputStream> theirs = EventStream.openRaw(owner, id, bearer(bob));
    HttpResponse<InputStream> unknown =
        EventStream.openRaw(owner, UUID.randomUUID().toString(), bearer(bob));
    assertThat(theirs.statusCode()).isEqualTo(404).isEqualTo(unknown.statusCode());
    String type = Json.read(EventStream.text(theirs)).get("type").asString();
    assertThat(type)
        .endsWith("/memory-not-found")
        .isEqualTo(Json.read(EventStream.text(unknown)).get("type").asString());

    HttpResponse<InputStream> anonymous = EventStream.openRaw(owner, id, Map.of());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    EventStream.text(anonymous);

    String share =
        Json.read(
                ServiceHttp.text(
                    owner.json(
                        "POST",
                        "/memories/" + id + "/shares",
                        "{\"access\":\"read\",\"expiresIn\":\"PT1H\"}")))
            .get("token")
            .asString();
    try (EventStream own = EventStream.open(owner, id, bearer(alice));
        EventStream shared = EventStream.open(owner, id, bearer(share))) {
      owner.write(id, 0, new byte[] {7});
      assertThat(own.next().version()).isEqualTo(shared.next().version());
    }
  }

  private static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }
}
