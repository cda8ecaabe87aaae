package dev.wasmmemory.api.problem;

import dev.wasmmemory.memory.GrowLimitExceededException;
import dev.wasmmemory.memory.InvalidLimitsException;
import dev.wasmmemory.memory.InvalidValueException;
import dev.wasmmemory.memory.MemoryBudgetExceededException;
import dev.wasmmemory.memory.MemoryClosedException;
import dev.wasmmemory.memory.OutOfBoundsException;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.memory.RegionsOverlapException;
import dev.wasmmemory.memory.VersionMismatchException;
import dev.wasmmemory.module.ModuleException;
import dev.wasmmemory.service.MemoryLimitExceededException;
import dev.wasmmemory.service.MemoryNotFoundException;
import dev.wasmmemory.service.PreconditionFailedException;
import dev.wasmmemory.service.batch.BatchOperationException;
import dev.wasmmemory.service.share.ShareNotFoundException;
import dev.wasmmemory.service.share.SharesDisabledException;
import dev.wasmmemory.service.snapshot.CrossMemoryException;
import dev.wasmmemory.service.snapshot.SnapshotLimitExceededException;
import dev.wasmmemory.service.snapshot.SnapshotNotFoundException;
import dev.wasmmemory.service.snapshot.SnapshotsUnsupportedException;
import dev.wasmmemory.store.OwnerQuotaExceededException;

/**
 * The problems of the engine's, the service's and the module layer's exceptions, from what they
 * carry (the memory's id, the field at fault, the numbers): none of them knows HTTP, so the API
 * translates here.
 */
final class DomainProblems {
  private DomainProblems() {}

  /** The problem of {@code e}; null for an exception this does not know (a bug: 500). */
  static ProblemDetails of(RuntimeException e) {
    if (e instanceof BatchOperationException batch) {
      ProblemDetails problem = of(batch.getCause());
      if (problem != null) {
        problem.body().setDetail(e.getMessage());
        problem.with("index", batch.index());
      }
      return problem;
    }
    if (e instanceof ModuleException module) {
      return ModuleProblems.of(module);
    }
    if (e instanceof OutOfBoundsException oob) {
      return about(ProblemType.OUT_OF_BOUNDS, e.getMessage(), oob.memoryId())
          .with("field", oob.field())
          .with("offset", oob.offset())
          .with("length", oob.length())
          .with("sizeBytes", oob.sizeBytes());
    }
    if (e instanceof RegionsOverlapException overlap) {
      return about(ProblemType.REGIONS_OVERLAP, e.getMessage(), overlap.memoryId())
          .with("sourceOffset", overlap.sourceOffset())
          .with("destinationOffset", overlap.destinationOffset())
          .with("length", overlap.length());
    }
    if (e instanceof GrowLimitExceededException grow) {
      return about(ProblemType.GROW_LIMIT_EXCEEDED, e.getMessage(), grow.memoryId())
          .with("currentPages", grow.currentPages())
          .with("requestedPages", grow.requestedPages())
          .with("maximumPages", grow.maximumPages());
    }
    if (e instanceof InvalidLimitsException limits) {
      return ProblemDetails.of(ProblemType.INVALID_REQUEST, e.getMessage())
          .with("field", limits.field())
          .with("initialPages", limits.initialPages())
          .with("maximumPages", limits.maximumPages());
    }
    if (e instanceof InvalidValueException value) {
      return ProblemDetails.of(ProblemType.INVALID_REQUEST, e.getMessage())
          .with("field", "value")
          .with("valueType", value.type().wasmName());
    }
    if (e instanceof MemoryBudgetExceededException budget) {
      return ProblemDetails.of(ProblemType.MEMORY_BUDGET_EXCEEDED, e.getMessage())
          .with("requestedBytes", Pages.toBytes(budget.requestedPages()))
          .with("availableBytes", Pages.toBytes(budget.availablePages()));
    }
    if (e instanceof MemoryLimitExceededException count) {
      return ProblemDetails.of(ProblemType.MEMORY_LIMIT_EXCEEDED, e.getMessage())
          .with("maxMemories", count.maxMemories());
    }
    if (e instanceof OwnerQuotaExceededException quota) {
      boolean bytes = quota.kind() == OwnerQuotaExceededException.Kind.BUDGET;
      return ProblemDetails.of(ProblemType.QUOTA_EXCEEDED, e.getMessage())
          .with("quota", bytes ? "budget" : "max-memories")
          .with(bytes ? "limitBytes" : "maxMemories", quota.limit());
    }
    if (e instanceof ShareNotFoundException share) {
      return about(ProblemType.SHARE_NOT_FOUND, e.getMessage(), share.memoryId())
          .with("shareId", share.shareId());
    }
    if (e instanceof SnapshotNotFoundException snapshot) {
      ProblemDetails problem =
          ProblemDetails.of(ProblemType.SNAPSHOT_NOT_FOUND, e.getMessage())
              .with("snapshotId", snapshot.snapshotId());
      return snapshot.memoryId() == null ? problem : problem.with("memoryId", snapshot.memoryId());
    }
    if (e instanceof SnapshotLimitExceededException limit) {
      return ProblemDetails.of(ProblemType.SNAPSHOT_LIMIT_EXCEEDED, e.getMessage())
          .with("maxSnapshots", limit.maxSnapshots());
    }
    if (e instanceof SnapshotsUnsupportedException) {
      return ProblemDetails.of(ProblemType.SNAPSHOTS_UNSUPPORTED, e.getMessage());
    }
    if (e instanceof CrossMemoryException across) {
      return ProblemDetails.of(ProblemType.INVALID_REQUEST, e.getMessage())
          .with("field", across.field());
    }
    if (e instanceof SharesDisabledException) {
      return ProblemDetails.of(ProblemType.NOT_FOUND, e.getMessage());
    }
    if (e instanceof MemoryNotFoundException missing) {
      return about(ProblemType.MEMORY_NOT_FOUND, e.getMessage(), missing.memoryId());
    }
    if (e instanceof MemoryClosedException closed) {
      // Deleted (or expired) while the request ran on it.
      String id = closed.memoryId();
      return about(ProblemType.MEMORY_NOT_FOUND, "no memory with id " + id, id);
    }
    if (e instanceof PreconditionFailedException stale) {
      return preconditionFailed(stale.memoryId(), "If-Match names no", stale.currentVersion());
    }
    if (e instanceof VersionMismatchException raced) {
      // Another write came in between the If-Match check and the mutation.
      return preconditionFailed(
          raced.memoryId(),
          "the memory changed after the If-Match check into",
          raced.actualVersion());
    }
    return null;
  }

  private static ProblemDetails preconditionFailed(String memoryId, String why, long version) {
    String detail = why + " current entity tag of the memory: it is now \"" + version + "\"";
    return about(ProblemType.PRECONDITION_FAILED, detail, memoryId);
  }

  private static ProblemDetails about(ProblemType type, String detail, String memoryId) {
    return ProblemDetails.of(type, detail).with("memoryId", memoryId);
  }
}
