package dev.wasmmemory.fuzz;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A concrete request of {@link ApiFuzzTest} and what the contract says about it: the faults it was
 * built with (each with the status the contract gives it, 0 for "some 4xx"), whether some choice
 * leaves the outcome open, the status of success, what success does to the model, and how to check
 * a successful answer against the model.
 */
final class FuzzRequest {
  final String operationId;

  /** The memory the path names when the fuzzer holds it, else null. */
  String memoryId;

  String method;
  final StringBuilder path = new StringBuilder();
  final Map<String, String> headers = new LinkedHashMap<>();
  byte[] body;

  final List<String> faults = new ArrayList<>();
  final TreeSet<Integer> faultStatuses = new TreeSet<>();
  final List<String> uncertainties = new ArrayList<>();

  /** 507 memory-budget-exceeded or memory-limit-exceeded is a fair answer. */
  boolean mayExceedLimits;

  int successStatus = 200;

  /** The request carries a condition that matches the current entity tag (a 304 on reads). */
  boolean notModified;

  /** Applied to the model when the service acknowledges the request (2xx). */
  Consumer<HttpResponse<byte[]>> effect = response -> {};

  /** Checks a 2xx answer against the model; returns what is wrong, or null. */
  Function<HttpResponse<byte[]>, String> check = response -> null;

  FuzzRequest(String operationId, String method) {
    this.operationId = operationId;
    this.method = method;
  }

  void fault(int status, String reason) {
    faults.add(reason + (status == 0 ? "" : " (" + status + ")"));
    faultStatuses.add(status);
  }

  void uncertain(String reason) {
    uncertainties.add(reason);
  }

  boolean valid() {
    return faults.isEmpty();
  }

  void query(String name, String value) {
    if (value != null) {
      path.append(path.indexOf("?") < 0 ? '?' : '&').append(name).append('=').append(value);
    }
  }

  /** The status the contract requires, or -1 when it leaves a choice. */
  int expectedStatus() {
    if (!uncertainties.isEmpty()) {
      return -1;
    }
    if (faults.isEmpty()) {
      return notModified ? 304 : successStatus;
    }
    return faultStatuses.size() == 1 && faultStatuses.first() != 0 && !notModified
        ? faultStatuses.first()
        : -1;
  }

  /** The request as a curl command line, to reproduce it by hand. */
  String describe() {
    StringBuilder out = new StringBuilder("curl -i -X ").append(method);
    headers.forEach(
        (name, value) -> out.append(" -H '").append(name).append(": ").append(value).append('\''));
    if (body != null) {
      String text = new String(body, StandardCharsets.UTF_8);
      boolean printable = text.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\n');
      if (printable && text.length() <= 400) {
        out.append(" --data-binary '").append(text).append('\'');
      } else if (printable) {
        out.append(" --data-binary '")
            .append(text, 0, 200)
            .append("…' (")
            .append(body.length)
            .append(" bytes)");
      } else {
        out.append(" --data-binary @<").append(body.length).append(" binary bytes>");
      }
    }
    out.append(" 'http://127.0.0.1:$PORT").append(path).append('\'');
    if (!faults.isEmpty()) {
      out.append("\n    faults: ").append(faults);
    }
    if (!uncertainties.isEmpty()) {
      out.append("\n    open: ").append(uncertainties);
    }
    return out.toString();
  }
}
