package dev.wasmmemory.api.problem;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}), for what fails before Spring MVC handles the
 * request (a method the container refuses, such as TRACE): a problem detail like every other error,
 * in place of Spring Boot's own JSON. Its {@code instance} is the request that failed, not {@code
 * /error}.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

  @RequestMapping("/error")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = HttpStatus.resolve(code instanceof Integer value ? value : 500);
    if (status == null || !status.isError()) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    String detail =
        status.is5xxServerError()
            ? "the service failed unexpectedly"
            : "the request was refused: " + status.getReasonPhrase();
    ProblemDetail problem = ProblemDetails.of(ProblemType.forStatus(status.value()), detail).body();
    problem.setStatus(status);
    problem.setInstance(instance(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)));
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  /**
   * The request's path as it came (already percent-encoded, so not encoded again), or, where it
   * holds characters a URI may not, encoded once.
   */
  private static URI instance(Object path) {
    if (!(path instanceof String value)) {
      return null;
    }
    try {
      return new URI(value);
    } catch (URISyntaxException notEncoded) {
      try {
        return new URI(null, null, value, null);
      } catch (URISyntaxException e) {
        return null;
      }
    }
  }
}
