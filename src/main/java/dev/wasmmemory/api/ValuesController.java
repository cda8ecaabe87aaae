package dev.wasmmemory.api;

import dev.wasmmemory.memory.MemoryInstance;
import dev.wasmmemory.memory.ValueType;
import dev.wasmmemory.service.MemoryRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Arrays;
import java.util.stream.Collectors;
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
@RequestMapping(path = "/memories/{id}/values/{type}", produces = "application/json")
@Tag(name = "Values", description = "Read and write little-endian typed values")
class ValuesController {
  private static final String TYPES =
      Arrays.stream(ValueType.values()).map(ValueType::wasmName).collect(Collectors.joining(", "));

  private final MemoryRegistry registry;

  ValuesController(MemoryRegistry registry) {
    this.registry = registry;
  }

  @GetMapping
  @Operation(operationId = "readValue", summary = "Read the value of a type at offset")
  @ApiResponse(responseCode = "200", description = "The value; ETag is the memory's entity tag")
  @ApiResponse(responseCode = "304", description = "Not modified", content = @Content)
  @ApiProblems({400, 404, 422})
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
    MemoryInstance memory = registry.get(id).memory();
    long version = memory.version();
    if (EntityTags.notModified(ifNoneMatch, version)) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
          .eTag(EntityTags.header(version))
          .build();
    }
    long bits = memory.getBits(valueType, offset);
    return ResponseEntity.ok()
        .eTag(EntityTags.header(version))
        .body(TypedValues.toResponse(valueType, offset, bits));
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
  @ApiProblems({400, 404, 412, 413, 415, 422, 507})
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
    EntityTags.forMutation(registry.get(id), ifMatch).setBits(valueType, offset, bits);
    return ResponseEntity.noContent().build();
  }

  private static ValueType parse(String type) {
    return ValueType.fromWasmName(type)
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    "unknown type '" + type + "'; one of " + TYPES, "type"));
  }
}
