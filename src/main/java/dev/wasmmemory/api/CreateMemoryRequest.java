package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * {@code POST /memories}: the limits of a new memory, in 64 KiB pages, or the source of a clone (a
 * snapshot or a memory, whose size and maximum the clone takes).
 */
@Schema(
    example = "{\"initialPages\":1,\"maximumPages\":16}",
    additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record CreateMemoryRequest(
    @Schema(
            description = "Initial size in pages, 0..65536; required unless the memory is a clone",
            example = "1")
        @Min(0)
        @Max(65536)
        Long initialPages,
    @Schema(
            description = "Maximum size in pages, 0..65536; absent for none (65536 applies)",
            example = "16")
        @Min(0)
        @Max(65536)
        Long maximumPages,
    @Schema(description = "A clone of this snapshot (of a memory the caller may read)")
        String fromSnapshot,
    @Schema(description = "A clone of this memory as it is now") String fromMemory) {}
