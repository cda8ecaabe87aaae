package dev.wasmmemory.testing;

import java.nio.charset.StandardCharsets;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads response bodies as JSON trees. */
public final class Json {
  public static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  public static JsonNode read(String body) {
    return MAPPER.readTree(body);
  }

  public static JsonNode read(MvcResult result) throws Exception {
    return read(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
  }
}
