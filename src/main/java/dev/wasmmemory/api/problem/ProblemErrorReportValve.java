package dev.wasmmemory.api.problem;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's answer to a request it refuses before any servlet sees it (an encoded {@code /} or NUL
 * in the path, a malformed request line): a problem detail instead of Tomcat's HTML page.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    ProblemType type = status >= 500 ? ProblemType.INTERNAL_ERROR : ProblemType.INVALID_REQUEST;
    ProblemDetail problem =
        ProblemDetails.of(
                type,
                "the server refused the request before reading it (for example an encoded '/'"
                    + " or NUL in the path)")
            .body();
    String json =
        "{\"type\":\""
            + problem.getType()
            + "\",\"title\":\""
            + problem.getTitle()
            + "\",\"status\":"
            + status
            + ",\"detail\":\""
            + jsonEscape(problem.getDetail())
            + "\",\"instance\":\""
            + jsonEscape(String.valueOf(request.getRequestURI()))
            + "\"}";
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(json);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The connection is gone or the response committed meanwhile: nothing left to tell.
    }
  }

  private static String jsonEscape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        escaped.append('\\').append(c);
      } else if (c < 0x20) {
        escaped.append(String.format("\\u%04x", (int) c));
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
