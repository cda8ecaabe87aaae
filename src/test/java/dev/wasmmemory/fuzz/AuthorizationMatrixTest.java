package dev.wasmmemory.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.testing.Json;
import dev.wasmmemory.testing.JwtDeployment;
import dev.wasmmemory.testing.Problems;
import dev.wasmmemory.testing.ServiceHttp;
import dev.wasmmemory.testing.Snapshot;
import dev.wasmmemory.testing.TestModules;
import dev.wasmmemory.testing.Tokens;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Every operation of {@code openapi/openapi.yaml} × every kind of credential, in jwt mode: the
 * status the contract gives (401 for no, a malformed, a wrongly signed or an expired token; 404 for
 * another owner's memory, as for an unknown one; 403 for a read-only scope on a change and for a
 * share link on anything but reading its memory; success for the owner) and, for every caller but
 * the owner, the target memory's bytes, size and entity tag unchanged. Each cell gets a memory of
 * its own; an operation the table has no valid request for fails the test, so that a new endpoint
 * gets its row.
 */
@JwtDeployment
class AuthorizationMatrixTest {
  private static final List<OpenApiOperations.Operation> OPERATIONS =
      OpenApiOperations.load(Path.of("openapi/openapi.yaml"));

  /**
   * A valid request's query and JSON body per operation id ({@code raw}: bytes, {@code wasm}: a
   * module; {@code {memory}} in a body is the cell's memory, {@code {snapshot}} its snapshot).
   */
  private static final Map<String, String[]> VALID =
      Map.ofEntries(
          Map.entry("listMemories", new String[] {"", null}),
          Map.entry("createMemory", new String[] {"", "{\"initialPages\":1}"}),
          Map.entry("getMemory", new String[] {"", null}),
          Map.entry("deleteMemory", new String[] {"", null}),
          Map.entry("readBytes", new String[] {"?offset=0&length=16", null}),
          Map.entry("writeBytes", new String[] {"?offset=4", "raw"}),
          Map.entry(
              "copyMemory",
              new String[] {"", "{\"sourceOffset\":0,\"destinationOffset\":8,\"length\":4}"}),
          Map.entry("eraseMemory", new String[] {"", null}),
          Map.entry("fillMemory", new String[] {"", "{\"offset\":0,\"length\":4,\"value\":9}"}),
          Map.entry("growMemory", new String[] {"", "{\"pages\":1}"}),
          Map.entry(
              "createShare", new String[] {"", "{\"access\":\"read\",\"expiresIn\":\"PT1H\"}"}),
          Map.entry("deleteShare", new String[] {"", null}),
          Map.entry("readValue", new String[] {"?offset=0", null}),
          Map.entry("searchMemory", new String[] {"?pattern=07", null}),
          Map.entry("writeValue", new String[] {"?offset=0", "{\"value\":5}"}),
          Map.entry(
              "runBatch",
              new String[] {
                "", "{\"operations\":[{\"op\":\"fill\",\"offset\":0,\"length\":2,\"value\":1}]}"
              }),
          Map.entry("createSnapshot", new String[] {"", null}),
          Map.entry("listSnapshots", new String[] {"", null}),
          Map.entry("getSnapshot", new String[] {"", null}),
          Map.entry("deleteSnapshot", new String[] {"", null}),
          Map.entry("readSnapshotBytes", new String[] {"?offset=0&length=16", null}),
          Map.entry("restoreMemory", new String[] {"", "{\"snapshotId\":\"{snapshot}\"}"}),
          Map.entry("diffMemory", new String[] {"?from={snapshot}", null}),
          Map.entry("listModules", new String[] {"", null}),
          Map.entry("uploadModule", new String[] {"", "wasm"}),
          Map.entry("getModule", new String[] {"", null}),
          Map.entry("deleteModule", new String[] {"", null}),
          Map.entry(
              "instantiateModule",
              new String[] {"", "{\"imports\":{\"env.memory\":\"{memory}\"}}"}),
          Map.entry("getInstance", new String[] {"", null}),
          Map.entry("deleteInstance", new String[] {"", null}),
          Map.entry("getExport", new String[] {"", null}),
          Map.entry("invoke", new String[] {"", "{\"function\":\"store\",\"args\":[0,7]}"}));

  enum Credential {
    NONE,
    MALFORMED,
    BAD_SIGNATURE,
    EXPIRED,
    OTHER_OWNER,
    READ_ONLY,
    OWNER,
    SHARE
  }

  @LocalServerPort int port;

