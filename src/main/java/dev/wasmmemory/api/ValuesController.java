package dev.wasmmemory.api;

import static dev.wasmmemory.api.problem.ProblemType.MEMORY_BUDGET_EXCEEDED;
import static dev.wasmmemory.api.problem.ProblemType.OUT_OF_BOUNDS;

import dev.wasmmemory.api.problem.ApiProblems;
import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.ValueType;
import dev.wasmmemory.service.MemoryService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Little-endian typed values at any byte offset (wasmi get_value, set_value). */
@RestController
@RequestMapping("/memories/{id}/values/{type}")
@Tag(name = "Values", description = "Read and write little-endian typed values")
class ValuesController {
  private final MemoryService memories;

  ValuesController(MemoryService memories) {
    this.memories = memories;
  }

  @GetMapping(produces = "application/json")
  @Operation(operationId = "readValue", summary = "Read the value of a type at offset")
  @ApiResponse(responseCode = "200", description = "The value; ETag is the memory's entity tag")
  @ApiResponse(responseCode = "304", description = "Not modified", content = @Content)
  @ApiProblems({OUT_OF_BOUNDS})
  ResponseEntity<ValueResponse> read(
      @PathVariable String id,
      @Parameter(
              description = "i8, u8, i16, u16, i32, u32, i64, u64, f32 or f64",
              schema =
                  @Schema(
                      allowableValues = {
                        "i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "f32", "f64"
                      }))
          @PathVariable
          String type,
      @RequestParam(defaultValue = "0") @Min(0) @Max(Limits.MAX_U32) long offset,
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
    ValueType valueType = parse(type);
    LinearMemory.ValueRead read = memories.readValue(id, valueType, offset);
    String tag = EntityTags.of(read.version());
    if (EntityTags.notModified(ifNoneMatch, tag)) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(tag).build();
    }
    return ResponseEntity.ok()
        .eTag(tag)
        .body(TypedValues.toResponse(valueType, offset, read.bits()));
  }

  @PutMapping(consumes = "application/json")
  @Operation(
      operationId = "writeValue",
      summary = "Write a value of a type at offset",
      description =
          "Give value (i64/u64 also as a decimal string; floats also \"NaN\", \"Infinity\","
              + " \"-Infinity\") or bits (the raw bits, keeping NaN payloads). Values outside the"
              + " type's range are refused, never wrapped.")
  @ApiResponse(responseCode = "204", description = "Written")
  @ApiProblems({OUT_OF_BOUNDS, MEMORY_BUDGET_EXCEEDED})
  ResponseEntity<Void> write(
      @PathVariable String id,
      @Parameter(
              schema =
                  @Schema(
                      allowableValues = {
                        "i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "f32", "f64"
                      }))
          @PathVariable
          String type,
      @RequestParam(defaultValue = "0") @Min(0) @Max(Limits.MAX_U32) long offset,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody ValueWriteRequest request) {
    ValueType valueType = parse(type);
    long bits = TypedValues.toBits(valueType, request);
    memories.writeValue(id, EntityTags.precondition(ifMatch), valueType, offset, bits);
    return ResponseEntity.noContent().build();
  }

  private static ValueType parse(String type) {
    return TypedValues.type(type, "type");
  }
}
