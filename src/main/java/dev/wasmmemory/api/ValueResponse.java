package dev.wasmmemory.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A typed value read from memory. {@code i64}/{@code u64} values are decimal strings; floats are
 * numbers or {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}, and carry their raw bits.
 */
@Schema(example = "{\"type\":\"i32\",\"offset\":8,\"value\":42}")
@JsonInclude(JsonInclude.Include.NON_NULL)
record ValueResponse(
    @Schema(example = "i32", requiredMode = Schema.RequiredMode.REQUIRED) String type,
    @Schema(example = "8", requiredMode = Schema.RequiredMode.REQUIRED) long offset,
    @Schema(
            description =
                "A JSON number; a decimal string for i64 and u64; for floats a number or"
                    + " \"NaN\", \"Infinity\", \"-Infinity\"",
            anyOf = {Number.class, String.class},
            example = "42",
            requiredMode = Schema.RequiredMode.REQUIRED)
        Object value,
    @Schema(
            description = "Floats only: the raw bits as an unsigned decimal string",
            pattern = "^[0-9]{1,20}$",
            example = "1065353216")
        String bits) {}
