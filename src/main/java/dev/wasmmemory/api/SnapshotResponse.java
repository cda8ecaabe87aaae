package dev.wasmmemory.api;

import dev.wasmmemory.service.snapshot.SnapshotInfo;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.Instant;

/** A snapshot: the memory's version and size when it was taken. */
record SnapshotResponse(
    @Schema(requiredMode = RequiredMode.REQUIRED) String id,
    @Schema(description = "The memory it is a snapshot of", requiredMode = RequiredMode.REQUIRED)
        String memoryId,
    @Schema(
            description = "The memory's version then; the snapshot's bytes have ETag \"<version>\"",
            requiredMode = RequiredMode.REQUIRED)
        long version,
    @Schema(requiredMode = RequiredMode.REQUIRED) int currentPages,
    @Schema(requiredMode = RequiredMode.REQUIRED) long sizeBytes,
    @Schema(requiredMode = RequiredMode.REQUIRED) Instant createdAt) {

  static SnapshotResponse of(SnapshotInfo info) {
    return new SnapshotResponse(
        info.id(),
        info.memoryId(),
        info.version(),
        info.currentPages(),
        info.sizeBytes(),
        info.createdAt());
  }
}
