package dev.wasmmemory.api;

import static dev.wasmmemory.api.problem.ProblemType.GROW_LIMIT_EXCEEDED;
import static dev.wasmmemory.api.problem.ProblemType.MEMORY_BUDGET_EXCEEDED;
import static dev.wasmmemory.api.problem.ProblemType.MEMORY_LIMIT_EXCEEDED;
import static dev.wasmmemory.api.problem.ProblemType.NOT_FOUND;
import static dev.wasmmemory.api.problem.ProblemType.OUT_OF_BOUNDS;
import static dev.wasmmemory.api.problem.ProblemType.REGIONS_OVERLAP;
import static dev.wasmmemory.api.problem.ProblemType.SNAPSHOT_NOT_FOUND;

import dev.wasmmemory.api.problem.ApiProblems;
import dev.wasmmemory.service.CopyOperation;
import dev.wasmmemory.service.MemoryService;
import dev.wasmmemory.service.MemoryStatus;
import dev.wasmmemory.service.snapshot.SnapshotService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The memories themselves: create, list, inspect, drop, and the whole-memory operations. Only the
 * operations with a body declare what they produce, so that an {@code Accept} can make no 204 a
 * 406. Every operation on an id can be a 400: the container refuses a path with an encoded {@code
 * /} or NUL before any of them runs.
 */
@RestController
@RequestMapping("/memories")
@Tag(name = "Memories", description = "Create, inspect, grow, copy, fill, erase and drop memories")
class MemoryController {
  private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

  private final MemoryService memories;
  private final SnapshotService snapshots;
  private final ApiSettings settings;

  MemoryController(MemoryService memories, SnapshotService snapshots, ApiSettings settings) {
    this.memories = memories;
    this.snapshots = snapshots;
    this.settings = settings;
  }

  @PostMapping(consumes = JSON, produces = JSON)
  @Operation(
      operationId = "createMemory",
      summary = "Create a zeroed memory (wasmi alloc), or a clone of a snapshot or a memory",
      description =
          "Give initialPages (and maximumPages), or one of fromSnapshot and fromMemory: the"
              + " clone has its source's bytes, size and maximum, and its pages are paid for.")
  @ApiResponse(responseCode = "201", description = "Created; Location names the new memory")
  @ApiProblems({MEMORY_LIMIT_EXCEEDED, MEMORY_BUDGET_EXCEEDED, SNAPSHOT_NOT_FOUND})
  ResponseEntity<MemoryInfo> create(@Valid @RequestBody CreateMemoryRequest request) {
    MemoryStatus created = created(request);
    return ResponseEntity.created(URI.create("/memories/" + created.id()))
        .eTag(EntityTags.of(created.version()))
        .body(MemoryInfo.of(created));
  }

  private MemoryStatus created(CreateMemoryRequest request) {
    boolean clone = request.fromSnapshot() != null || request.fromMemory() != null;
    if (!clone) {
      if (request.initialPages() == null) {
        throw new InvalidRequestException(
            "'initialPages' is required (or fromSnapshot or fromMemory, for a clone)",
            "initialPages");
      }
      return memories.create(request.initialPages(), request.maximumPages());
    }
    if (request.fromSnapshot() != null && request.fromMemory() != null) {
      throw new InvalidRequestException(
          "a clone has one source: give fromSnapshot or fromMemory, not both", "fromMemory");
    }
    if (request.initialPages() != null || request.maximumPages() != null) {
      throw new InvalidRequestException(
          "a clone takes its size and maximum from its source: leave out initialPages and"
              + " maximumPages",
          request.initialPages() != null ? "initialPages" : "maximumPages");
    }
    return request.fromSnapshot() != null
        ? snapshots.cloneSnapshot(request.fromSnapshot())
        : snapshots.cloneMemory(request.fromMemory());
  }

