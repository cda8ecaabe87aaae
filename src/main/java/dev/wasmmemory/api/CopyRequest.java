package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * {@code POST /memories/{id}/copy}: memmove within the memory, or from {@code sourceMemoryId} into
 * it.
 */
@Schema(
    example = "{\"sourceOffset\":0,\"destinationOffset\":8,\"length\":4,\"nonOverlapping\":false}",
    additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record CopyRequest(
    @Schema(example = "0") @NotNull @Min(0) @Max(Limits.MAX_U32) Long sourceOffset,
    @Schema(example = "8") @NotNull @Min(0) @Max(Limits.MAX_U32) Long destinationOffset,
    @Schema(example = "4") @NotNull @Min(0) @Max(Limits.MAX_U32) Long length,
    @Schema(description = "Refuse overlapping regions (422 regions-overlap) instead of memmove")
        Boolean nonOverlapping,
    @Schema(description = "Copy from this memory instead (a transfer); absent for this memory")
        String sourceMemoryId) {}
