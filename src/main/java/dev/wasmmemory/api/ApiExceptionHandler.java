package dev.wasmmemory.api;

import dev.wasmmemory.memory.GrowLimitExceededException;
import dev.wasmmemory.memory.InvalidLimitsException;
import dev.wasmmemory.memory.InvalidValueException;
import dev.wasmmemory.memory.MemoryBudgetExceededException;
import dev.wasmmemory.memory.MemoryClosedException;
import dev.wasmmemory.memory.OutOfBoundsException;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.memory.RegionsOverlapException;
import dev.wasmmemory.memory.VersionMismatchException;
import dev.wasmmemory.service.MemoryLimitExceededException;
import dev.wasmmemory.service.MemoryNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Turns every failure into an RFC 9457 problem detail with a stable {@code type} (see {@link
 * ProblemType}) and the numbers that explain it. Spring's own exceptions pass through {@link
 * ResponseEntityExceptionHandler} and get our types too; nothing a client sends yields a 500.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler
  ResponseEntity<ProblemDetail> outOfBounds(OutOfBoundsException e, HttpServletRequest request) {
    return problem(ProblemType.OUT_OF_BOUNDS, e.getMessage(), request)
        .with("offset", e.offset())
        .with("length", e.length())
        .with("sizeBytes", e.sizeBytes())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> rangeNotSatisfiable(
      RangeNotSatisfiableException e, HttpServletRequest request) {
    return problem(ProblemType.RANGE_NOT_SATISFIABLE, e.getMessage(), request)
        .with("sizeBytes", e.representationLength())
        .header(HttpHeaders.CONTENT_RANGE, "bytes */" + e.representationLength())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> regionsOverlap(
      RegionsOverlapException e, HttpServletRequest request) {
    return problem(ProblemType.REGIONS_OVERLAP, e.getMessage(), request)
        .with("sourceOffset", e.sourceOffset())
        .with("destinationOffset", e.destinationOffset())
        .with("length", e.length())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> growLimitExceeded(
      GrowLimitExceededException e, HttpServletRequest request) {
    return problem(ProblemType.GROW_LIMIT_EXCEEDED, e.getMessage(), request)
        .with("currentPages", e.currentPages())
        .with("requestedPages", e.requestedPages())
        .with("maximumPages", e.maximumPages())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> invalidLimits(
      InvalidLimitsException e, HttpServletRequest request) {
    return problem(ProblemType.INVALID_REQUEST, e.getMessage(), request)
        .with("field", e.field())
        .with("initialPages", e.initialPages())
        .with("maximumPages", e.maximumPages())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> invalidValue(InvalidValueException e, HttpServletRequest request) {
    return problem(ProblemType.INVALID_REQUEST, e.getMessage(), request)
        .with("field", "value")
        .with("valueType", e.type().wasmName())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> invalidRequest(
      InvalidRequestException e, HttpServletRequest request) {
    return problem(ProblemType.INVALID_REQUEST, e.getMessage(), request)
        .with("field", e.field())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> budgetExceeded(
      MemoryBudgetExceededException e, HttpServletRequest request) {
    return problem(ProblemType.MEMORY_BUDGET_EXCEEDED, e.getMessage(), request)
        .with("requestedBytes", Pages.toBytes(e.requestedPages()))
        .with("availableBytes", Pages.toBytes(e.availablePages()))
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> memoryLimitExceeded(
      MemoryLimitExceededException e, HttpServletRequest request) {
    return problem(ProblemType.MEMORY_LIMIT_EXCEEDED, e.getMessage(), request)
        .with("maxMemories", e.maxMemories())
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> notFound(MemoryNotFoundException e, HttpServletRequest request) {
    return problem(ProblemType.MEMORY_NOT_FOUND, e.getMessage(), request)
        .with("memoryId", e.memoryId())
        .build();
  }

  /** A memory deleted (or expired) while a request on it was running. */
  @ExceptionHandler
  ResponseEntity<ProblemDetail> closed(MemoryClosedException e, HttpServletRequest request) {
    String id = e.memoryId();
    return problem(ProblemType.MEMORY_NOT_FOUND, "no memory with id " + id, request)
        .with("memoryId", id)
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> listingDisabled(
      ListingDisabledException e, HttpServletRequest request) {
    return problem(ProblemType.NOT_FOUND, e.getMessage(), request).build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> preconditionFailed(
      PreconditionFailedException e, HttpServletRequest request) {
    return problem(ProblemType.PRECONDITION_FAILED, e.getMessage(), request)
        .with("memoryId", e.memoryId())
        .build();
  }

  /** Another write came in between the If-Match check and the mutation. */
  @ExceptionHandler
  ResponseEntity<ProblemDetail> versionMismatch(
      VersionMismatchException e, HttpServletRequest request) {
    String id = pathVariable(request, "id");
    return problem(
            ProblemType.PRECONDITION_FAILED,
            "the memory changed after the If-Match check: its entity tag is now "
                + EntityTags.header(e.actualVersion()),
            request)
        .with("memoryId", id)
        .build();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> payloadTooLarge(
      PayloadTooLargeException e, HttpServletRequest request) {
    return tooLarge(e, request);
  }

  private static ResponseEntity<ProblemDetail> tooLarge(
      PayloadTooLargeException e, HttpServletRequest request) {
    return problem(ProblemType.PAYLOAD_TOO_LARGE, e.getMessage(), request)
        .with("limit", e.limit())
        .build();
  }

  /** The body ended before its Content-Length: the client went away or lied. */
  @ExceptionHandler
  ResponseEntity<ProblemDetail> bodyEndedEarly(EOFException e, HttpServletRequest request) {
    return problem(ProblemType.INVALID_REQUEST, e.getMessage(), request).build();
  }

  /** Reading the body failed; when the client is gone, there is no one to answer. */
  @ExceptionHandler
  ResponseEntity<ProblemDetail> unreadableBody(IOException e, HttpServletRequest request) {
    if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
      log.debug("client went away: {}", e.toString());
      return null;
    }
    return problem(
            ProblemType.INVALID_REQUEST,
            "the request body could not be read: " + e.getMessage(),
            request)
        .build();
  }

  /**
   * What nothing above expects is a bug of ours: fixed text for the client, the stack trace in the
   * log. Spring's own status-carrying exceptions keep their status.
   */
  @ExceptionHandler
  ResponseEntity<ProblemDetail> unexpected(RuntimeException e, HttpServletRequest request) {
    if (e instanceof ErrorResponse response) {
      ProblemDetail body = response.updateAndGetBody(getMessageSource(), request.getLocale());
      return ResponseEntity.status(body.getStatus())
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(complete(body, request));
    }
    // The pattern, not the URI: a memory's id is its credential and stays out of the log.
    log.error(
        "unexpected failure of {} {}",
        request.getMethod(),
        request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE),
        e);
    return problem(ProblemType.INTERNAL_ERROR, "the service failed unexpectedly", request).build();
  }

  // ---- Spring's own exceptions ----

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    HttpServletRequest servletRequest = servletRequest(request);
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof PayloadTooLargeException tooLarge) {
        return new ResponseEntity<>(
            tooLarge(tooLarge, servletRequest).getBody(), problemHeaders(headers), 413);
      }
    }
    JsonProblems.Described described = JsonProblems.describe(e);
    return badRequest(
        problem(ProblemType.INVALID_REQUEST, described.detail(), servletRequest)
            .with("field", described.field()),
        headers);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, String>> errors =
        e.getFieldErrors().stream()
            .map(
                error ->
                    Map.of(
                        "field",
                        error.getField(),
                        "message",
                        String.valueOf(error.getDefaultMessage())))
            .toList();
    return invalid(errors, headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, String>> errors =
        e.getParameterValidationResults().stream().flatMap(this::fieldErrors).toList();
    return invalid(errors, headers, request);
  }

  /** A body's errors name its JSON fields; a parameter's, the parameter. */
  private Stream<Map<String, String>> fieldErrors(ParameterValidationResult result) {
    if (result instanceof ParameterErrors errors && errors.hasFieldErrors()) {
      return errors.getFieldErrors().stream()
          .map(error -> error(error.getField(), error.getDefaultMessage()));
    }
    String name = String.valueOf(result.getMethodParameter().getParameterName());
    return result.getResolvableErrors().stream()
        .map(error -> error(name, error.getDefaultMessage()));
  }

  private static Map<String, String> error(String field, String message) {
    return Map.of("field", field, "message", String.valueOf(message));
  }

  private ResponseEntity<Object> invalid(
      List<Map<String, String>> errors, HttpHeaders headers, WebRequest request) {
    Map<String, String> first =
        errors.isEmpty() ? Map.of("field", "", "message", "invalid") : errors.get(0);
    String detail = "'" + first.get("field") + "' " + first.get("message");
    return badRequest(
        problem(ProblemType.INVALID_REQUEST, detail, servletRequest(request))
            .with("field", first.get("field"))
            .with("errors", errors),
        headers);
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String field = e.getPropertyName();
    String expected =
        e.getRequiredType() == null
            ? "a value of another type"
            : JsonProblems.describeType(e.getRequiredType());
    return badRequest(
        problem(
                ProblemType.INVALID_REQUEST,
                "'" + field + "' must be " + expected + ", not '" + e.getValue() + "'",
                servletRequest(request))
            .with("field", field),
        headers);
  }

  /** Every other Spring exception: its own status and detail, our type, title and instance. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem) {
      complete(problem, servletRequest(request));
      return new ResponseEntity<>(body, problemHeaders(headers), status);
    }
    return new ResponseEntity<>(body, headers, status);
  }

  private static ResponseEntity<Object> badRequest(ProblemBuilder problem, HttpHeaders headers) {
    return new ResponseEntity<>(problem.problem(), problemHeaders(headers), 400);
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

  // ---- building problems ----

  private static ProblemDetail complete(ProblemDetail problem, HttpServletRequest request) {
    if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
      ProblemType type = ProblemType.forStatus(problem.getStatus());
      problem.setType(type.uri());
      problem.setTitle(type.title());
    }
    if (problem.getInstance() == null) {
      problem.setInstance(URI.create(request.getRequestURI()));
    }
    return problem;
  }

  static ProblemBuilder problem(ProblemType type, String detail, HttpServletRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
    problem.setType(type.uri());
    problem.setTitle(type.title());
    problem.setInstance(URI.create(request.getRequestURI()));
    return new ProblemBuilder(problem);
  }

  private static HttpServletRequest servletRequest(WebRequest request) {
    return ((org.springframework.web.context.request.ServletWebRequest) request).getRequest();
  }

  @SuppressWarnings("unchecked")
  private static String pathVariable(HttpServletRequest request, String name) {
    Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    return variables instanceof Map<?, ?> map
        ? String.valueOf(((Map<String, ?>) map).get(name))
        : null;
  }

  /** Adds the members (and headers) that explain a problem. */
  record ProblemBuilder(ProblemDetail problem, HttpHeaders headers) {
    ProblemBuilder(ProblemDetail problem) {
      this(problem, new HttpHeaders());
    }

    ProblemBuilder with(String name, Object value) {
      if (value != null) {
        problem.setProperty(name, value);
      }
      return this;
    }

    ProblemBuilder header(String name, String value) {
      headers.set(name, value);
      return this;
    }

    ResponseEntity<ProblemDetail> build() {
      return new ResponseEntity<>(problem, problemHeaders(headers), problem.getStatus());
    }
  }
}
