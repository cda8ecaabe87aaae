package dev.wasmmemory.api;

import dev.wasmmemory.api.problem.ApiException;
import dev.wasmmemory.api.problem.ProblemType;
import org.springframework.http.HttpHeaders;

/**
 * A {@code Range} header that selects no byte of the representation (416), which answers with
 * {@code Content-Range: bytes *}{@code /<length>} (RFC 9110 §15.5.17).
 */
final class RangeNotSatisfiableException extends ApiException {
  RangeNotSatisfiableException(long representationLength, String detail) {
    super(ProblemType.RANGE_NOT_SATISFIABLE, detail);
    with("sizeBytes", representationLength);
    getHeaders().set(HttpHeaders.CONTENT_RANGE, "bytes */" + representationLength);
  }
}
