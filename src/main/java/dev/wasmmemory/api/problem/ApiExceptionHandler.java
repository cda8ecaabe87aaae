package dev.wasmmemory.api.problem;

import dev.wasmmemory.memory.MemoryException;
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
import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Turns every failure into an RFC 9457 problem detail with a stable {@code type} (see {@link
 * ProblemType}) and the members that explain it, taken from the exception: the API's own are {@link
 * ApiException}s that Spring renders, the engine's and the service's carry their memory id, field
 * and numbers. Spring's own exceptions keep their status and get our types; nothing a client sends
 * yields a 500.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  /** The engine's, the service's and the modules' failures, with the members that explain them. */
  @ExceptionHandler({
    MemoryException.class,
    BatchOperationException.class,
    ModuleException.class,
    MemoryLimitExceededException.class,
    MemoryNotFoundException.class,
    PreconditionFailedException.class,
    OwnerQuotaExceededException.class,
    ShareNotFoundException.class,
    SharesDisabledException.class,
    SnapshotNotFoundException.class,
    SnapshotLimitExceededException.class,
    SnapshotsUnsupportedException.class,
    CrossMemoryException.class
  })
  ResponseEntity<Object> domain(RuntimeException e, WebRequest request) {
    ProblemDetails problem = DomainProblems.of(e);
    return problem != null ? respond(problem) : unexpected(e, request);
  }

  /** The body ended before its Content-Length: the client went away or lied. */
  @ExceptionHandler
  ResponseEntity<Object> bodyEndedEarly(EOFException e) {
    return respond(ProblemDetails.of(ProblemType.INVALID_REQUEST, e.getMessage()));
  }

  /**
   * Reading the body failed: past its limit (an {@link ErrorResponse} thrown from the stream), or
   * for a reason of its own; when the client is gone, there is no one to answer.
   */
  @ExceptionHandler
  ResponseEntity<Object> unreadableBody(IOException e, WebRequest request) {
    if (e instanceof ErrorResponse response) {
      return handleExceptionInternal(
          e, null, response.getHeaders(), response.getStatusCode(), request);
    }
    if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
      log.debug("client went away: {}", e.toString());
      return null;
    }
    String detail = "the request body could not be read: " + e.getMessage();
    return respond(ProblemDetails.of(ProblemType.INVALID_REQUEST, detail));
  }

  /**
   * What nothing above expects is a bug of ours: fixed text for the client, the stack trace in the
   * log, under the URI template (a memory's id is its credential and stays out of the log).
   */
  @ExceptionHandler
  ResponseEntity<Object> unexpected(RuntimeException e, WebRequest request) {
    if (e instanceof ErrorResponse response) {
      return handleExceptionInternal(
          e, null, response.getHeaders(), response.getStatusCode(), request);
    }
    Object template = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, 0);
    log.error("unexpected failure of {}", template, e);
    return respond(
        ProblemDetails.of(ProblemType.INTERNAL_ERROR, "the service failed unexpectedly"));
  }

  // ---- Spring's own exceptions, where its detail would name our internals ----

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException io && cause instanceof ErrorResponse) {
        return unreadableBody(io, request);
      }
    }
    JsonProblems.Described described = JsonProblems.describe(e);
    return respond(
        ProblemDetails.of(ProblemType.INVALID_REQUEST, described.detail())
            .with("field", described.field())
            .with("index", described.index()));
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return invalid(
        e.getFieldErrors().stream()
            .map(error -> FieldError.of(error.getField(), error.getDefaultMessage()))
            .toList());
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return invalid(e.getParameterValidationResults().stream().flatMap(FieldError::of).toList());
  }

  private ResponseEntity<Object> invalid(List<FieldError> errors) {
    FieldError first = errors.isEmpty() ? new FieldError("", "is invalid") : errors.get(0);
    return respond(
        ProblemDetails.of(ProblemType.INVALID_REQUEST, first.describe())
            .with("field", first.field())
            .with("errors", errors));
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String field = e.getPropertyName();
    String detail =
        e.getValue() instanceof Object[] values
            ? "'" + field + "' is given " + values.length + " times; give it once"
            : "'"
                + field
                + "' must be "
                + JsonProblems.describeType(e.getRequiredType())
                + ", not '"
                + e.getValue()
                + "'";
    return respond(ProblemDetails.of(ProblemType.INVALID_REQUEST, detail).with("field", field));
  }

  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(
      NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String detail = "nothing is served at this path with " + e.getHttpMethod();
    return respond(ProblemDetails.of(ProblemType.NOT_FOUND, detail));
  }

  /** Every other Spring exception: its own status and detail, our type and title. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem) {
      return new ResponseEntity<>(ProblemDetails.typed(problem), problemHeaders(headers), status);
    }
    return new ResponseEntity<>(body, headers, status);
  }

  // ---- building answers ----

  private static ResponseEntity<Object> respond(ProblemDetails problem) {
    ProblemDetail body = problem.body();
    return new ResponseEntity<>(body, problemHeaders(problem.headers()), body.getStatus());
  }

  /**
   * The content type set in advance, so that the problem is written even when the request's Accept
   * is malformed or excludes it (Spring would otherwise negotiate again, and fail).
   */
  private static HttpHeaders problemHeaders(HttpHeaders headers) {
    HttpHeaders copy = new HttpHeaders();
    copy.addAll(headers);
    copy.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return copy;
  }
}
