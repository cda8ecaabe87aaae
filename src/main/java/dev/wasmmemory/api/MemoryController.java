package dev.wasmmemory.api;

import dev.wasmmemory.memory.MemoryInstance;
import dev.wasmmemory.service.MemoryRegistry;
import dev.wasmmemory.service.StoredMemory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The memories themselves: create, list, inspect, drop, and the whole-memory operations. */
@RestController
@RequestMapping(path = "/memories", produces = "application/json")
@Tag(name = "Memories", description = "Create, inspect, grow, copy, fill, erase and drop memories")
class MemoryController {
  private final MemoryRegistry registry;
  private final ApiSettings settings;

  MemoryController(MemoryRegistry registry, ApiSettings settings) {
    this.registry = registry;
    this.settings = settings;
  }

  @PostMapping(consumes = "application/json")
  @Operation(operationId = "createMemory", summary = "Create a zeroed memory (wasmi alloc)")
  @ApiResponse(responseCode = "201", description = "Created; Location names the new memory")
  @ApiProblems({400, 413, 415, 507})
  ResponseEntity<MemoryInfo> create(@Valid @RequestBody CreateMemoryRequest request) {
    StoredMemory stored = registry.create(request.initialPages(), request.maximumPages());
    return ResponseEntity.created(URI.create("/memories/" + stored.id()))
        .eTag(EntityTags.header(stored.memory().version()))
        .body(MemoryInfo.of(stored));
  }

  @GetMapping
  @Operation(
      operationId = "listMemories",
      summary = "List every memory, oldest first",
      description = "404 /problems/not-found when memory.list-enabled is false")
  @ApiProblems({404})
  MemoryList list() {
    if (!settings.listEnabled()) {
      throw new ListingDisabledException();
    }
    return new MemoryList(registry.list().stream().map(MemoryInfo::of).toList());
  }

  @GetMapping("/{id}")
  @Operation(
      operationId = "getMemory",
      summary = "A memory's limits and size (wasmi initial, maximum, current_size)")
  @ApiResponse(responseCode = "200", description = "The memory; ETag is its current entity tag")
  @ApiResponse(responseCode = "304", description = "Not modified", content = @Content)
  @ApiProblems({404})
  ResponseEntity<MemoryInfo> get(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
    StoredMemory stored = registry.get(id);
    long version = stored.memory().version();
    if (EntityTags.notModified(ifNoneMatch, version)) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
          .eTag(EntityTags.header(version))
          .build();
    }
    return ResponseEntity.ok().eTag(EntityTags.header(version)).body(MemoryInfo.of(stored));
  }

  @DeleteMapping("/{id}")
  @Operation(operationId = "deleteMemory", summary = "Drop a memory and give its pages back")
  @ApiResponse(responseCode = "204", description = "Dropped")
  @ApiProblems({404, 412})
  ResponseEntity<Void> delete(
      @PathVariable String id,
      @Parameter(description = "Drop only if the memory's entity tag still matches")
          @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
          String ifMatch) {
    EntityTags.forMutation(registry.get(id), ifMatch);
    registry.delete(id);
    return ResponseEntity.noContent().build();
  }

  @PostMapping(path = "/{id}/grow", consumes = "application/json")
  @Operation(
      operationId = "growMemory",
      summary = "Grow by a number of pages; returns the previous size (wasmi grow)")
  @ApiProblems({400, 404, 412, 413, 415, 422})
  GrowResponse grow(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody GrowRequest request) {
    MemoryInstance memory = EntityTags.forMutation(registry.get(id), ifMatch);
    int previous = memory.grow(request.pages());
    return new GrowResponse(previous, previous + request.pages().intValue());
  }

  @PostMapping(path = "/{id}/fill", consumes = "application/json")
  @Operation(
      operationId = "fillMemory",
      summary = "Set length bytes from offset to value, 0 by default (wasmi clear, zero)")
  @ApiResponse(responseCode = "204", description = "Filled")
  @ApiProblems({400, 404, 412, 413, 415, 422, 507})
  ResponseEntity<Void> fill(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody FillRequest request) {
    MemoryInstance memory = EntityTags.forMutation(registry.get(id), ifMatch);
    int value = request.value() == null ? 0 : request.value();
    memory.clear(request.offset(), (byte) value, request.length());
    return ResponseEntity.noContent().build();
  }

  @PostMapping(path = "/{id}/copy", consumes = "application/json")
  @ApiResponse(responseCode = "204", description = "Copied")
  @Operation(
      operationId = "copyMemory",
      summary = "Copy a region within this memory, or from sourceMemoryId into it",
      description =
          "memmove semantics: overlapping regions copy as if through a buffer, unless"
              + " nonOverlapping is true, which refuses them (wasmi copy, copy_nonoverlapping,"
              + " transfer)")
  @ApiProblems({400, 404, 412, 413, 415, 422, 507})
  ResponseEntity<Void> copy(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody CopyRequest request) {
    MemoryInstance destination = EntityTags.forMutation(registry.get(id), ifMatch);
    String sourceId = request.sourceMemoryId();
    if (sourceId != null && !sourceId.equals(id)) {
      MemoryInstance source = registry.get(sourceId).memory();
      destination.transferFrom(
          source, request.sourceOffset(), request.destinationOffset(), request.length());
    } else if (Boolean.TRUE.equals(request.nonOverlapping())) {
      destination.copyNonOverlapping(
          request.sourceOffset(), request.destinationOffset(), request.length());
    } else {
      destination.copy(request.sourceOffset(), request.destinationOffset(), request.length());
    }
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{id}/erase")
  @Operation(
      operationId = "eraseMemory",
      summary = "Set every byte to zero, keeping the size (wasmi erase)")
  @ApiResponse(responseCode = "204", description = "Erased")
  @ApiProblems({404, 412})
  ResponseEntity<Void> erase(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    EntityTags.forMutation(registry.get(id), ifMatch).erase();
    return ResponseEntity.noContent().build();
  }
}
