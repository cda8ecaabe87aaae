package dev.wasmmemory.api;

import static dev.wasmmemory.api.problem.ProblemType.OUT_OF_BOUNDS;
import static dev.wasmmemory.api.problem.ProblemType.RANGE_NOT_SATISFIABLE;
import static dev.wasmmemory.api.problem.ProblemType.SNAPSHOTS_UNSUPPORTED;
import static dev.wasmmemory.api.problem.ProblemType.SNAPSHOT_LIMIT_EXCEEDED;
import static dev.wasmmemory.api.problem.ProblemType.SNAPSHOT_NOT_FOUND;

import dev.wasmmemory.api.problem.ApiProblems;
import dev.wasmmemory.service.BytesRegion;
import dev.wasmmemory.service.snapshot.SnapshotInfo;
import dev.wasmmemory.service.snapshot.SnapshotService;
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
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Snapshots of a memory (copy-on-write: taking one copies no byte), their bytes, restoring one, and
 * the diff between two instants. A snapshot is its memory's: who may not see the memory gets a 404
 * for it too.
 */
@RestController
@Tag(name = "Snapshots", description = "Keep a memory's past: snapshots, restore, diff")
class SnapshotController {
  private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

  private final SnapshotService snapshots;
  private final ApiSettings settings;

  SnapshotController(SnapshotService snapshots, ApiSettings settings) {
    this.snapshots = snapshots;
    this.settings = settings;
  }

  @PostMapping(path = "/memories/{id}/snapshots", produces = JSON)
  @Operation(
      operationId = "createSnapshot",
      summary = "Take a snapshot of the memory now (copy-on-write: no byte is copied)")
  @ApiResponse(responseCode = "201", description = "Taken; Location names it")
  @ApiProblems({SNAPSHOT_LIMIT_EXCEEDED, SNAPSHOTS_UNSUPPORTED})
  ResponseEntity<SnapshotResponse> create(@PathVariable String id) {
    SnapshotInfo taken = snapshots.take(id);
    return ResponseEntity.created(URI.create("/memories/" + id + "/snapshots/" + taken.id()))
        .body(SnapshotResponse.of(taken));
  }

  @GetMapping(path = "/memories/{id}/snapshots", produces = JSON)
  @Operation(operationId = "listSnapshots", summary = "The memory's snapshots, oldest first")
  @ApiResponse(responseCode = "200", description = "The snapshots")
  @ApiProblems({SNAPSHOTS_UNSUPPORTED})
  SnapshotList list(@PathVariable String id) {
    return new SnapshotList(snapshots.list(id).stream().map(SnapshotResponse::of).toList());
  }

  @GetMapping(path = "/memories/{id}/snapshots/{snapshotId}", produces = JSON)
  @Operation(operationId = "getSnapshot", summary = "One snapshot of the memory")
  @ApiResponse(responseCode = "200", description = "The snapshot")
  @ApiProblems({SNAPSHOT_NOT_FOUND, SNAPSHOTS_UNSUPPORTED})
  SnapshotResponse get(@PathVariable String id, @PathVariable String snapshotId) {
    return SnapshotResponse.of(snapshots.get(id, snapshotId));
  }

  @DeleteMapping("/memories/{id}/snapshots/{snapshotId}")
  @Operation(
      operationId = "deleteSnapshot",
      summary = "Delete a snapshot; the pages only it held go back to the budget")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiProblems({SNAPSHOT_NOT_FOUND, SNAPSHOTS_UNSUPPORTED})
  ResponseEntity<Void> delete(@PathVariable String id, @PathVariable String snapshotId) {
    snapshots.delete(id, snapshotId);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/memories/{id}/snapshots/{snapshotId}/bytes")
  @Operation(
      operationId = "readSnapshotBytes",
      summary = "A snapshot's bytes, served exactly as a memory's (raw, JSON, hex dump, Range)",
      description =
          "As readBytes: offset defaults to 0, length to the rest; the entity tag is that of the"
              + " memory's bytes at the snapshot's version, and never changes.")
  @ApiResponse(
      responseCode = "200",
      description = "The bytes",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
            schema = @Schema(type = "string", format = "binary")),
        @Content(mediaType = JSON, schema = @Schema(implementation = BytesResponse.class)),
        @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string"))
      })
  @ApiResponse(
      responseCode = "206",
      description = "The requested range of the raw bytes, with Content-Range",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
              schema = @Schema(type = "string", format = "binary")))
  @ApiResponse(responseCode = "304", description = "Not modified", content = @Content)
  @ApiProblems({SNAPSHOT_NOT_FOUND, RANGE_NOT_SATISFIABLE, OUT_OF_BOUNDS, SNAPSHOTS_UNSUPPORTED})
  ResponseEntity<BytesResponse> bytes(
      @PathVariable String id,
      @PathVariable String snapshotId,
      @Parameter(description = "First byte, 0..2^32-1; 0 when absent")
          @RequestParam(required = false)
          @Min(0)
          @Max(Limits.MAX_U32)
          Long offset,
      @Parameter(description = "Bytes to read; the rest of the snapshot when absent")
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
    try (BytesRegion region = snapshots.read(id, snapshotId, offset == null ? 0 : offset, length)) {
      return RegionResponses.respond(
          snapshotId,
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

  @PostMapping(path = "/memories/{id}/restore", consumes = JSON)
  @Operation(
      operationId = "restoreMemory",
      summary = "Make the memory's bytes and size a snapshot's again, as one mutation",
      description =
          "The snapshot stays. The memory gets a new version (ETag), and its subscribers a"
              + " restore event. A snapshot of another memory is a 400.")
  @ApiResponse(responseCode = "204", description = "Restored; ETag is the memory's new tag")
  @ApiProblems({SNAPSHOT_NOT_FOUND, SNAPSHOTS_UNSUPPORTED})
  ResponseEntity<Void> restore(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody RestoreRequest request) {
    long version = snapshots.restore(id, EntityTags.precondition(ifMatch), request.snapshotId());
    return ResponseEntity.noContent().eTag(EntityTags.of(version)).build();
  }

  @GetMapping(path = "/memories/{id}/diff", produces = JSON)
  @Operation(
      operationId = "diffMemory",
      summary = "The bytes that differ between two snapshots, or a snapshot and now",
      description =
          "Pages that both instants still share are skipped unread: the cost grows with the"
              + " pages that changed. A snapshot of another memory is a 400.")
  @ApiResponse(responseCode = "200", description = "The differing ranges")
  @ApiProblems({SNAPSHOT_NOT_FOUND, SNAPSHOTS_UNSUPPORTED})
  DiffResponse diff(
      @PathVariable String id,
      @Parameter(description = "The snapshot to compare from") @RequestParam String from,
      @Parameter(description = "The snapshot to compare to; the memory now when absent")
          @RequestParam(required = false)
          String to) {
    return DiffResponse.of(snapshots.diff(id, from, to));
  }
}
