package dev.wasmmemory.fuzz;

import static dev.wasmmemory.fuzz.FuzzMemoryOps.JSON;

import dev.wasmmemory.testing.Problems;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What every answer must satisfy, whatever the request: no 5xx (but a 507 where the limits allow
 * it), RFC 9457 problem details on every 4xx, the status the contract gives the request when it
 * gives one, never a 2xx for a request the contract refuses, and a successful answer that agrees
 * with the model.
 */
final class FuzzOracle {
  private static final Set<String> LIMIT_TYPES =
      Set.of("/problems/memory-budget-exceeded", "/problems/memory-limit-exceeded");

  private FuzzOracle() {}

  static List<String> violations(FuzzRequest request, HttpResponse<byte[]> response) {
    List<String> violations = new ArrayList<>();
    int status = response.statusCode();
    boolean head = request.method.equals("HEAD");
    if (status >= 400) {
      String problem = head ? null : problemDetails(response);
      if (problem != null) {
        violations.add(problem);
      }
    }
    if (status >= 500 && !(status == 507 && request.mayExceedLimits && limitProblem(response))) {
      violations.add("a " + status + " (no request may get a 5xx)");
    }
    int expected = request.expectedStatus();
    if (expected >= 0 && status != expected && !(status == 507 && request.mayExceedLimits)) {
      violations.add("status " + status + " where the contract gives " + expected);
    } else if (!request.valid() && status >= 200 && status < 300) {
      violations.add("a " + status + " for a request the contract refuses");
    }
    if (status == 416 && !head) {
      String range = response.headers().firstValue("Content-Range").orElse("");
      if (!range.matches("bytes \\*/\\d+")) {
        violations.add("a 416 without 'Content-Range: bytes */<length>' (got '" + range + "')");
      }
    }
    if (status == 304
        && (response.body().length > 0 || response.headers().firstValue("ETag").isEmpty())) {
      violations.add("a 304 with a body or without an ETag");
    }
    if (status >= 200 && status < 300 && violations.isEmpty()) {
      String wrong = head ? emptyBody(response) : request.check.apply(response);
      if (wrong != null) {
        violations.add(wrong);
      }
    }
    return violations;
  }

  /** Null when the answer is a complete problem detail of its status. */
  private static String problemDetails(HttpResponse<byte[]> response) {
    List<String> violations = Problems.violations(response);
    return violations.isEmpty()
        ? null
        : "a " + response.statusCode() + " that is no complete problem detail: " + violations;
  }

  private static boolean limitProblem(HttpResponse<byte[]> response) {
    try {
      return LIMIT_TYPES.contains(JSON.readTree(response.body()).path("type").asString());
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String emptyBody(HttpResponse<byte[]> response) {
    return response.body().length == 0 ? null : "an answer to HEAD with a body";
  }
}
