package dev.wasmmemory.api.problem;

import org.springframework.web.ErrorResponseException;

/**
 * A failure the API reports as the problem of a {@link ProblemType}. Spring's exception handling
 * renders it (an {@link ErrorResponseException}), so a new kind of failure needs no handler: a
 * subclass that names its type and adds the members that explain it.
 */
public class ApiException extends ErrorResponseException {
  public ApiException(ProblemType type, String detail) {
    super(type.status(), ProblemDetails.of(type, detail).body(), null);
  }

  /** Adds a member to the problem; a null value is left out. */
  protected final void with(String name, Object value) {
    if (value != null) {
      getBody().setProperty(name, value);
    }
  }

  /** The detail alone, as logs and tests want it (Spring's message also holds status and body). */
  @Override
  public String getMessage() {
    return getBody().getDetail();
  }
}
