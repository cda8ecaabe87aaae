package dev.wasmmemory.security;

import dev.wasmmemory.api.problem.ProblemDetails;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem detail from a filter, before any controller runs (401, 403, 429): the same
 * members, in the same order, as the controllers' problems, with {@code instance} the request's
 * path.
 */
final class ProblemWriter {
  private final JsonMapper json;

  ProblemWriter(JsonMapper json) {
    this.json = json;
  }

  void write(HttpServletRequest request, HttpServletResponse response, ProblemDetails problem)
      throws IOException {
    ProblemDetail body = problem.body();
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("type", body.getType().toString());
    members.put("title", body.getTitle());
    members.put("status", body.getStatus());
    members.put("detail", body.getDetail());
    members.put("instance", request.getRequestURI());
    if (body.getProperties() != null) {
      members.putAll(body.getProperties());
    }
    response.setStatus(body.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(json.writeValueAsBytes(members));
  }
}
