package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code PUT …/values/{type}}: exactly one of {@code value} (a number; for i64/u64 also a decimal
 * string; for floats also "NaN", "Infinity", "-Infinity") or {@code bits} (the raw bits, an
 * unsigned decimal string or number).
 */
@Schema(example = "{\"value\":42}")
record ValueWriteRequest(
    @Schema(description = "The value", example = "42") JsonScalar value,
    @Schema(
            description = "The raw bits instead of value, as an unsigned decimal string",
            example = "1065353216")
        JsonScalar bits) {}
