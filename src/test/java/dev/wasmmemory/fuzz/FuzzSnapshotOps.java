package dev.wasmmemory.fuzz;

import static dev.wasmmemory.fuzz.FuzzMemoryOps.JSON;

import dev.wasmmemory.testing.MemoryModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builders for snapshots: take (the model of the memory is kept as the snapshot's), list, get,
 * read, diff, delete, and restore (the memory's model becomes the snapshot's). A snapshot id is one
 * the fuzzer took of that memory, or an unknown one (404).
 */
final class FuzzSnapshotOps {
  private FuzzSnapshotOps() {}

  static void createSnapshot(FuzzDraft d) {
    FuzzRequest r = d.request;
    FuzzMemoryOps.memoryPath(d, "/snapshots");
    d.acceptJson(true);
    d.strayBody();
    r.successStatus = 201;
    MemoryModel target = d.target;
    if (target != null) {
      r.effect =
          response ->
              d.state
                  .snapshots(target.id)
                  .put(JSON.readTree(response.body()).path("id").asString(), target.copy());
    }
  }

  static void listSnapshots(FuzzDraft d) {
    FuzzMemoryOps.memoryPath(d, "/snapshots");
    d.acceptJson(true);
    d.strayBody();
    d.request.successStatus = 200;
  }

  static void getSnapshot(FuzzDraft d) {
    snapshotPath(d, "");
    d.acceptJson(true);
    d.strayBody();
    d.request.successStatus = 200;
  }

  static void readSnapshotBytes(FuzzDraft d) {
    snapshotPath(d, "/bytes");
    d.request.query("offset", "0");
    d.request.query("length", "0");
    d.acceptJson(true);
    d.strayBody();
    d.request.successStatus = 200;
  }

  static void deleteSnapshot(FuzzDraft d) {
    String snapshot = snapshotPath(d, "");
    d.acceptJson(false);
    d.strayBody();
    d.request.successStatus = 204;
    MemoryModel target = d.target;
    if (target != null && snapshot != null) {
      d.request.effect = response -> d.state.snapshots(target.id).remove(snapshot);
    }
  }

  static void restoreMemory(FuzzDraft d) {
    FuzzRequest r = d.request;
    FuzzMemoryOps.memoryPath(d, "/restore");
    d.acceptJson(false);
    d.ifMatch();
    String snapshot = chooseSnapshot(d);
    OpenApiOperations.Schema schema = d.operation.bodies().get("application/json");
    d.contentType("application/json", false);
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("snapshotId", "\"" + (snapshot != null ? snapshot : unknown(d)) + "\"");
    FuzzMemoryOps.body(r, d.bodies.render(d.bodyKind(), properties, schema, r));
    r.successStatus = 204;
    MemoryModel target = d.target;
    if (target != null && snapshot != null) {
      MemoryModel taken = d.state.snapshots(target.id).get(snapshot);
      r.effect = response -> target.restore(taken);
    }
  }

  static void diffMemory(FuzzDraft d) {
    FuzzMemoryOps.memoryPath(d, "/diff");
    d.acceptJson(true);
    d.strayBody();
    String snapshot = chooseSnapshot(d);
    d.request.query("from", snapshot != null ? snapshot : unknown(d));
    d.request.successStatus = 200;
  }

  /** Puts {@code /memories/{id}/snapshots/{sid}<suffix>} in the path; answers the known sid. */
  private static String snapshotPath(FuzzDraft d, String suffix) {
    d.chooseMemory();
    d.request.memoryId = d.target == null ? null : d.target.id;
    String snapshot = chooseSnapshot(d);
    d.request
        .path
        .append("/memories/")
        .append(d.idText)
        .append("/snapshots/")
        .append(snapshot != null ? snapshot : unknown(d))
        .append(suffix);
    return snapshot;
  }

  /** A snapshot the fuzzer took of the target, or null (then the request names an unknown one). */
  private static String chooseSnapshot(FuzzDraft d) {
    List<String> taken =
        d.target == null ? List.of() : new ArrayList<>(d.state.snapshots(d.target.id).keySet());
    boolean known = !taken.isEmpty() && (d.clean() || d.random.nextInt(4) > 0);
    return known ? taken.get(d.random.nextInt(taken.size())) : null;
  }

  private static String unknown(FuzzDraft d) {
    if (d.target != null) {
      d.request.fault(404, "an unknown snapshot");
    }
    return UUID.randomUUID().toString();
  }
}
