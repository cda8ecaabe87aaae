package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/**
 * Checks that a response is an RFC 9457 problem detail as CONTRACT.md describes it: the status, a
 * {@code type} ending in the expected slug, {@code title}, {@code detail}, {@code instance} (the
 * request's path), {@code application/problem+json}, and no stack trace. Returns the body so a test
 * can check the members that explain the problem.
 */
final class Problems {
  private Problems() {}

  static JsonNode expect(ResultActions actions, int status, String type) throws Exception {
    MvcResult result = actions.andReturn();
    MockHttpServletResponse response = result.getResponse();
    return check(
        result.getRequest().getMethod() + " " + result.getRequest().getRequestURI(),
        response.getStatus(),
        response.getContentType(),
        response.getContentAsString(StandardCharsets.UTF_8),
        result.getRequest().getRequestURI(),
        status,
        type);
  }

  static JsonNode expect(HttpResponse<?> response, int status, String type) {
    Object body = response.body();
    String text =
        body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : body.toString();
    return check(
        response.request().method() + " " + response.request().uri(),
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(null),
        text,
        response.request().uri().getRawPath(),
        status,
        type);
  }

  private static JsonNode check(
      String request,
      int actualStatus,
      String contentType,
      String body,
      String path,
      int status,
      String type) {
    assertThat(actualStatus).as("status of %s, body %s", request, body).isEqualTo(status);
    assertThat(contentType).as("Content-Type of %s", request).isNotNull();
    assertThat(
            MediaType.parseMediaType(contentType)
                .equalsTypeAndSubtype(MediaType.APPLICATION_PROBLEM_JSON))
        .as("Content-Type %s of %s", contentType, request)
        .isTrue();
    JsonNode problem = Json.read(body);
    assertThat(problem.path("type").asString()).as("type of %s", body).endsWith("/" + type);
    assertThat(problem.path("status").asInt()).as("status member of %s", body).isEqualTo(status);
    assertThat(problem.path("title").asString()).as("title of %s", body).isNotBlank();
    assertThat(problem.path("detail").asString()).as("detail of %s", body).isNotBlank();
    assertThat(problem.path("instance").asString()).as("instance of %s", body).isEqualTo(path);
    assertThat(body).as("a problem shows no stack trace").doesNotContain("\tat ", "Exception:");
    return problem;
  }
}
