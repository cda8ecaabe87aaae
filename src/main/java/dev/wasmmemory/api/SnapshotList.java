package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A memory's snapshots, oldest first. */
record SnapshotList(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<SnapshotResponse> snapshots) {}
