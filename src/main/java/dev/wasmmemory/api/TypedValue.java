package dev.wasmmemory.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** A WebAssembly value: i32 a number, i64 a decimal string, floats a number or name with bits. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(example = "{\"type\":\"i32\",\"value\":42}")
record TypedValue(
    @Schema(
            description = "i32, i64, f32, f64 (v128, funcref, externref in results only)",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String type,
    @Schema(
            description =
                "The value; i64 as a decimal string; NaN and infinities as strings; a v128 as 32"
                    + " hex digits; a reference its index, or \"null\"",
            anyOf = {Number.class, String.class},
            requiredMode = Schema.RequiredMode.REQUIRED)
        Object value,
    @Schema(description = "For floats: the raw bits, an unsigned decimal string") String bits) {}
