package dev.wasmmemory.api;

import dev.wasmmemory.api.problem.ApiException;
import dev.wasmmemory.api.problem.ProblemType;
import java.util.Map;

/** A request the API refuses as malformed (400 invalid-request), naming the field at fault. */
final class InvalidRequestException extends ApiException {
  private final String field;

  InvalidRequestException(String detail, String field) {
    super(ProblemType.INVALID_REQUEST, detail);
    this.field = field;
    with("field", field);
  }

  /** Adds a member that explains the problem (a limit, say); a null value is left out. */
  InvalidRequestException and(String name, Object value) {
    with(name, value);
    return this;
  }

  /**
   * The same refusal about operation {@code index} of a batch: its detail and field name the
   * operation, and the member {@code index} gives it.
   */
  InvalidRequestException inOperation(int index) {
    String path = BatchDecoder.operationPath(index);
    InvalidRequestException refusal =
        new InvalidRequestException(
            "operation " + index + ": " + getMessage(), field == null ? path : path + "." + field);
    Map<String, Object> members = getBody().getProperties();
    if (members != null) {
      members.forEach(
          (name, value) -> {
            if (!name.equals("field")) {
              refusal.with(name, value);
            }
          });
    }
    return refusal.and("index", index);
  }
}
