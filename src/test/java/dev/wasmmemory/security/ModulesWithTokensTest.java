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

/**
 * Modules in jwt mode: the execution threads act for the caller, so an instance imports the
 * caller's memories (another owner's is 404, as an unknown one) and a call stores into them.
 */
@JwtDeployment
class ModulesWithTokensTest {
  @LocalServerPort int port;

  private ServiceHttp alice;
  private ServiceHttp bob;

  @BeforeEach
  void clients() {
    alice = new ServiceHttp(port).withBearer(Tokens.of("alice-" + UUID.randomUUID()));
    bob = new ServiceHttp(port).withBearer(Tokens.of("bob-" + UUID.randomUUID()));
  }

  private HttpResponse<byte[]> instantiate(ServiceHttp http, String module, String memory)
      throws Exception {
    return http.json(
        "POST",
        "/modules/" + module + "/instances",
        "{\"imports\":{\"env.memory\":\"" + memory + "\"}}");
  }

  @Test
  void anInstanceOfTheCallersMemoryStoresIntoIt() throws Exception {
    String memory = alice.create(1);
    HttpResponse<byte[]> made = instantiate(alice, alice.uploadModule("store"), memory);
    assertThat(made.statusCode()).as(ServiceHttp.describe(made)).isEqualTo(201);
    String instance = Json.read(ServiceHttp.text(made)).get("id").asString();
    HttpResponse<byte[]> called =
        alice.json(
            "POST",
            "/instances/" + instance + "/invoke",
            "{\"function\":\"store\",\"args\":[100,42]}");
    assertThat(called.statusCode()).as(ServiceHttp.describe(called)).isEqualTo(200);
    assertThat(alice.read(memory)[100]).isEqualTo((byte) 42);
  }

  @Test
  void anotherOwnersMemoryCannotBeImported() throws Exception {
    String theirs = alice.create(1);
    Snapshot before = alice.snapshot(theirs);
    String module = bob.uploadModule("store");
    HttpResponse<byte[]> refused = instantiate(bob, module, theirs);
    HttpResponse<byte[]> unknown = instantiate(bob, module, UUID.randomUUID().toString());
    assertThat(refused.statusCode()).isEqualTo(unknown.statusCode());
    Problems.expectProblem(refused);
    alice.assertUnchanged(theirs, before);
  }

  @Test
  void anotherOwnersModuleIsNotFoundAndNotListed() throws Exception {
    String module = alice.uploadModule("store");
    String unknown = UUID.randomUUID().toString();
    for (String path : new String[] {"/modules/" + module, "/modules/" + unknown}) {
      HttpResponse<byte[]> got = bob.send("GET", path, Map.of(), null);
      assertThat(got.statusCode()).as(ServiceHttp.describe(got)).isEqualTo(404);
      Problems.expectProblem(got);
    }
    assertThat(ServiceHttp.text(bob.send("GET", "/modules", Map.of(), null)))
        .doesNotContain(module);
    assertThat(ServiceHttp.text(alice.send("GET", "/modules", Map.of(), null))).contains(module);
    String bobsMemory = bob.create(1);
    HttpResponse<byte[]> instantiated = instantiate(bob, module, bobsMemory);
    HttpResponse<byte[]> ofUnknown = instantiate(bob, unknown, bobsMemory);
    assertThat(instantiated.statusCode()).isEqualTo(ofUnknown.statusCode()).isEqualTo(404);
    HttpResponse<byte[]> deleted = bob.send("DELETE", "/modules/" + module, Map.of(), null);
    assertThat(deleted.statusCode()).isEqualTo(404);
    HttpResponse<byte[]> stillThere = alice.send("GET", "/modules/" + module, Map.of(), null);
    assertThat(stillThere.statusCode()).isEqualTo(200);
  }

  @Test
  void anotherOwnersInstanceIsNotFoundAndCannotBeCalled() throws Exception {
    String memory = alice.create(1);
    Snapshot before = alice.snapshot(memory);
    HttpResponse<byte[]> made = instantiate(alice, alice.uploadModule("store"), memory);
    String instance = Json.read(ServiceHttp.text(made)).get("id").asString();
    HttpResponse<byte[]> got = bob.send("GET", "/instances/" + instance, Map.of(), null);
    assertThat(got.statusCode()).as(ServiceHttp.describe(got)).isEqualTo(404);
    Problems.expectProblem(got);
    HttpResponse<byte[]> called =
        bob.json(
            "POST",
            "/instances/" + instance + "/invoke",
            "{\"function\":\"store\",\"args\":[100,42]}");
    assertThat(called.statusCode()).as(ServiceHttp.describe(called)).isEqualTo(404);
    HttpResponse<byte[]> deleted = bob.send("DELETE", "/instances/" + instance, Map.of(), null);
    assertThat(deleted.statusCode()).isEqualTo(404);
    alice.assertUnchanged(memory, before);
    assertThat(alice.send("GET", "/instances/" + instance, Map.of(), null).statusCode())
        .isEqualTo(200);
  }
}
