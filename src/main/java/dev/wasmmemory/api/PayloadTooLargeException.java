package dev.wasmmemory.api;

import dev.wasmmemory.api.problem.ProblemDetails;
import dev.wasmmemory.api.problem.ProblemType;
import java.io.IOException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * A request body over the configured limit (413). An {@link IOException}, so that the body's input
 * stream can throw it while a converter or the engine reads it; an {@link ErrorResponse}, so that
 * it is rendered like the API's other exceptions however deep it was wrapped.
 */
final class PayloadTooLargeException extends IOException implements ErrorResponse {
  private final ProblemDetail body;

  PayloadTooLargeException(long limit) {
    super("request body exceeds the limit of " + limit + " bytes");
    body =
        ProblemDetails.of(ProblemType.PAYLOAD_TOO_LARGE, getMessage()).with("limit", limit).body();
  }

  @Override
  public HttpStatusCode getStatusCode() {
    return ProblemType.PAYLOAD_TOO_LARGE.status();
  }

  @Override
  public ProblemDetail getBody() {
    return body;
  }
}
