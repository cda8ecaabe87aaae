package dev.wasmmemory.api;

import static dev.wasmmemory.api.problem.ProblemType.GROW_LIMIT_EXCEEDED;
import static dev.wasmmemory.api.problem.ProblemType.MEMORY_BUDGET_EXCEEDED;
import static dev.wasmmemory.api.problem.ProblemType.OUT_OF_BOUNDS;
import static dev.wasmmemory.api.problem.ProblemType.REGIONS_OVERLAP;

import dev.wasmmemory.api.problem.ApiProblems;
import dev.wasmmemory.service.MemoryService;
import dev.wasmmemory.service.batch.BatchResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Many operations in one request: a struct written at once, a run of typed bytes, a read-modify-
 * write, without a round trip per value and as one linearizable operation.
 */
@RestController
@Tag(name = "Batches", description = "Many operations in one request, all or nothing")
class BatchController {
  private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

  private final MemoryService memories;
  private final BatchDecoder decoder;

  BatchController(MemoryService memories, ApiSettings settings) {
    this.memories = memories;
    this.decoder = new BatchDecoder(settings);
  }

  @PostMapping(path = "/memories/{id}/batch", consumes = JSON, produces = JSON)
  @Operation(
      operationId = "runBatch",
      summary = "Apply operations in order under one lock, all or nothing",
      description =
          "setValue, set, getValue, get, fill, copy and grow, each as its own endpoint takes"
              + " it, applied in order as one linearizable operation with one version step. If"
              + " any operation is malformed or fails (bounds, limits, budget), none is applied:"
              + " the answer is that operation's problem, its member index naming it. If-Match"
              + " applies to the whole batch. At most memory.max-batch-operations operations.")
  @ApiResponse(
      responseCode = "200",
      description = "Applied; one result per operation, ETag the memory's tag after the batch")
  @ApiProblems({OUT_OF_BOUNDS, REGIONS_OVERLAP, GROW_LIMIT_EXCEEDED, MEMORY_BUDGET_EXCEEDED})
  ResponseEntity<BatchResponse> batch(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody BatchRequest request) {
    BatchResult result =
        memories.batch(id, EntityTags.precondition(ifMatch), decoder.decode(request));
    return ResponseEntity.ok().eTag(EntityTags.of(result.version())).body(BatchResponse.of(result));
  }
}
