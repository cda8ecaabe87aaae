package dev.wasmmemory.api.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The response headers that carry the protocol: entity tags (for If-Match, If-None-Match,
 * If-Range), where a new memory is, and what part of the bytes a range answer holds. Defined once
 * under {@code components/headers} and referred to by the responses that send them.
 */
final class ResponseHeaders implements OpenApiCustomizer {
  private static final String ETAG = "ETag";
  private static final String LOCATION = "Location";
  private static final String CONTENT_RANGE = "Content-Range";
  private static final String ACCEPT_RANGES = "Accept-Ranges";
  private static final String CONTENT_DISPOSITION = "Content-Disposition";
  private static final String WWW_AUTHENTICATE = "WWW-Authenticate";
  private static final String RETRY_AFTER = "Retry-After";

  /** Status, then the headers every answer of it carries, whatever the operation. */
  private static final Map<String, List<String>> ALWAYS =
      Map.of(
          "401", List.of(WWW_AUTHENTICATE),
          "403", List.of(WWW_AUTHENTICATE),
          "429", List.of(RETRY_AFTER));

  /** Operation id, then status, then the headers its answer carries. */
  private static final Map<String, Map<String, List<String>>> SENT =
      Map.of(
          "createMemory", Map.of("201", List.of(LOCATION, ETAG)),
          "createShare", Map.of("201", List.of(LOCATION)),
          "getMemory", Map.of("200", List.of(ETAG), "304", List.of(ETAG)),
          "readValue", Map.of("200", List.of(ETAG), "304", List.of(ETAG)),
          "runBatch", Map.of("200", List.of(ETAG)),
          "readBytes",
              Map.of(
                  "200", List.of(ETAG, ACCEPT_RANGES, CONTENT_DISPOSITION),
                  "206", List.of(ETAG, CONTENT_RANGE, ACCEPT_RANGES, CONTENT_DISPOSITION),
                  "304", List.of(ETAG),
                  "416", List.of(CONTENT_RANGE)));

  static Map<String, Header> definitions() {
    Map<String, Header> headers = new LinkedHashMap<>();
    headers.put(
        ETAG,
        header(
            "The entity tag of what was read: the memory's version, and for the JSON and hex"
                + " representations of its bytes a tag of their own. Send it back in If-Match,"
                + " If-None-Match or If-Range.",
            "\"12\""));
    headers.put(
        LOCATION,
        header(
            "The path of the new memory (of a new share link: the path that revokes it)",
            "/memories/{id}"));
    headers.put(
        CONTENT_RANGE,
        header(
            "The range sent, of the selected region's length (206), or that length alone (416)",
            "bytes 0-3/65536"));
    headers.put(ACCEPT_RANGES, header("Raw reads take a single byte range", "bytes"));
    headers.put(
        CONTENT_DISPOSITION,
        header(
            "Raw reads: an attachment named after the memory and region",
            "attachment; filename=\"{id}-0-65536.bin\""));
    headers.put(
        WWW_AUTHENTICATE,
        header(
            "The bearer challenge of RFC 6750: error invalid_token for a bad token,"
                + " insufficient_scope with the scope needed",
            "Bearer error=\"insufficient_scope\", scope=\"memory:write\""));
    headers.put(RETRY_AFTER, header("Seconds until the rate limit admits a request", "1"));
    return headers;
  }

  private static Header header(String description, String example) {
    return new Header().description(description).schema(new StringSchema()).example(example);
  }

  @Override
  public void customise(OpenAPI openApi) {
    for (PathItem path : openApi.getPaths().values()) {
      for (Operation operation : path.readOperations()) {
        SENT.getOrDefault(operation.getOperationId(), Map.of())
            .forEach((status, names) -> add(operation.getResponses().get(status), names));
        ALWAYS.forEach((status, names) -> add(operation.getResponses().get(status), names));
      }
    }
  }

  private static void add(ApiResponse response, List<String> names) {
    if (response == null) {
      return;
    }
    for (String name : names) {
      response.addHeaderObject(name, new Header().$ref("#/components/headers/" + name));
    }
  }
}
