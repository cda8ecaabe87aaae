package dev.wasmmemory.api;

import java.net.URI;
import org.springframework.http.HttpStatus;

/** The stable {@code type} URIs of the service's problem details, relative to the service. */
enum ProblemType {
  INVALID_REQUEST("invalid-request", "Invalid request", HttpStatus.BAD_REQUEST),
  MEMORY_NOT_FOUND("memory-not-found", "Memory not found", HttpStatus.NOT_FOUND),
  NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
  METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
  NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE),
  PRECONDITION_FAILED("precondition-failed", "Precondition failed", HttpStatus.PRECONDITION_FAILED),
  PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", HttpStatus.CONTENT_TOO_LARGE),
  UNSUPPORTED_MEDIA_TYPE(
      "unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
  RANGE_NOT_SATISFIABLE(
      "out-of-bounds", "Range not satisfiable", HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE),
  OUT_OF_BOUNDS("out-of-bounds", "Out of bounds", HttpStatus.UNPROCESSABLE_CONTENT),
  REGIONS_OVERLAP("regions-overlap", "Regions overlap", HttpStatus.UNPROCESSABLE_CONTENT),
  GROW_LIMIT_EXCEEDED(
      "grow-limit-exceeded", "Grow limit exceeded", HttpStatus.UNPROCESSABLE_CONTENT),
  MEMORY_LIMIT_EXCEEDED(
      "memory-limit-exceeded", "Too many memories", HttpStatus.INSUFFICIENT_STORAGE),
  MEMORY_BUDGET_EXCEEDED(
      "memory-budget-exceeded", "Memory budget exceeded", HttpStatus.INSUFFICIENT_STORAGE),
  INTERNAL_ERROR("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR);

  private final URI uri;
  private final String title;
  private final HttpStatus status;

  ProblemType(String slug, String title, HttpStatus status) {
    this.uri = URI.create("/problems/" + slug);
    this.title = title;
    this.status = status;
  }

  URI uri() {
    return uri;
  }

  String title() {
    return title;
  }

  HttpStatus status() {
    return status;
  }

  /** The type Spring's own exceptions of this status get. */
  static ProblemType forStatus(int status) {
    for (ProblemType type : values()) {
      if (type.status.value() == status && type != OUT_OF_BOUNDS && type != MEMORY_NOT_FOUND) {
        return type;
      }
    }
    return status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
  }
}
