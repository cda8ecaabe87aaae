package dev.wasmmemory.module;

import dev.wasmmemory.module.ModuleDescription.Export;
import dev.wasmmemory.module.ModuleDescription.Import;
import dev.wasmmemory.module.ModuleDescription.Kind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An instance as clients see it: its module and its memories' ids, by export name (and, for
 * imported memories, by the import's {@code module.name} too).
 */
public record InstanceView(String id, String moduleId, Map<String, String> memories, boolean wasi) {

  static InstanceView of(LiveInstance instance) {
    InstanceRecord record = instance.record();
    Map<String, String> memories = new LinkedHashMap<>();
    int index = 0;
    for (Import imported : instance.module().description().imports()) {
      if (imported.kind() == Kind.MEMORY) {
        memories.put(imported.qualifiedName(), record.memories().get(index++));
      }
    }
    for (Export export : instance.module().description().exports()) {
      if (export.kind() == Kind.MEMORY) {
        memories.put(export.name(), instance.export(export).memoryId());
      }
    }
    return new InstanceView(record.id(), record.moduleId(), memories, record.wasi() != null);
  }
}
