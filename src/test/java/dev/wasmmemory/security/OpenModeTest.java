package dev.wasmmemory.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.testing.DefaultDeployment;
import dev.wasmmemory.testing.Problems;
import dev.wasmmemory.testing.ServiceHttp;
import dev.wasmmemory.testing.Tokens;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code memory.security=open} (the default): no security filter at all, a token is ignored, and
 * share links do not exist (they would restrict nothing).
 */
@DefaultDeployment
class OpenModeTest {
  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  @Test
  void noSecurityFilterChainIsConfigured() {
    assertThat(context.getBeansOfType(SecurityFilterChain.class)).isEmpty();
    assertThat(context.containsBean("springSecurityFilterChain")).isFalse();
  }

  @Test
  void aTokenIsIgnoredAndAnyoneReadsAnyMemory() throws Exception {
    ServiceHttp http = new ServiceHttp(port);
    String id = http.create(1);
    assertThat(http.withBearer(Tokens.of("someone")).get("/memories/" + id).statusCode())
        .isEqualTo(200);
    assertThat(http.withBearer("garbage").get("/memories/" + id).statusCode()).isEqualTo(200);
  }

  @Test
  void shareLinksAreNotFound() throws Exception {
    ServiceHttp http = new ServiceHttp(port);
    String id = http.create(1);
    HttpResponse<byte[]> made =
        http.json(
            "POST", "/memories/" + id + "/shares", "{\"access\":\"read\",\"expiresIn\":\"PT1H\"}");
    Problems.expect(made, 404, "not-found");
  }
}
