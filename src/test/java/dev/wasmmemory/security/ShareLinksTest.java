package dev.wasmmemory.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.testing.Json;
import dev.wasmmemory.testing.JwtDeployment;
import dev.wasmmemory.testing.Problems;
import dev.wasmmemory.testing.ServiceHttp;
import dev.wasmmemory.testing.Snapshot;
import dev.wasmmemory.testing.Tokens;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Share links in jwt mode: a signed, expiring, revocable capability that reads one memory (as
 * {@code ?share=} or as a bearer token) and does nothing else.
 */
@JwtDeployment
class ShareLinksTest {
  @LocalServerPort int port;

  private ServiceHttp anonymous;
  private ServiceHttp owner;
  private String id;

  @BeforeEach
  void aMemoryWithBytes() throws Exception {
    anonymous = new ServiceHttp(port);
    owner = anonymous.withBearer(Tokens.of("sharer-" + UUID.randomUUID()));
    id = owner.create(1, 2L);
    owner.write(id, 0, "shared bytes".getBytes());
  }

  private JsonNode share(String expiresIn) throws Exception {
    HttpResponse<byte[]> made =
        owner.json(
            "POST",
            "/memories/" + id + "/shares",
            "{\"access\":\"read\",\"expiresIn\":\"" + expiresIn + "\"}");
    assertThat(made.statusCode()).as(ServiceHttp.describe(made)).isEqualTo(201);
    JsonNode share = Json.read(ServiceHttp.text(made));
    assertThat(made.headers().firstValue("Location"))
        .hasValue("/memories/" + id + "/shares/" + share.get("id").asString());
    return share;
  }

  @Test
  void aLinkReadsItsMemoryByUrlAndAsBearer() throws Exception {
    JsonNode share = share("PT1H");
    String token = share.get("token").asString();
    assertThat(share.get("memoryId").asString()).isEqualTo(id);
    assertThat(share.get("access").asString()).isEqualTo("read");

    URI url = URI.create(share.get("url").asString());
    HttpResponse<byte[]> byUrl = anonymous.get(url.getRawPath() + "?" + url.getRawQuery());
    assertThat(byUrl.statusCode()).isEqualTo(200);
    assertThat(byUrl.body()).startsWith("shared bytes".getBytes());

    ServiceHttp bearer = anonymous.withBearer(token);
    assertThat(bearer.read(id)).isEqualTo(owner.read(id));
    assertThat(bearer.get("/memories/" + id + "/values/u8?offset=0").statusCode()).isEqualTo(200);
    assertThat(bearer.info(id).get("id").asString()).isEqualTo(id);
  }

  @Test
  void aLinkChangesNothingListsNothingAndOpensNoOtherMemory() throws Exception {
    ServiceHttp bearer = anonymous.withBearer(share("PT1H").get("token").asString());
    Snapshot before = owner.snapshot(id);
    Problems.expect(
        bearer.putBytes("/memories/" + id + "/bytes", new byte[] {1}), 403, "insufficient-scope");
    Problems.expect(bearer.send("DELETE", "/memories/" + id, Map.of(), null), 403, null);
    Problems.expect(
        bearer.json(
            "POST", "/memories/" + id + "/shares", "{\"access\":\"read\",\"expiresIn\":\"PT1H\"}"),
        403,
        null);
    Problems.expect(bearer.get("/memories"), 403, "insufficient-scope");
    owner.assertUnchanged(id, before);

    String other = owner.create(1);
    String unknown = UUID.randomUUID().toString();
    HttpResponse<byte[]> theirs = bearer.get("/memories/" + other);
    Problems.expect(theirs, 404, "memory-not-found");
    assertThat(ServiceHttp.text(theirs).replace(other, "ID"))
        .isEqualTo(ServiceHttp.text(bearer.get("/memories/" + unknown)).replace(unknown, "ID"));
  }

  @Test
  void aRevokedLinkIsRefusedAtOnce() throws Exception {
    JsonNode share = share("PT1H");
    ServiceHttp bearer = anonymous.withBearer(share.get("token").asString());
    assertThat(bearer.get("/memories/" + id).statusCode()).isEqualTo(200);

    String revoke = "/memories/" + id + "/shares/" + share.get("id").asString();
    assertThat(owner.send("DELETE", revoke, Map.of(), null).statusCode()).isEqualTo(204);
    HttpResponse<byte[]> refused = bearer.get("/memories/" + id);
    Problems.expect(refused, 401, "unauthorized");
    assertThat(refused.headers().firstValue("WWW-Authenticate").orElse(""))
        .startsWith("Bearer error=\"invalid_token\"");
    Problems.expect(owner.send("DELETE", revoke, Map.of(), null), 404, "share-not-found");
  }

  @Test
  void aLinkLapsesAtItsExpiry() throws Exception {
    JsonNode share = share("PT1S");
    ServiceHttp bearer = anonymous.withBearer(share.get("token").asString());
    java.time.Instant expires = java.time.Instant.parse(share.get("expiresAt").asString());
    while (!java.time.Instant.now().isAfter(expires.plusMillis(200))) {
      Thread.sleep(100);
    }
    Problems.expect(bearer.get("/memories/" + id), 401, "unauthorized");
  }

  @Test
  void anAlteredOrForeignTokenIsRefused() throws Exception {
    String token = share("PT1H").get("token").asString();
    String altered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
    Problems.expect(anonymous.withBearer(altered).get("/memories/" + id), 401, "unauthorized");
    Problems.expect(anonymous.get("/memories/" + id + "?share=" + altered), 401, "unauthorized");
    Problems.expect(
        anonymous.get("/memories/" + id + "?share=" + Tokens.of("someone")), 401, "unauthorized");
  }

  @Test
  void onlyTheOwnerMakesAndRevokesLinks() throws Exception {
    ServiceHttp stranger = anonymous.withBearer(Tokens.of("stranger-" + UUID.randomUUID()));
    String body = "{\"access\":\"read\",\"expiresIn\":\"PT1H\"}";
    Problems.expect(
        stranger.json("POST", "/memories/" + id + "/shares", body), 404, "memory-not-found");
    String shareId = share("PT1H").get("id").asString();
    Problems.expect(
        stranger.send("DELETE", "/memories/" + id + "/shares/" + shareId, Map.of(), null),
        404,
        "memory-not-found");
  }

  @Test
  void aLinkIsReadOnlyAndLivesFromASecondToThirtyDays() throws Exception {
    String path = "/memories/" + id + "/shares";
    Problems.expect(
        owner.json("POST", path, "{\"access\":\"write\",\"expiresIn\":\"PT1H\"}"),
        400,
        "invalid-request");
    Problems.expect(
        owner.json("POST", path, "{\"access\":\"read\",\"expiresIn\":\"P31D\"}"),
        400,
        "invalid-request");
    Problems.expect(
        owner.json("POST", path, "{\"access\":\"read\",\"expiresIn\":\"soon\"}"),
        400,
        "invalid-request");
  }
}
