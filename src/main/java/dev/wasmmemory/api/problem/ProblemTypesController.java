package dev.wasmmemory.api.problem;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.HtmlUtils;

/**
 * Serves a short page for each problem {@code type} URI, so that {@code /problems/out-of-bounds} in
 * an error response leads somewhere that explains it (RFC 9457 §3.1.1).
 */
@RestController
@Hidden
class ProblemTypesController {

  @GetMapping(path = "/problems/{slug}", produces = MediaType.TEXT_HTML_VALUE)
  String describe(@PathVariable String slug) {
    String body =
        Arrays.stream(ProblemType.values())
            .filter(type -> type.slug().equals(slug))
            .map(
                type ->
                    "<h2>"
                        + type.status().value()
                        + " "
                        + HtmlUtils.htmlEscape(type.title())
                        + "</h2><p>"
                        + HtmlUtils.htmlEscape(type.description())
                        + "</p>")
            .collect(Collectors.joining());
    if (body.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no problem type " + slug);
    }
    return "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>"
        + HtmlUtils.htmlEscape(slug)
        + " – wasm-memory-service</title><body><h1><code>/problems/"
        + HtmlUtils.htmlEscape(slug)
        + "</code></h1>"
        + body
        + "<p><a href=\"/swagger-ui.html\">API documentation</a></p></body></html>";
  }
}
