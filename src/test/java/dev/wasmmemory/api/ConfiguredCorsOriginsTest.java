package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wasmmemory.testing.LimitedDeployment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** CORS with {@code memory.cors-allowed-origins=https://playground.example}. */
@LimitedDeployment
class ConfiguredCorsOriginsTest {
  @Autowired MockMvc mvc;

  @Test
  void aPreflightFromTheConfiguredOriginIsAllowed() throws Exception {
    String allowed =
        mvc.perform(
                options("/memories/x/bytes")
                    .header("Origin", "https://playground.example")
                    .header("Access-Control-Request-Method", "PUT"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getHeader("Access-Control-Allow-Origin");
    assertThat(allowed).isEqualTo("https://playground.example");
  }

  @Test
  void aPreflightFromAnotherOriginIsRefused() throws Exception {
    mvc.perform(
            options("/memories/x/bytes")
                .header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "PUT"))
        .andExpect(status().isForbidden());
  }
}
