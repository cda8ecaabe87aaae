package dev.wasmmemory.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What a call returned; for a WASI instance also what it printed (base64) and, when the program
 * exited, its exit code.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(example = "{\"results\":[{\"type\":\"i32\",\"value\":42}]}")
record InvokeResponse(
    @Schema(
            description = "The function's results in order",
            requiredMode = Schema.RequiredMode.REQUIRED)
        List<TypedValue> results,
    @Schema(description = "WASI only: the program's exit code, when it exited") Integer exitCode,
    @Schema(description = "WASI only: what the call wrote to stdout, base64", format = "byte")
        String stdout,
    @Schema(description = "WASI only: what the call wrote to stderr, base64", format = "byte")
        String stderr) {}