  @GetMapping(produces = JSON)
  @Operation(
      operationId = "listMemories",
      summary = "List every memory, oldest first",
      description = "404 /problems/not-found when memory.list-enabled is false")
  @ApiResponse(responseCode = "200", description = "Every memory, oldest first")
  @ApiProblems({NOT_FOUND})
  MemoryList list() {
    if (!settings.listEnabled()) {
      throw new ListingDisabledException();
    }
    return new MemoryList(memories.list().stream().map(MemoryInfo::of).toList());
  }

  @GetMapping(path = "/{id}", produces = JSON)
  @Operation(
      operationId = "getMemory",
      summary = "A memory's limits and size (wasmi initial, maximum, current_size)")
  @ApiResponse(responseCode = "200", description = "The memory; ETag is its current entity tag")
  @ApiResponse(responseCode = "304", description = "Not modified", content = @Content)
  ResponseEntity<MemoryInfo> get(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
    MemoryStatus status = memories.status(id);
    String tag = EntityTags.of(status.version());
    if (EntityTags.notModified(ifNoneMatch, tag)) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(tag).build();
    }
    return ResponseEntity.ok().eTag(tag).body(MemoryInfo.of(status));
  }

  @DeleteMapping("/{id}")
  @Operation(
      operationId = "deleteMemory",
      summary = "Drop a memory and give its pages back",
      description = "With If-Match, only if no write came in since the tag was read")
  @ApiResponse(responseCode = "204", description = "Dropped")
  ResponseEntity<Void> delete(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    memories.delete(id, EntityTags.precondition(ifMatch));
    return ResponseEntity.noContent().build();
  }

  @PostMapping(path = "/{id}/grow", consumes = JSON, produces = JSON)
  @Operation(
      operationId = "growMemory",
      summary = "Grow by a number of pages; returns the previous size (wasmi grow)")
  @ApiResponse(responseCode = "200", description = "The size before and after")
  @ApiProblems({GROW_LIMIT_EXCEEDED})
  GrowResponse grow(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody GrowRequest request) {
    long pages = request.pages();
    int previous = memories.grow(id, EntityTags.precondition(ifMatch), pages);
    return new GrowResponse(previous, previous + (int) pages);
  }

  @PostMapping(path = "/{id}/fill", consumes = JSON)
  @Operation(
      operationId = "fillMemory",
      summary = "Set length bytes from offset to value, 0 by default (wasmi clear, zero)")
  @ApiResponse(responseCode = "204", description = "Filled")
  @ApiProblems({OUT_OF_BOUNDS, MEMORY_BUDGET_EXCEEDED})
  ResponseEntity<Void> fill(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody FillRequest request) {
    byte value = (byte) (request.value() == null ? 0 : request.value());
    memories.fill(id, EntityTags.precondition(ifMatch), request.offset(), request.length(), value);
    return ResponseEntity.noContent().build();
  }

  @PostMapping(path = "/{id}/copy", consumes = JSON)
  @ApiResponse(responseCode = "204", description = "Copied")
  @Operation(
      operationId = "copyMemory",
      summary = "Copy a region within this memory, or from sourceMemoryId into it",
      description =
          "memmove semantics: overlapping regions copy as if through a buffer, unless"
              + " nonOverlapping is true, which refuses them (wasmi copy, copy_nonoverlapping,"
              + " transfer)")
  @ApiProblems({OUT_OF_BOUNDS, REGIONS_OVERLAP, MEMORY_BUDGET_EXCEEDED})
  ResponseEntity<Void> copy(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody CopyRequest request) {
    memories.copy(
        id,
        EntityTags.precondition(ifMatch),
        new CopyOperation(
            request.sourceMemoryId(),
            request.sourceOffset(),
            request.destinationOffset(),
            request.length(),
            Boolean.TRUE.equals(request.nonOverlapping())));
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{id}/erase")
  @Operation(
      operationId = "eraseMemory",
      summary = "Set every byte to zero, keeping the size (wasmi erase)")
  @ApiResponse(responseCode = "204", description = "Erased")
  ResponseEntity<Void> erase(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    memories.erase(id, EntityTags.precondition(ifMatch));
    return ResponseEntity.noContent().build();
  }
}
