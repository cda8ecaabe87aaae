package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code POST /memories}: the limits of a new memory, in 64 KiB pages. */
@Schema(
    example = "{\"initialPages\":1,\"maximumPages\":16}",
    additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record CreateMemoryRequest(
    @Schema(description = "Initial size in pages, 0..65536", example = "1")
        @NotNull
        @Min(0)
        @Max(65536)
        Long initialPages,
    @Schema(
            description = "Maximum size in pages, 0..65536; absent for none (65536 applies)",
            example = "16")
        @Min(0)
        @Max(65536)
        Long maximumPages) {}
