package dev.wasmmemory.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The one check that an answer is an RFC 9457 problem detail as CONTRACT.md describes it: {@code
 * application/problem+json}; {@code type}, {@code title}, {@code detail} and {@code instance} (the
 * request's path) present; {@code status} that of the answer; no stack trace and no Java internals
 * in it. {@link #expect} asserts it with a status and type and returns the body, so that a test can
 * check the members that explain the problem; {@link #violations} lists what is wrong, for the fuzz
 * suite's oracle.
 */
public final class Problems {
  private Problems() {}

  public static JsonNode expect(ResultActions actions, int status, String type) throws Exception {
    MvcResult result = actions.andReturn();
    MockHttpServletResponse response = result.getResponse();
    return expect(
        result.getRequest().getMethod() + " " + result.getRequest().getRequestURI(),
        new Answer(
            response.getStatus(),
            response.getContentType(),
            response.getContentAsString(StandardCharsets.UTF_8),
            result.getRequest().getRequestURI()),
        status,
        type);
  }

  public static JsonNode expect(HttpResponse<?> response, int status, String type) {
    return expect(
        response.request().method() + " " + response.request().uri(),
        Answer.of(response),
        status,
        type);
  }

  /** Asserts that the answer is a complete problem detail, whatever its status and type. */
  public static JsonNode expectProblem(HttpResponse<?> response) {
    Answer answer = Answer.of(response);
    return expect(
        response.request().method() + " " + response.request().uri(), answer, answer.status, null);
  }

  /** What makes the answer no complete problem detail of its status; empty when it is one. */
  public static List<String> violations(HttpResponse<?> response) {
    return Answer.of(response).violations();
  }

  private static JsonNode expect(String request, Answer answer, int status, String type) {
    assertThat(answer.status).as("status of %s, body %s", request, answer.body).isEqualTo(status);
    assertThat(answer.violations()).as("%s answered %s", request, answer.body).isEmpty();
    JsonNode problem = Json.read(answer.body);
    if (type != null) {
      assertThat(problem.path("type").asString())
          .as("type of %s", answer.body)
          .endsWith("/" + type);
    }
    return problem;
  }

  private record Answer(int status, String contentType, String body, String path) {
    static Answer of(HttpResponse<?> response) {
      Object body = response.body();
      String text =
          body instanceof byte[] bytes
              ? new String(bytes, StandardCharsets.UTF_8)
              : String.valueOf(body);
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null),
          text,
          response.request().uri().getRawPath());
    }

    List<String> violations() {
      List<String> violations = new ArrayList<>();
      if (!isProblemJson(contentType)) {
        violations.add("Content-Type '" + contentType + "', not application/problem+json");
        return violations;
      }
      JsonNode problem;
      try {
        problem = Json.read(body);
      } catch (JacksonException e) {
        violations.add("a problem detail that is not JSON");
        return violations;
      }
      for (String member : List.of("type", "title", "detail", "instance")) {
        if (!problem.path(member).isString() || problem.path(member).asString().isBlank()) {
          violations.add("no '" + member + "'");
        }
      }
      if (problem.path("status").asInt(-1) != status) {
        violations.add("member status " + problem.path("status") + " in a " + status);
      }
      if (!problem.path("instance").asString("").equals(path)) {
        violations.add("instance " + problem.path("instance") + ", not the path " + path);
      }
      if (body.contains("\tat ")
          || body.contains("Exception")
          || body.contains("[Ljava")
          || body.contains("static resource")) {
        violations.add("Java internals in the body");
      }
      return violations;
    }

    private static boolean isProblemJson(String contentType) {
      try {
        return contentType != null
            && MediaType.parseMediaType(contentType)
                .equalsTypeAndSubtype(MediaType.APPLICATION_PROBLEM_JSON);
      } catch (InvalidMediaTypeException e) {
        return false;
      }
    }
  }
}
