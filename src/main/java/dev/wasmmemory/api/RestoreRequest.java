package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;

/** {@code POST /memories/{id}/restore}: which of the memory's snapshots to take back. */
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record RestoreRequest(
    @Schema(
            description = "One of this memory's snapshots",
            requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank
        String snapshotId) {}
