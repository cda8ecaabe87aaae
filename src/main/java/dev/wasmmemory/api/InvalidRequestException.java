package dev.wasmmemory.api;

import dev.wasmmemory.api.problem.ApiException;
import dev.wasmmemory.api.problem.ProblemType;

/** A request the API refuses as malformed (400 invalid-request), naming the field at fault. */
final class InvalidRequestException extends ApiException {
  InvalidRequestException(String detail, String field) {
    super(ProblemType.INVALID_REQUEST, detail);
    with("field", field);
  }
}
