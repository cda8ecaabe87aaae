package dev.wasmmemory.fuzz;

import static dev.wasmmemory.fuzz.FuzzMemoryOps.JSON;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Builders for share links (create, revoke). With {@code memory.security=open} both answer 404
 * {@code not-found} once the request is well-formed (a link would restrict nothing there); with
 * {@code jwt} the fuzzer's owner makes links of its memories and revokes the ones it made.
 */
final class FuzzShareOps {
  private static final List<String> BAD_LIFETIMES =
      List.of("\"PT0S\"", "\"P31D\"", "\"1h\"", "\"\"", "\"-PT1H\"", "\"PT0.5S\"");

  private FuzzShareOps() {}

  static void createShare(FuzzDraft d) {
    FuzzRequest r = d.request;
    FuzzMemoryOps.memoryPath(d, "/shares");
    d.acceptJson(true);
    OpenApiOperations.Schema schema = d.operation.bodies().get("application/json");
    d.contentType("application/json", false);
    Map<String, String> properties = new LinkedHashMap<>();
    boolean badAccess = !d.clean() && d.random.nextInt(10) == 0;
    properties.put("access", badAccess ? "\"write\"" : "\"read\"");
    if (badAccess) {
      r.fault(400, "access other than read");
    }
    if (!d.clean() && d.random.nextInt(6) == 0) {
      properties.put("expiresIn", BAD_LIFETIMES.get(d.random.nextInt(BAD_LIFETIMES.size())));
      r.fault(400, "expiresIn not from PT1S to P30D");
    } else {
      properties.put("expiresIn", "\"PT" + (1 + d.randomUpTo(7200)) + "S\"");
    }
    FuzzMemoryOps.body(r, d.bodies.render(d.bodyKind(), properties, schema, r));
    String memoryId = r.memoryId;
    if (!d.state.sharesEnabled()) {
      r.successStatus = 404;
      return;
    }
    r.successStatus = 201;
    r.check =
        response -> {
          JsonNode share = JSON.readTree(response.body());
          boolean ok =
              memoryId.equals(share.path("memoryId").asString(""))
                  && share.path("token").asString("").startsWith("wms1.")
                  && share.path("url").asString("").contains("share=");
          return ok ? null : "a share link without its memory, token or url: " + share;
        };
    r.effect =
        response -> d.state.shared(memoryId, JSON.readTree(response.body()).path("id").asString());
  }

  static void deleteShare(FuzzDraft d) {
    FuzzRequest r = d.request;
    d.chooseMemory();
    r.memoryId = d.target == null ? null : d.target.id;
    List<String> made = d.target == null ? List.of() : d.state.shares(d.target.id);
    boolean known = !made.isEmpty() && (d.clean() || d.random.nextBoolean());
    String shareId = known ? made.get(d.random.nextInt(made.size())) : UUID.randomUUID().toString();
    r.path.append("/memories/").append(d.idText).append("/shares/").append(shareId);
    d.acceptJson(false);
    d.strayBody();
    if (!d.state.sharesEnabled()) {
      r.successStatus = 404;
      return;
    }
    if (!known) {
      r.fault(404, "an unknown share link");
    }
    r.successStatus = 204;
    String memoryId = r.memoryId;
    r.effect = response -> d.state.revoked(memoryId, shareId);
  }
}
