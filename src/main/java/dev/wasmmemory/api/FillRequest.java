package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code POST /memories/{id}/fill}: memset of {@code length} bytes from {@code offset}. */
@Schema(
    example = "{\"offset\":0,\"length\":16,\"value\":255}",
    additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record FillRequest(
    @Schema(example = "0") @NotNull @Min(0) @Max(Limits.MAX_U32) Long offset,
    @Schema(example = "16") @NotNull @Min(0) @Max(Limits.MAX_U32) Long length,
    @Schema(description = "Byte value 0..255; 0 (zero) when absent", example = "255")
        @Min(0)
        @Max(255)
        Integer value) {}
