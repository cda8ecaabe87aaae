package dev.wasmmemory.api;

import dev.wasmmemory.module.InstanceView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** An instance: its module and the ids of its memories (by export name and import name). */
@Schema(
    example =
        "{\"id\":\"5b7e0c1d-2a3f-4e9b-8c6d-1f0a2b3c4d5e\",\"moduleId\":"
            + "\"8e0b7a13-3f1c-4a9e-9c61-2d5f7b4d4e8a\",\"memories\":{\"env.memory\":"
            + "\"3f1c2a9e-7b4d-4e8a-9c61-2d5f8e0b7a13\"},\"wasi\":false}")
record InstanceInfo(
    @Schema(description = "Random, unguessable id", requiredMode = Schema.RequiredMode.REQUIRED)
        String id,
    @Schema(description = "The module it instantiates", requiredMode = Schema.RequiredMode.REQUIRED)
        String moduleId,
    @Schema(
            description =
                "The stored memories it uses: imported ones by import name, its own by export name",
            requiredMode = Schema.RequiredMode.REQUIRED)
        Map<String, String> memories,
    @Schema(description = "Whether it has WASI", requiredMode = Schema.RequiredMode.REQUIRED)
        boolean wasi) {
  static InstanceInfo of(InstanceView view) {
    return new InstanceInfo(view.id(), view.moduleId(), view.memories(), view.wasi());
  }
}
