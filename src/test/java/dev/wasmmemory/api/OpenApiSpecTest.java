package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.wasmmemory.testing.DefaultDeployment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The checked-in {@code openapi/openapi.yaml} is the document the service serves. To regenerate it
 * after an API change: {@code mvn test -Dtest=OpenApiSpecTest -Dopenapi.write=true}.
 */
@DefaultDeployment
class OpenApiSpecTest {
  private static final Path CHECKED_IN = Path.of("openapi/openapi.yaml");

  @Autowired MockMvc mvc;

  @Test
  void servedSpecEqualsTheCheckedInFile() throws Exception {
    String served =
        mvc.perform(get("/v3/api-docs.yaml"))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    if (Boolean.getBoolean("openapi.write")) {
      Files.writeString(CHECKED_IN, served);
    }
    assertThat(served).contains("openapi: 3.1.0").contains("- url: /");
    assertThat(Files.readString(CHECKED_IN))
        .as(
            "openapi/openapi.yaml differs from the served spec; regenerate it with"
                + " `mvn test -Dtest=OpenApiSpecTest -Dopenapi.write=true`")
        .isEqualTo(served);
  }
}
