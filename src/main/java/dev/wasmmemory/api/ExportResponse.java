package dev.wasmmemory.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** An export's current value: a global's typed value, or a memory's id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(example = "{\"kind\":\"global\",\"type\":\"i32\",\"value\":7}")
record ExportResponse(String kind, String type, Object value, String bits, String memoryId) {}
