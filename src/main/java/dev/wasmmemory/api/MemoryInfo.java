package dev.wasmmemory.api;

import dev.wasmmemory.service.MemoryStatus;
import io.swagger.v3.oas.annotations.media.Schema;

/** A memory's limits and size, as every memory resource returns them. */
@Schema(
    example =
        "{\"id\":\"3f1c2a9e-7b4d-4e8a-9c61-2d5f8e0b7a13\",\"initialPages\":1,\"maximumPages\":16,"
            + "\"currentPages\":1,\"sizeBytes\":65536}")
record MemoryInfo(
    @Schema(description = "Random, unguessable id", requiredMode = Schema.RequiredMode.REQUIRED)
        String id,
    @Schema(
            description = "Pages the memory was created with",
            requiredMode = Schema.RequiredMode.REQUIRED)
        int initialPages,
    @Schema(
            description = "The memory's own maximum in pages; null when none was given",
            nullable = true,
            requiredMode = Schema.RequiredMode.REQUIRED)
        Integer maximumPages,
    @Schema(
            description = "Current size in 64 KiB pages",
            requiredMode = Schema.RequiredMode.REQUIRED)
        int currentPages,
    @Schema(
            description = "Current size in bytes (currentPages × 65536)",
            requiredMode = Schema.RequiredMode.REQUIRED)
        long sizeBytes) {

  static MemoryInfo of(MemoryStatus status) {
    return new MemoryInfo(
        status.id(),
        status.limits().initialPages(),
        status.limits().ownMaximumOrNull(),
        status.currentPages(),
        status.sizeBytes());
  }
}
