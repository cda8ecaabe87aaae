package dev.wasmmemory.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.testing.Json;
import dev.wasmmemory.testing.JwtDeployment;
import dev.wasmmemory.testing.Problems;
import dev.wasmmemory.testing.ServiceHttp;
import dev.wasmmemory.testing.Snapshot;
import dev.wasmmemory.testing.Tokens;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code memory.security=jwt} over a real socket: the token's {@code sub} owns what it creates;
 * another owner's memory answers exactly as an unknown id does (a transfer's source too); listing
 * shows the caller's own; 401 and 403 are problem details with the bearer challenge.
 */
@JwtDeployment
class OwnersTest {
  @LocalServerPort int port;

  private ServiceHttp anonymous;
  private ServiceHttp alice;
  private ServiceHttp bob;

  @BeforeEach
  void clients() {
    anonymous = new ServiceHttp(port);
    alice = anonymous.withBearer(Tokens.of("alice-" + UUID.randomUUID()));
    bob = anonymous.withBearer(Tokens.of("bob-" + UUID.randomUUID()));
  }

  @Test
  void withoutATokenTheApiIsA401ProblemWithTheBearerChallenge() throws Exception {
    HttpResponse<byte[]> response = anonymous.json("POST", "/memories", "{\"initialPages\":1}");
    Problems.expect(response, 401, "unauthorized");
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
  }

  @Test
  void theDocumentationAndHealthNeedNoToken() throws Exception {
    assertThat(anonymous.get("/v3/api-docs").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/actuator/health").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/problems/unauthorized").statusCode()).isEqualTo(200);
  }

  @Test
  void anotherOwnersMemoryAnswersExactlyAsAnUnknownId() throws Exception {
    String id = alice.create(1, 4L);
    alice.write(id, 8, new byte[] {1, 2, 3});
    Snapshot before = alice.snapshot(id);
    String unknown = UUID.randomUUID().toString();

    for (String suffix : new String[] {"", "/bytes", "/values/i32?offset=0"}) {
      HttpResponse<byte[]> theirs = bob.get("/memories/" + id + suffix);
      HttpResponse<byte[]> none = bob.get("/memories/" + unknown + suffix);
      Problems.expect(theirs, 404, "memory-not-found");
      assertThat(ServiceHttp.text(theirs).replace(id, "ID"))
          .isEqualTo(ServiceHttp.text(none).replace(unknown, "ID"));
      assertThat(theirs.headers().map().keySet()).isEqualTo(none.headers().map().keySet());
    }
    Problems.expect(bob.putBytes("/memories/" + id + "/bytes", new byte[] {9}), 404, null);
    Problems.expect(bob.send("DELETE", "/memories/" + id, Map.of(), null), 404, null);
    Problems.expect(bob.json("POST", "/memories/" + id + "/grow", "{\"pages\":1}"), 404, null);
    alice.assertUnchanged(id, before);
  }

  @Test
  void aTransferFromAnotherOwnersMemoryIsA404AsFromAnUnknownOne() throws Exception {
    String theirs = alice.create(1);
    alice.write(theirs, 0, new byte[] {7, 7, 7, 7});
    String mine = bob.create(1);
    Snapshot before = bob.snapshot(mine);
    String unknown = UUID.randomUUID().toString();

    HttpResponse<byte[]> fromTheirs = bob.json("POST", "/memories/" + mine + "/copy", copy(theirs));
    HttpResponse<byte[]> fromNone = bob.json("POST", "/memories/" + mine + "/copy", copy(unknown));
    JsonNode problem = Problems.expect(fromTheirs, 404, "memory-not-found");
    assertThat(problem.get("memoryId").asString()).isEqualTo(theirs);
    assertThat(ServiceHttp.text(fromTheirs).replace(theirs, "ID"))
        .isEqualTo(ServiceHttp.text(fromNone).replace(unknown, "ID"));
    bob.assertUnchanged(mine, before);
  }

  @Test
  void listingShowsTheCallersOwnMemoriesOnly() throws Exception {
    String a = alice.create(1);
    String b = bob.create(2);
    assertThat(listed(alice)).contains(a).doesNotContain(b);
    assertThat(listed(bob)).contains(b).doesNotContain(a);
  }

  @Test
  void aReadOnlyTokenReadsButChangesNothing() throws Exception {
    String owner = "reader-" + UUID.randomUUID();
    ServiceHttp writer = anonymous.withBearer(Tokens.of(owner));
    ServiceHttp reader = anonymous.withBearer(Tokens.of(owner, Tokens.READ));
    String id = writer.create(1);
    Snapshot before = writer.snapshot(id);

    assertThat(reader.get("/memories/" + id).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> refused = reader.putBytes("/memories/" + id + "/bytes", new byte[] {1});
    JsonNode problem = Problems.expect(refused, 403, "insufficient-scope");
    assertThat(problem.get("scope").asString()).isEqualTo("memory:write");
    assertThat(refused.headers().firstValue("WWW-Authenticate").orElse(""))
        .startsWith("Bearer error=\"insufficient_scope\"");
    Problems.expect(reader.json("POST", "/memories", "{\"initialPages\":1}"), 403, null);
    writer.assertUnchanged(id, before);
  }

  @Test
  void expiredMalformedAndWronglySignedTokensAreRefusedWithInvalidToken() throws Exception {
    for (String token :
        new String[] {Tokens.expired("x"), Tokens.badSignature("x"), "not.a.jwt", "abc"}) {
      HttpResponse<byte[]> response = anonymous.withBearer(token).get("/memories");
      Problems.expect(response, 401, "unauthorized");
      assertThat(response.headers().firstValue("WWW-Authenticate").orElse(""))
          .as(token)
          .startsWith("Bearer error=\"invalid_token\"");
    }
  }

  @Test
  void aTokenWithoutSubjectOwnsNothingAndIsRefused() throws Exception {
    String token =
        Tokens.sign(
            Tokens.SECRET, null, Tokens.READ_WRITE, java.time.Instant.now().plusSeconds(60));
    Problems.expect(
        anonymous.withBearer(token).json("POST", "/memories", "{\"initialPages\":1}"),
        401,
        "unauthorized");
  }

  @Test
  void browsersOnOtherOriginsSendTheTokenAndSeeTheChallenge() throws Exception {
    String origin = "https://playground.example";
    HttpResponse<byte[]> preflight =
        anonymous.send(
            "OPTIONS",
            "/memories/x/bytes",
            Map.of(
                "Origin",
                origin,
                "Access-Control-Request-Method",
                "PUT",
                "Access-Control-Request-Headers",
                "Authorization, Content-Type"),
            null);
    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
        .containsIgnoringCase("authorization");
    String id = alice.create(1);
    HttpResponse<byte[]> read =
        alice.send("GET", "/memories/" + id, Map.of("Origin", origin), null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
    HttpResponse<byte[]> refused =
        anonymous.send("GET", "/memories/" + id, Map.of("Origin", origin), null);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
        .contains("WWW-Authenticate");
  }

  private static String copy(String source) {
    return "{\"sourceMemoryId\":\""
        + source
        + "\",\"sourceOffset\":0,\"destinationOffset\":0,\"length\":4}";
  }

  private static java.util.List<String> listed(ServiceHttp http) throws Exception {
    HttpResponse<byte[]> response = http.get("/memories");
    assertThat(response.statusCode()).isEqualTo(200);
    java.util.List<String> ids = new java.util.ArrayList<>();
    for (JsonNode info : Json.read(ServiceHttp.text(response)).path("memories")) {
      ids.add(info.path("id").asString());
    }
    return ids;
  }
}
