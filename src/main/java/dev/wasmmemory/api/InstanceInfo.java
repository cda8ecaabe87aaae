package dev.wasmmemory.api;

import dev.wasmmemory.module.InstanceView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** An instance: its module and the ids of its memories (by export name and import name). */
@Schema(example = "{\"id\":\"…\",\"moduleId\":\"…\",\"memories\":{\"mem\":\"…\"}}")
record InstanceInfo(String id, String moduleId, Map<String, String> memories, boolean wasi) {
  static InstanceInfo of(InstanceView view) {
    return new InstanceInfo(view.id(), view.moduleId(), view.memories(), view.wasi());
  }
}
