package dev.wasmmemory.api.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The stable {@code type} URIs of the service's problem details, relative to the service, with the
 * title, status and explanation each has. Adding a type is one line here and an {@link
 * ApiException} that names it; its page under {@code /problems/} and its place in the OpenAPI
 * document follow.
 */
public enum ProblemType {
  INVALID_REQUEST(
      "invalid-request",
      "Invalid request",
      HttpStatus.BAD_REQUEST,
      "The request is malformed: bad JSON, a wrong or missing field, a number out of its range, bad base64, an unknown value type. The member field names what is at fault."),
  MEMORY_NOT_FOUND(
      "memory-not-found",
      "Memory not found",
      HttpStatus.NOT_FOUND,
      "No memory has the id in the path (or the copy's sourceMemoryId): it never existed, was deleted, or expired. The member memoryId repeats it."),
  SHARE_NOT_FOUND(
      "share-not-found",
      "Share link not found",
      HttpStatus.NOT_FOUND,
      "The memory has no share link with the id in the path: it never existed, was revoked, or expired. The members memoryId and shareId repeat them."),
  UNAUTHORIZED(
      "unauthorized",
      "Unauthorized",
      HttpStatus.UNAUTHORIZED,
      "The request needs a bearer token (Authorization: Bearer, or a share link's ?share=) and has none, or one that is malformed, wrongly signed, expired, revoked or not for this service. WWW-Authenticate says which."),
  INSUFFICIENT_SCOPE(
      "insufficient-scope",
      "Insufficient scope",
      HttpStatus.FORBIDDEN,
      "The token is valid but lacks the scope this operation needs: memory:read for reads, memory:write for changes and creation (member scope). A share link only reads its memory."),
  RATE_LIMITED(
      "rate-limited",
      "Rate limited",
      HttpStatus.TOO_MANY_REQUESTS,
      "The caller (its owner, share link, or client address in open mode) sent more requests than memory.rate-limit allows. Retry-After gives the seconds to wait; nothing was changed."),
  NOT_FOUND(
      "not-found",
      "Not found",
      HttpStatus.NOT_FOUND,
      "Nothing is served at this path, or listing memories is switched off in this deployment."),
  METHOD_NOT_ALLOWED(
      "method-not-allowed",
      "Method not allowed",
      HttpStatus.METHOD_NOT_ALLOWED,
      "The resource exists but does not take this HTTP method."),
  NOT_ACCEPTABLE(
      "not-acceptable",
      "Not acceptable",
      HttpStatus.NOT_ACCEPTABLE,
      "None of the representations the resource has (for bytes: application/octet-stream, application/json, text/plain) is acceptable to the Accept header."),
  PRECONDITION_FAILED(
      "precondition-failed",
      "Precondition failed",
      HttpStatus.PRECONDITION_FAILED,
      "If-Match named an entity tag the memory no longer has: it was changed since. Nothing was changed by this request."),
  PAYLOAD_TOO_LARGE(
      "payload-too-large",
      "Payload too large",
      HttpStatus.CONTENT_TOO_LARGE,
      "The request body is larger than the configured limit (member limit, in bytes)."),
  UNSUPPORTED_MEDIA_TYPE(
      "unsupported-media-type",
      "Unsupported media type",
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      "The body's Content-Type is not one this operation reads."),
  RANGE_NOT_SATISFIABLE(
      "out-of-bounds",
      "Range not satisfiable",
      HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
      "The Range header selects no byte of the representation, or names several ranges. Content-Range gives its length."),
  OUT_OF_BOUNDS(
      "out-of-bounds",
      "Out of bounds",
      HttpStatus.UNPROCESSABLE_CONTENT,
      "The region [offset, offset + length) is not within the memory's sizeBytes; offset + length is computed without overflow. Nothing was changed."),
  REGIONS_OVERLAP(
      "regions-overlap",
      "Regions overlap",
      HttpStatus.UNPROCESSABLE_CONTENT,
      "A copy with nonOverlapping true was given regions that share bytes. Nothing was changed."),
  GROW_LIMIT_EXCEEDED(
      "grow-limit-exceeded",
      "Grow limit exceeded",
      HttpStatus.UNPROCESSABLE_CONTENT,
      "Growing by the requested pages would pass the memory's maximum (its own, or 65536 pages). Nothing was changed."),
  MEMORY_LIMIT_EXCEEDED(
      "memory-limit-exceeded",
      "Too many memories",
      HttpStatus.INSUFFICIENT_STORAGE,
      "The service holds as many memories as it is configured to (memory.max-memories)."),
  MEMORY_BUDGET_EXCEEDED(
      "memory-budget-exceeded",
      "Memory budget exceeded",
      HttpStatus.INSUFFICIENT_STORAGE,
      "Materialising the pages this write needs would pass the service's byte budget (memory.budget). Nothing was changed."),
  TOO_MANY_SUBSCRIBERS(
      "too-many-subscribers",
      "Too many subscribers",
      HttpStatus.SERVICE_UNAVAILABLE,
      "The service streams events to as many subscribers as it is configured to (memory.events.max-subscribers, member maxSubscribers); retry after Retry-After seconds."),
  INVALID_MODULE(
      "invalid-module",
      "Invalid module",
      HttpStatus.BAD_REQUEST,
      "The body is not a valid WebAssembly module: the detail is the decoder's or the validator's reason. Nothing was stored."),
  MODULE_NOT_FOUND(
      "module-not-found",
      "Module not found",
      HttpStatus.NOT_FOUND,
      "No module has the id in the path: it was never uploaded, or was deleted. The member moduleId repeats it."),
  INSTANCE_NOT_FOUND(
      "instance-not-found",
      "Instance not found",
      HttpStatus.NOT_FOUND,
      "No instance has the id in the path: it was never created, was deleted, or its module was deleted. The member instanceId repeats it."),
  LINK_ERROR(
      "link-error",
      "Link error",
      HttpStatus.UNPROCESSABLE_CONTENT,
      "The module's imports cannot be satisfied: an import is not bound, is of another kind, or names a memory whose limits do not match (member import). Nothing was instantiated."),
  TRAP(
      "trap",
      "Trap",
      HttpStatus.UNPROCESSABLE_CONTENT,
      "The WebAssembly code trapped; the detail is the spec's message (out of bounds memory access, integer divide by zero, unreachable, call stack exhausted …). Stores made before the trap stay, as in WebAssembly."),
  EXECUTION_TIMEOUT(
      "execution-timeout",
      "Execution timeout",
      HttpStatus.UNPROCESSABLE_CONTENT,
      "The call ran longer than memory.execution-timeout and was stopped; stores made before stay."),
  MEMORY_TOO_LARGE(
      "memory-too-large",
      "Memory too large to run code on",
      HttpStatus.UNPROCESSABLE_CONTENT,
      "WebAssembly code runs on memories of at most 32767 pages (the runtime's limit); this memory is larger. Nothing was changed."),
  MODULE_LIMIT_EXCEEDED(
      "module-limit-exceeded",
      "Too many modules or instances",
      HttpStatus.INSUFFICIENT_STORAGE,
      "The service holds as many modules (memory.max-modules) or instances (memory.max-instances) as it is configured to."),
  EXECUTION_BUSY(
      "execution-busy",
      "Execution busy",
      HttpStatus.SERVICE_UNAVAILABLE,
      "Every execution thread is busy and the queue of waiting calls is full; Retry-After says when to try again."),
  QUOTA_EXCEEDED(
      "quota-exceeded",
      "Quota exceeded",
      HttpStatus.INSUFFICIENT_STORAGE,
      "The owner's quota would be passed: bytes stored over all its memories (memory.quota.budget, member quota budget) or memories held (memory.quota.max-memories, member quota max-memories). Nothing was changed."),
  SNAPSHOT_NOT_FOUND(
      "snapshot-not-found",
      "Snapshot not found",
      HttpStatus.NOT_FOUND,
      "The memory has no snapshot with the id in the path (or the request's snapshotId, from, to or fromSnapshot): it never existed, was deleted, or its memory is gone. The members memoryId and snapshotId repeat them."),
  SNAPSHOT_LIMIT_EXCEEDED(
      "snapshot-limit-exceeded",
      "Too many snapshots",
      HttpStatus.INSUFFICIENT_STORAGE,
      "The memory holds as many snapshots as memory.snapshots.max-per-memory allows (member maxSnapshots); delete one first. Nothing was changed."),
  SNAPSHOTS_UNSUPPORTED(
      "snapshots-unsupported",
      "Snapshots unsupported",
      HttpStatus.NOT_IMPLEMENTED,
      "The service's store keeps no snapshots: the heap and rocksdb stores do, the redis store does not yet."),
  INTERNAL_ERROR(
      "internal-error",
      "Internal error",
      HttpStatus.INTERNAL_SERVER_ERROR,
      "The service failed unexpectedly; the failure is in its log.");

  private final URI uri;
  private final String title;
  private final HttpStatus status;

  private final String slug;
  private final String description;

  ProblemType(String slug, String title, HttpStatus status, String description) {
    this.slug = slug;
    this.uri = URI.create("/problems/" + slug);
    this.title = title;
    this.status = status;
    this.description = description;
  }

  public String slug() {
    return slug;
  }

  /** What the problem means and what the client can do about it. */
  public String description() {
    return description;
  }

  public URI uri() {
    return uri;
  }

  public String title() {
    return title;
  }

  public HttpStatus status() {
    return status;
  }

  /**
   * The type Spring's own exceptions of this status get: the general one of the status, never one
   * that names a cause Spring cannot have (a memory out of bounds or gone, busy execution threads).
   */
  public static ProblemType forStatus(int status) {
    for (ProblemType type : values()) {
      if (type.status.value() == status
          && type != OUT_OF_BOUNDS
          && type != MEMORY_NOT_FOUND
          && type != TOO_MANY_SUBSCRIBERS
          && type != SHARE_NOT_FOUND
          && type != SNAPSHOT_NOT_FOUND
          && type != SNAPSHOTS_UNSUPPORTED
          && type != EXECUTION_BUSY) {
        return type;
      }
    }
    return status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
  }
}
