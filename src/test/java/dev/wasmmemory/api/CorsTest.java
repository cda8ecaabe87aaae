package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wasmmemory.testing.DefaultDeployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** CORS with the default {@code memory.cors-allowed-origins} (every origin). */
@DefaultDeployment
class CorsTest {
  private static final String ORIGIN = "https://playground.example";

  @Autowired MockMvc mvc;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "PUT, /memories/x/bytes",
    "GET, /memories/x/bytes",
    "POST, /memories",
    "DELETE, /memories/x",
    "POST, /memories/x/copy",
    "PUT, /memories/x/values/f64",
    "POST, /modules",
    "POST, /modules/x/instances",
    "POST, /instances/x/invoke",
    "DELETE, /instances/x"
  })
  void aPreflightFromAnotherOriginIsAllowedAndExposesETag(String method, String path)
      throws Exception {
    MockHttpServletResponse response =
        mvc.perform(
                options(path)
                    .header("Origin", ORIGIN)
                    .header("Access-Control-Request-Method", method)
                    .header("Access-Control-Request-Headers", "If-Match, Content-Type, Range"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse();
    assertThat(response.getHeader("Access-Control-Allow-Origin")).isIn(ORIGIN, "*");
    assertThat(response.getHeader("Access-Control-Allow-Methods")).contains(method);
    assertThat(response.getHeader("Access-Control-Allow-Headers").toLowerCase())
        .contains("if-match", "content-type", "range");
    assertThat(response.getHeader("Access-Control-Expose-Headers")).contains("ETag");
  }

  @Test
  void aCrossOriginReadExposesTheHeadersAClientNeeds() throws Exception {
    String id = new MemoryApi(mvc).create(1);
    MockHttpServletResponse response =
        mvc.perform(get("/memories/{id}/bytes", id).header("Origin", ORIGIN))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse();
    assertThat(response.getHeader("Access-Control-Allow-Origin")).isIn(ORIGIN, "*");
    assertThat(response.getHeader("Access-Control-Expose-Headers"))
        .contains("ETag", "Content-Range", "Accept-Ranges");
    assertThat(response.getHeader("ETag")).isNotNull();
  }

  @Test
  void aCrossOriginErrorIsReadableToo() throws Exception {
    MockHttpServletResponse response =
        mvc.perform(get("/memories/nope").header("Origin", ORIGIN))
            .andExpect(status().isNotFound())
            .andReturn()
            .getResponse();
    assertThat(response.getHeader("Access-Control-Allow-Origin")).isIn(ORIGIN, "*");
  }
}