  static Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    for (OpenApiOperations.Operation operation : OPERATIONS) {
      for (Credential credential : Credential.values()) {
        cells.add(Arguments.of(operation, credential));
      }
    }
    return cells.stream();
  }

  @Test
  void everyOperationOfTheSpecHasAValidRequestHere() {
    assertThat(OPERATIONS).extracting(OpenApiOperations.Operation::id).isNotEmpty();
    for (OpenApiOperations.Operation operation : OPERATIONS) {
      assertThat(VALID).as("a valid request of " + operation.id()).containsKey(operation.id());
    }
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("cells")
  void eachCallerGetsTheContractsStatusAndNoRefusalChangesAByte(
      OpenApiOperations.Operation operation, Credential credential) throws Exception {
    String subject = "matrix-" + UUID.randomUUID();
    ServiceHttp anonymous = new ServiceHttp(port);
    ServiceHttp owner = anonymous.withBearer(Tokens.of(subject));
    String id = owner.create(1, 4L);
    owner.write(id, 0, "0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    JsonNode share =
        Json.read(
            ServiceHttp.text(
                owner.json(
                    "POST",
                    "/memories/" + id + "/shares",
                    "{\"access\":\"read\",\"expiresIn\":\"PT1H\"}")));
    String module = null;
    String instance = null;
    if (!operation.path().startsWith("/memories")) {
      module = owner.uploadModule("store");
      instance = owner.instantiate(module, id);
    }
    String snapshot =
        Json.read(ServiceHttp.text(owner.json("POST", "/memories/" + id + "/snapshots", "")))
            .get("id")
            .asString();
    Snapshot before = owner.snapshot(id);

    String[] valid = VALID.get(operation.id());
    assertThat(valid).as("a valid request of " + operation.id()).isNotNull();
    String path =
        operation
                .path()
                .replace("{id}", id)
                .replace("{type}", "i32")
                .replace("{shareId}", share.get("id").asString())
                .replace("{moduleId}", String.valueOf(module))
                .replace("{instanceId}", String.valueOf(instance))
                .replace("{name}", "answer")
                .replace("{snapshotId}", snapshot)
            + valid[0].replace("{snapshot}", snapshot);
    Map<String, String> headers = new HashMap<>();
    String token = token(credential, subject, share.get("token").asString());
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    byte[] body = null;
    if ("raw".equals(valid[1])) {
      headers.put("Content-Type", "application/octet-stream");
      body = new byte[] {1, 2, 3};
    } else if ("wasm".equals(valid[1])) {
      headers.put("Content-Type", "application/wasm");
      body = TestModules.bytes("store");
    } else if (valid[1] != null) {
      headers.put("Content-Type", "application/json");
      body =
          valid[1]
              .replace("{memory}", id)
              .replace("{snapshot}", snapshot)
              .getBytes(StandardCharsets.UTF_8);
    }
    HttpResponse<byte[]> response = anonymous.send(operation.method(), path, headers, body);

    int expected = expected(operation, credential);
    assertThat(response.statusCode()).as(ServiceHttp.describe(response)).isEqualTo(expected);
    assertThat(operation.responses()).contains(Integer.toString(expected));
    if (expected == 401 || expected == 403) {
      Problems.expect(response, expected, expected == 401 ? "unauthorized" : "insufficient-scope");
      assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
    } else if (expected == 404) {
      Problems.expect(response, 404, notFoundType(operation));
    }
    if (credential == Credential.OTHER_OWNER
        && operation.id().startsWith("list")
        && !operation.path().contains("{")) {
      assertThat(ServiceHttp.text(response))
          .doesNotContain(id)
          .doesNotContain(String.valueOf(module));
    }
    if (credential != Credential.OWNER) {
      owner.assertUnchanged(id, before);
      if (module != null) {
        assertThat(owner.get("/modules/" + module).statusCode()).isEqualTo(200);
        assertThat(owner.get("/instances/" + instance).statusCode()).isEqualTo(200);
      }
    }
    if (module != null) {
      owner.send("DELETE", "/modules/" + module, Map.of(), null);
    }
  }

  private static String notFoundType(OpenApiOperations.Operation operation) {
    if (operation.path().startsWith("/modules")) {
      return "module-not-found";
    }
    return operation.path().startsWith("/instances") ? "instance-not-found" : "memory-not-found";
  }

  private static String token(Credential credential, String subject, String shareToken) {
    return switch (credential) {
      case NONE -> null;
      case MALFORMED -> "not-a-jwt";
      case BAD_SIGNATURE -> Tokens.badSignature(subject);
      case EXPIRED -> Tokens.expired(subject);
      case OTHER_OWNER -> Tokens.of("other-" + UUID.randomUUID());
      case READ_ONLY -> Tokens.of(subject, Tokens.READ);
      case OWNER -> Tokens.of(subject);
      case SHARE -> shareToken;
    };
  }

  /** What the contract gives the credential for a valid request of the operation. */
  private static int expected(OpenApiOperations.Operation operation, Credential credential) {
    boolean read = operation.method().equals("GET");
    boolean ofAMemory = operation.path().startsWith("/memories/{id}");
    boolean ofAResource = operation.path().contains("{");
    int success =
        operation.responses().stream()
            .filter(status -> status.startsWith("2"))
            .mapToInt(Integer::parseInt)
            .min()
            .orElseThrow();
    switch (credential) {
      case NONE, MALFORMED, BAD_SIGNATURE, EXPIRED:
        return 401;
      case READ_ONLY:
        return read ? success : 403;
      case SHARE:
        return read && ofAMemory ? success : 403;
      case OTHER_OWNER:
        return ofAResource ? 404 : success;
      default:
        return success;
    }
  }
}
