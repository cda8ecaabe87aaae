package dev.wasmmemory.api.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;

/**
 * The one factory of the service's problem details: a {@link ProblemType}'s type, title and status,
 * the occurrence's detail, the members that explain it and the headers that go with it ({@code
 * Retry-After}). {@code instance} is left to Spring, which sets it to the request's path.
 */
public final class ProblemDetails {
  private final ProblemDetail problem;
  private final HttpHeaders headers = new HttpHeaders();

  private ProblemDetails(ProblemDetail problem) {
    this.problem = problem;
  }

  public static ProblemDetails of(ProblemType type, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
    problem.setType(type.uri());
    problem.setTitle(type.title());
    return new ProblemDetails(problem);
  }

  /** Spring's own problem for one of its exceptions: its status and detail, our type and title. */
  static ProblemDetail typed(ProblemDetail spring) {
    if (spring.getType() == null || "about:blank".equals(spring.getType().toString())) {
      ProblemType type = ProblemType.forStatus(spring.getStatus());
      spring.setType(type.uri());
      spring.setTitle(type.title());
    }
    return spring;
  }

  /** Adds a member that explains the problem; a null value is left out. */
  public ProblemDetails with(String name, Object value) {
    if (value != null) {
      problem.setProperty(name, value);
    }
    return this;
  }

  /** Adds a response header that belongs to the problem. */
  public ProblemDetails header(String name, String value) {
    headers.add(name, value);
    return this;
  }

  public HttpHeaders headers() {
    return headers;
  }

  public ProblemDetail body() {
    return problem;
  }
}
