package dev.wasmmemory.fuzz;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns a {@link FuzzCase} into a {@link FuzzRequest} for the operation it names, against the
 * fuzzer's current {@link FuzzDraft.State}. Knows, per operation id of the OpenAPI document, which
 * builder understands the operation's semantics.
 */
final class FuzzRequestFactory {
  private static final Map<String, Consumer<FuzzDraft>> BUILDERS =
      Map.ofEntries(
          Map.entry("createMemory", FuzzMemoryOps::createMemory),
          Map.entry("listMemories", FuzzMemoryOps::listMemories),
          Map.entry("getMemory", FuzzMemoryOps::getMemory),
          Map.entry("deleteMemory", FuzzMemoryOps::deleteMemory),
          Map.entry("eraseMemory", FuzzMemoryOps::eraseMemory),
          Map.entry("growMemory", FuzzMemoryOps::growMemory),
          Map.entry("fillMemory", FuzzMemoryOps::fillMemory),
          Map.entry("copyMemory", FuzzMemoryOps::copyMemory),
          Map.entry("readBytes", FuzzBytesOps::readBytes),
          Map.entry("writeBytes", FuzzBytesOps::writeBytes),
          Map.entry("readValue", FuzzValueOps::readValue),
          Map.entry("writeValue", FuzzValueOps::writeValue),
          Map.entry("createShare", FuzzShareOps::createShare),
          Map.entry("deleteShare", FuzzShareOps::deleteShare),
          Map.entry("runBatch", FuzzBatchOps::runBatch),
          Map.entry("searchMemory", FuzzSearchOps::searchMemory),
          Map.entry("createSnapshot", FuzzSnapshotOps::createSnapshot),
          Map.entry("listSnapshots", FuzzSnapshotOps::listSnapshots),
          Map.entry("getSnapshot", FuzzSnapshotOps::getSnapshot),
          Map.entry("deleteSnapshot", FuzzSnapshotOps::deleteSnapshot),
          Map.entry("readSnapshotBytes", FuzzSnapshotOps::readSnapshotBytes),
          Map.entry("restoreMemory", FuzzSnapshotOps::restoreMemory),
          Map.entry("diffMemory", FuzzSnapshotOps::diffMemory));

  private final Map<String, Set<String>> methodsByPath = new HashMap<>();

  FuzzRequestFactory(List<OpenApiOperations.Operation> operations) {
    for (OpenApiOperations.Operation operation : operations) {
      if (!BUILDERS.containsKey(operation.id())) {
        throw new IllegalStateException(
            "the OpenAPI document has an operation the fuzzer does not know: " + operation.id());
      }
      methodsByPath.computeIfAbsent(operation.path(), p -> new HashSet<>()).add(operation.method());
    }
  }

  FuzzRequest build(FuzzCase fuzzCase, FuzzDraft.State state) {
    FuzzDraft draft = new FuzzDraft(fuzzCase, state);
    BUILDERS.get(fuzzCase.operation().id()).accept(draft);
    draft.chooseMethod(methodsByPath.get(fuzzCase.operation().path()));
    if (!draft.specMethod()) {
      draft.request.effect = response -> {};
      if (!draft.request.method.equals("HEAD")) {
        draft.request.check = response -> null;
      }
    }
    return draft.request;
  }
}
