package dev.wasmmemory.api;

import dev.wasmmemory.module.ExecutionBusyException;
import dev.wasmmemory.module.ExecutionTimeoutException;
import dev.wasmmemory.module.ExportNotFoundException;
import dev.wasmmemory.module.InstanceNotFoundException;
import dev.wasmmemory.module.InvalidArgumentsException;
import dev.wasmmemory.module.InvalidModuleException;
import dev.wasmmemory.module.LinkException;
import dev.wasmmemory.module.MemoryTooLargeException;
import dev.wasmmemory.module.ModuleLimitExceededException;
import dev.wasmmemory.module.ModuleNotFoundException;
import dev.wasmmemory.module.ModuleTooLargeException;
import dev.wasmmemory.module.WasmTrapException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The problem details of running modules. Ordered before {@link ApiExceptionHandler}, whose
 * catch-all for unexpected exceptions would otherwise answer these with a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ModuleExceptionHandler {

  @ExceptionHandler
  ResponseEntity<ProblemDetail> invalidModule(
      InvalidModuleException e, HttpServletRequest request) {
    return ApiExceptionHandler.problem(ProblemType.INVALID_MODULE, e.getMessage(), request).build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> moduleNotFound(
      ModuleNotFoundException e, HttpServletRequest request) {
    return ApiExceptionHandler.problem(ProblemType.MODULE_NOT_FOUND, e.getMessage(), request)
        .with("moduleId", e.moduleId())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> instanceNotFound(
      InstanceNotFoundException e, HttpServletRequest request) {
    return ApiExceptionHandler.problem(ProblemType.INSTANCE_NOT_FOUND, e.getMessage(), request)
        .with("instanceId", e.instanceId())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> exportNotFound(
      ExportNotFoundException e, HttpServletRequest request) {
    return ApiExceptionHandler.problem(ProblemType.NOT_FOUND, e.getMessage(), request)
        .with("name", e.name())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> linkError(LinkException e, HttpServletRequest request) {
    return ApiExceptionHandler.problem(ProblemType.LINK_ERROR, e.getMessage(), request)
        .with("import", e.importName())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> trap(WasmTrapException e, HttpServletRequest request) {
    return ApiExceptionHandler.problem(ProblemType.TRAP, e.getMessage(), request).build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> timeout(ExecutionTimeoutException e, HttpServletRequest request) {
    return ApiExceptionHandler.problem(ProblemType.EXECUTION_TIMEOUT, e.getMessage(), request)
        .with("timeoutMillis", e.timeout().toMillis())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> memoryTooLarge(
      MemoryTooLargeException e, HttpServletRequest request) {
    return ApiExceptionHandler.problem(ProblemType.MEMORY_TOO_LARGE, e.getMessage(), request)
        .with("memoryId", e.memoryId())
        .with("currentPages", e.currentPages())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> invalidArguments(
      InvalidArgumentsException e, HttpServletRequest request) {
    return ApiExceptionHandler.problem(ProblemType.INVALID_REQUEST, e.getMessage(), request)
        .with("field", e.field())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> moduleTooLarge(
      ModuleTooLargeException e, HttpServletRequest request) {
    return ApiExceptionHandler.problem(ProblemType.PAYLOAD_TOO_LARGE, e.getMessage(), request)
        .with("limit", e.limit())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> moduleLimit(
      ModuleLimitExceededException e, HttpServletRequest request) {
    return ApiExceptionHandler.problem(ProblemType.MODULE_LIMIT_EXCEEDED, e.getMessage(), request)
        .with("limit", e.limit())
        .with("resource", e.what())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> busy(ExecutionBusyException e, HttpServletRequest request) {
    return ApiExceptionHandler.problem(ProblemType.EXECUTION_BUSY, e.getMessage(), request)
        .header(HttpHeaders.RETRY_AFTER, "1")
        .build();
  }
}
