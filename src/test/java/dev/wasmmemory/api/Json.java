package dev.wasmmemory.api;

import java.nio.charset.StandardCharsets;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads response bodies as JSON trees. */
final class Json {
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  static JsonNode read(String body) {
    return MAPPER.readTree(body);
  }

  static JsonNode read(MvcResult result) throws Exception {
    return read(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
  }
}
