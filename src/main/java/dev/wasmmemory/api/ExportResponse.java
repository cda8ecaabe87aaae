package dev.wasmmemory.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** An export's current value: a global's typed value, or a memory's id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(example = "{\"kind\":\"global\",\"type\":\"i32\",\"value\":7}")
record ExportResponse(
    @Schema(description = "global or memory", requiredMode = Schema.RequiredMode.REQUIRED)
        String kind,
    @Schema(description = "A global's type") String type,
    @Schema(
            description =
                "A global's value, as results are: a number, an i64 as a decimal string, a float"
                    + " as a number or \"NaN\", \"Infinity\", \"-Infinity\"",
            anyOf = {Number.class, String.class})
        Object value,
    @Schema(description = "A float global's raw bits, an unsigned decimal string") String bits,
    @Schema(description = "A memory's id: a stored memory like any other") String memoryId) {}
