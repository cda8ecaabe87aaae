package dev.wasmmemory.api;

import static dev.wasmmemory.api.problem.ProblemType.MEMORY_BUDGET_EXCEEDED;
import static dev.wasmmemory.api.problem.ProblemType.OUT_OF_BOUNDS;
import static dev.wasmmemory.api.problem.ProblemType.RANGE_NOT_SATISFIABLE;

import dev.wasmmemory.api.problem.ApiProblems;
import dev.wasmmemory.service.BytesRegion;
import dev.wasmmemory.service.MemoryService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A memory's bytes in three representations: raw (streamed both ways, with {@code Range} and {@code
 * If-Range}), JSON with base64, and an {@code xxd} hex dump. Each answer's entity tag is read with
 * its bytes, and is the representation's own.
 */
@RestController
@RequestMapping("/memories/{id}/bytes")
@Tag(name = "Bytes", description = "Read and write a memory's bytes (wasmi get, set)")
class BytesController {
  private static final String WRITE_SUMMARY =
      "Write bytes at offset: raw (streamed) or JSON base64";
  private static final String WRITE_DESCRIPTION =
      "The body's bytes are written from offset, all or nothing: a body that does not fit, or"
          + " that ends before its Content-Length, changes nothing. An empty body writes nothing.";

  private final MemoryService memories;
  private final ApiSettings settings;

  BytesController(MemoryService memories, ApiSettings settings) {
    this.memories = memories;
    this.settings = settings;
  }

  @GetMapping
  @Operation(
      operationId = "readBytes",
      summary = "Read bytes: raw, JSON (base64) or hex dump, chosen by Accept",
      description =
          "offset defaults to 0 and length to the rest of the memory. The raw representation"
              + " honours a single Range (206, relative to the selected region; 416 when"
              + " unsatisfiable), also under If-Range, and streams any length. JSON and hex dump"
              + " are limited to memory.max-encoded-region bytes. Each representation has its"
              + " own entity tag.")
  @ApiResponse(
      responseCode = "200",
      description = "The bytes",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
            schema = @Schema(type = "string", format = "binary")),
        @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = BytesResponse.class)),
        @Content(
            mediaType = MediaType.TEXT_PLAIN_VALUE,
            schema =
                @Schema(
                    type = "string",
                    example =
                        "00000000: 4865 6c6c 6f00 0000 0000 0000 0000 0000  Hello..........."))
      })
  @ApiResponse(
      responseCode = "206",
      description = "The requested range of the raw bytes, with Content-Range",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
              schema = @Schema(type = "string", format = "binary")))
  @ApiResponse(
      responseCode = "304",
      description = "Not modified since the If-None-Match tag",
      content = @Content)
  @ApiProblems({RANGE_NOT_SATISFIABLE, OUT_OF_BOUNDS})
  ResponseEntity<BytesResponse> read(
      @PathVariable String id,
      @Parameter(description = "First byte, 0..2^32-1; 0 when absent")
          @RequestParam(required = false)
          @Min(0)
          @Max(Limits.MAX_U32)
          Long offset,
      @Parameter(description = "Bytes to read; the rest of the memory when absent")
          @RequestParam(required = false)
          @Min(0)
          @Max(Limits.MAX_U32)
          Long length,
      @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false)
          String accept,
      @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
      @RequestHeader(name = HttpHeaders.IF_RANGE, required = false) String ifRange,
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException, HttpMediaTypeNotAcceptableException {
    Representation representation = Representation.negotiate(accept);
    try (BytesRegion region = memories.read(id, offset == null ? 0 : offset, length)) {
      return RegionResponses.respond(
          id,
          region,
          representation,
          settings.maxEncodedRegion(),
          range,
          ifRange,
          ifNoneMatch,
          request,
          response);
    }
  }

  @PutMapping(consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
  @Operation(operationId = "writeBytes", summary = WRITE_SUMMARY, description = WRITE_DESCRIPTION)
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
              schema = @Schema(type = "string", format = "binary")))
  @ApiResponse(responseCode = "204", description = "Written")
  @ApiProblems({OUT_OF_BOUNDS, MEMORY_BUDGET_EXCEEDED})
  ResponseEntity<Void> writeRaw(
      @PathVariable String id,
      @Parameter(description = "First byte to write, 0..2^32-1")
          @RequestParam(defaultValue = "0")
          @Min(0)
          @Max(Limits.MAX_U32)
          long offset,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      HttpServletRequest request)
      throws IOException {
    memories.writeFrom(
        id,
        EntityTags.precondition(ifMatch),
        offset,
        request.getContentLengthLong(),
        request.getInputStream());
    return ResponseEntity.noContent().build();
  }

  @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "writeBytes", summary = WRITE_SUMMARY, description = WRITE_DESCRIPTION)
  @ApiResponse(responseCode = "204", description = "Written")
  @ApiProblems({OUT_OF_BOUNDS, MEMORY_BUDGET_EXCEEDED})
  ResponseEntity<Void> writeJson(
      @PathVariable String id,
      @RequestParam(defaultValue = "0") @Min(0) @Max(Limits.MAX_U32) long offset,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody BytesWriteRequest body) {
    byte[] bytes = Base64Text.decode(body.data());
    memories.write(id, EntityTags.precondition(ifMatch), offset, bytes);
    return ResponseEntity.noContent().build();
  }
}
