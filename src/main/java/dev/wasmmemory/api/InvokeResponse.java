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
record InvokeResponse(List<TypedValue> results, Integer exitCode, String stdout, String stderr) {}
