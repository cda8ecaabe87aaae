package dev.wasmmemory.api.problem;

import dev.wasmmemory.module.ExecutionBusyException;
import dev.wasmmemory.module.ExecutionTimeoutException;
import dev.wasmmemory.module.ExportNotFoundException;
import dev.wasmmemory.module.InstanceNotFoundException;
import dev.wasmmemory.module.InvalidArgumentsException;
import dev.wasmmemory.module.InvalidModuleException;
import dev.wasmmemory.module.LinkException;
import dev.wasmmemory.module.MemoryTooLargeException;
import dev.wasmmemory.module.ModuleException;
import dev.wasmmemory.module.ModuleLimitExceededException;
import dev.wasmmemory.module.ModuleNotFoundException;
import dev.wasmmemory.module.ModuleTooLargeException;
import dev.wasmmemory.module.WasmTrapException;
import org.springframework.http.HttpHeaders;

/**
 * The problems of running modules, from what their exceptions carry. The module layer is plain
 * Java, like the engine, so the API translates here as {@link DomainProblems} does for memories.
 */
final class ModuleProblems {
  /** Seconds a client is told to wait when every execution thread is busy. */
  static final String RETRY_AFTER_SECONDS = "1";

  private ModuleProblems() {}

  /** The problem of {@code e}; null for an exception this does not know (a bug: 500). */
  static ProblemDetails of(ModuleException e) {
    String detail = e.getMessage();
    if (e instanceof InvalidModuleException) {
      return ProblemDetails.of(ProblemType.INVALID_MODULE, detail);
    }
    if (e instanceof ModuleNotFoundException missing) {
      return ProblemDetails.of(ProblemType.MODULE_NOT_FOUND, detail)
          .with("moduleId", missing.moduleId());
    }
    if (e instanceof InstanceNotFoundException missing) {
      return ProblemDetails.of(ProblemType.INSTANCE_NOT_FOUND, detail)
          .with("instanceId", missing.instanceId());
    }
    if (e instanceof ExportNotFoundException missing) {
      return ProblemDetails.of(ProblemType.NOT_FOUND, detail).with("name", missing.name());
    }
    if (e instanceof InvalidArgumentsException invalid) {
      return ProblemDetails.of(ProblemType.INVALID_REQUEST, detail).with("field", invalid.field());
    }
    if (e instanceof LinkException link) {
      return ProblemDetails.of(ProblemType.LINK_ERROR, detail).with("import", link.importName());
    }
    if (e instanceof WasmTrapException) {
      return ProblemDetails.of(ProblemType.TRAP, detail);
    }
    if (e instanceof ExecutionTimeoutException timeout) {
      return ProblemDetails.of(ProblemType.EXECUTION_TIMEOUT, detail)
          .with("timeoutMillis", timeout.timeout().toMillis());
    }
    if (e instanceof MemoryTooLargeException large) {
      return ProblemDetails.of(ProblemType.MEMORY_TOO_LARGE, detail)
          .with("memoryId", large.memoryId())
          .with("currentPages", large.currentPages());
    }
    if (e instanceof ModuleTooLargeException large) {
      return ProblemDetails.of(ProblemType.PAYLOAD_TOO_LARGE, detail).with("limit", large.limit());
    }
    if (e instanceof ModuleLimitExceededException limit) {
      return ProblemDetails.of(ProblemType.MODULE_LIMIT_EXCEEDED, detail)
          .with("limit", limit.limit())
          .with("resource", limit.what());
    }
    if (e instanceof ExecutionBusyException) {
      return ProblemDetails.of(ProblemType.EXECUTION_BUSY, detail)
          .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
    return null;
  }
}
