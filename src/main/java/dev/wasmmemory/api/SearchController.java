package dev.wasmmemory.api;

import static dev.wasmmemory.api.problem.ProblemType.OUT_OF_BOUNDS;

import dev.wasmmemory.api.problem.ApiProblems;
import dev.wasmmemory.memory.ValueType;
import dev.wasmmemory.service.MemoryService;
import dev.wasmmemory.service.search.SearchQuery;
import dev.wasmmemory.service.search.SearchResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Search a memory for bytes or a typed value, a page of matches at a time. */
@RestController
class SearchController {
  /** The longest pattern, in bytes. */
  static final int MAX_PATTERN = 1024;

  static final int MAX_LIMIT = 1000;

  private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2})+");
  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

  private final MemoryService memories;

  SearchController(MemoryService memories) {
    this.memories = memories;
  }

  @GetMapping(path = "/memories/{id}/search", produces = "application/json")
  @Operation(
      operationId = "searchMemory",
      summary = "Find a byte pattern or a typed value in a region",
      description =
          "Give pattern (hex, up to 1024 bytes) or type and value (the value's little-endian"
              + " bytes, as PUT …/values/{type} writes them). Matches lie wholly within [from,"
              + " to), begin at multiples of align (default 1 for a pattern, the type's width for"
              + " a value), may cross page boundaries and do not overlap; pages never written are"
              + " skipped unless the pattern is all zeros. At most limit matches; next is the"
              + " from of the following page. ETag names the version searched (one instant).")
  @ApiResponse(responseCode = "200", description = "A page of matches")
  @ApiProblems({OUT_OF_BOUNDS})
  ResponseEntity<SearchResponse> search(
      @PathVariable String id,
      @Parameter(description = "Bytes to find, in hex (e.g. deadbeef)")
          @RequestParam(required = false)
          String pattern,
      @Parameter(
              description = "A value type instead of pattern",
              schema =
                  @Schema(
                      allowableValues = {
                        "i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "f32", "f64"
                      }))
          @RequestParam(required = false)
          String type,
      @Parameter(
              description =
                  "The value of type: a number (i64/u64 any 64-bit integer; floats also NaN,"
                      + " Infinity, -Infinity)")
          @RequestParam(required = false)
          String value,
      @Parameter(description = "Matches begin at multiples of it")
          @RequestParam(required = false)
          @Min(1)
          @Max(65536)
          Long align,
      @RequestParam(defaultValue = "0") @Min(0) @Max(Limits.MAX_U32) long from,
      @Parameter(description = "The end of the region (default: the memory's size)")
          @RequestParam(required = false)
          @Min(0)
          @Max(Limits.MAX_U32 + 1)
          Long to,
      @RequestParam(defaultValue = "100") @Min(1) @Max(MAX_LIMIT) int limit) {
    byte[] bytes;
    long defaultAlign;
    if (pattern != null) {
      if (type != null || value != null) {
        throw new InvalidRequestException("give pattern, or type and value, not both", "pattern");
      }
      bytes = hex(pattern);
      defaultAlign = 1;
    } else if (type != null) {
      ValueType valueType = TypedValues.type(type, "type");
      bytes = valueBytes(valueType, value);
      defaultAlign = valueType.width();
    } else {
      throw new InvalidRequestException("give pattern, or type and value", "pattern");
    }
    SearchResult result =
        memories.search(
            id,
            new SearchQuery(
                bytes, align == null ? defaultAlign : align, from, to == null ? -1 : to, limit));
    return ResponseEntity.ok()
        .eTag(EntityTags.of(result.version()))
        .body(new SearchResponse(result.matches(), result.next()));
  }

  private static byte[] hex(String pattern) {
    if (!HEX.matcher(pattern).matches() || pattern.length() > 2 * MAX_PATTERN) {
      throw new InvalidRequestException(
          "'pattern' must be 1 to " + MAX_PATTERN + " bytes in hex, two digits each", "pattern");
    }
    return HexFormat.of().parseHex(pattern);
  }

  private static byte[] valueBytes(ValueType type, String value) {
    if (value == null) {
      throw new InvalidRequestException("give the value of type " + type.wasmName(), "value");
    }
    JsonScalar scalar = new JsonScalar(value, JSON_NUMBER.matcher(value).matches());
    long bits = TypedValues.toBits(type, new ValueWriteRequest(scalar, null));
    byte[] bytes = new byte[type.width()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (bits >>> (8 * i));
    }
    return bytes;
  }
}
