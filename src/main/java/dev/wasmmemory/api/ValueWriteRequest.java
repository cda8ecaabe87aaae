package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code PUT …/values/{type}}: exactly one of {@code value} (a number; for i64/u64 also a decimal
 * string; for floats also "NaN", "Infinity", "-Infinity") or {@code bits} (the raw bits, an
 * unsigned decimal string).
 */
@Schema(
    example = "{\"value\":42}",
    description = "Exactly one of value and bits",
    minProperties = 1,
    maxProperties = 1,
    additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record ValueWriteRequest(
    @Schema(
            description =
                "The value: a number; for i64 and u64 also a decimal string; for floats also"
                    + " \"NaN\", \"Infinity\" or \"-Infinity\"",
            example = "42")
        JsonScalar value,
    @Schema(
            description = "The raw bits instead of value, as an unsigned decimal string",
            type = "string",
            pattern = "^[0-9]{1,20}$",
            example = "1065353216")
        JsonScalar bits) {}
