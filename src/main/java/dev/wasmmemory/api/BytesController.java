package dev.wasmmemory.api;

import dev.wasmmemory.memory.MemoryInstance;
import dev.wasmmemory.memory.OutOfBoundsException;
import dev.wasmmemory.memory.RegionView;
import dev.wasmmemory.service.MemoryRegistry;
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
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
 * A memory's bytes in three representations: raw (streamed both ways, with {@code Range}), JSON
 * with base64, and an {@code xxd} hex dump.
 */
@RestController
@RequestMapping("/memories/{id}/bytes")
@Tag(name = "Bytes", description = "Read and write a memory's bytes (wasmi get, set)")
class BytesController {
  private static final int STREAM_BUFFER = 64 * 1024;
  private static final String WRITE_SUMMARY =
      "Write bytes at offset: raw (streamed) or JSON base64";
  private static final String WRITE_DESCRIPTION =
      "The body's bytes are written from offset, all or nothing: a body that does not fit, or"
          + " that ends before its Content-Length, changes nothing.";

  private final MemoryRegistry registry;
  private final ApiSettings settings;

  BytesController(MemoryRegistry registry, ApiSettings settings) {
    this.registry = registry;
    this.settings = settings;
  }

  @GetMapping
  @Operation(
      operationId = "readBytes",
      summary = "Read bytes: raw, JSON (base64) or hex dump, chosen by Accept",
      description =
          "offset defaults to 0 and length to the rest of the memory. The raw representation"
              + " honours a single Range (206, relative to the selected region; 416 when"
              + " unsatisfiable) and streams any length. JSON and hex dump are limited to"
              + " memory.max-encoded-region bytes.")
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
  @ApiProblems({400, 404, 406, 416, 422})
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
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException, HttpMediaTypeNotAcceptableException {
    Representation representation = Representation.negotiate(accept);
    MemoryInstance memory = registry.get(id).memory();
    long version = memory.version();
    long size = memory.sizeBytes();
    long start = offset == null ? 0 : offset;
    long count = length != null ? length : Math.max(0, size - start);
    if (start > size || size - start < count) {
      throw new OutOfBoundsException(id, "offset", start, count, size);
    }
    if (EntityTags.notModified(ifNoneMatch, version)) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
          .eTag(EntityTags.header(version))
          .build();
    }
    if (representation == Representation.JSON) {
      checkEncodable(count);
      byte[] bytes = memory.get(start, count);
      return ResponseEntity.ok()
          .varyBy(HttpHeaders.ACCEPT)
          .eTag(EntityTags.header(version))
          .body(new BytesResponse(start, count, Base64.getEncoder().encodeToString(bytes)));
    }
    response.setHeader(HttpHeaders.ETAG, EntityTags.header(version));
    response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
    boolean head = "HEAD".equals(request.getMethod());
    if (representation == Representation.HEX) {
      checkEncodable(count);
      response.setContentType("text/plain;charset=US-ASCII");
      if (!head) {
        writeHexDump(memory, start, count, response);
      }
      return null;
    }
    ByteRange selected = ByteRange.select(range, count);
    response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
    response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
    response.setContentLengthLong(selected.length());
    if (selected.partial()) {
      response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
      response.setHeader(HttpHeaders.CONTENT_RANGE, selected.contentRange(count));
    }
    if (!head) {
      memory.readTo(start + selected.first(), selected.length(), response.getOutputStream());
    }
    return null;
  }

  private void checkEncodable(long count) {
    if (count > settings.maxEncodedRegion()) {
      throw new InvalidRequestException(
          "a JSON or hex dump representation holds at most "
              + settings.maxEncodedRegion()
              + " bytes; ask for a smaller length or for application/octet-stream",
          "length");
    }
  }

  private static void writeHexDump(
      MemoryInstance memory, long start, long count, HttpServletResponse response)
      throws IOException {
    try (RegionView view = memory.view(start, count)) {
      OutputStream out = new BufferedOutputStream(response.getOutputStream(), STREAM_BUFFER);
      HexDump dump = new HexDump(out, start);
      view.forEachChunk(dump::write);
      dump.finish();
      out.flush();
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
  @ApiProblems({400, 404, 412, 413, 415, 422, 507})
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
    MemoryInstance memory = EntityTags.forMutation(registry.get(id), ifMatch);
    memory.writeFrom(offset, request.getContentLengthLong(), request.getInputStream());
    return ResponseEntity.noContent().build();
  }

  @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "writeBytes", summary = WRITE_SUMMARY, description = WRITE_DESCRIPTION)
  @ApiResponse(responseCode = "204", description = "Written")
  @ApiProblems({400, 404, 412, 413, 415, 422, 507})
  ResponseEntity<Void> writeJson(
      @PathVariable String id,
      @RequestParam(defaultValue = "0") @Min(0) @Max(Limits.MAX_U32) long offset,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody BytesWriteRequest body) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(body.data());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("'data' is not standard base64: " + e.getMessage(), "data");
    }
    EntityTags.forMutation(registry.get(id), ifMatch).set(offset, bytes);
    return ResponseEntity.noContent().build();
  }
}
