package dev.wasmmemory.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.WasmMemoryApplication;
import dev.wasmmemory.testing.Json;
import dev.wasmmemory.testing.Problems;
import dev.wasmmemory.testing.ServiceHttp;
import dev.wasmmemory.testing.Tokens;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The default store (RocksDB) keeps owners across a restart: the owner's memories are its own
 * again, another owner's still answer 404, the count quota still counts them, and a share link made
 * before the restart still reads (its record and the signing key are stored).
 */
class OwnersAcrossRestartsTest {
  @TempDir Path data;

  private ConfigurableApplicationContext start() {
    return SpringApplication.run(
        WasmMemoryApplication.class,
        "--server.port=0",
        "--server.address=127.0.0.1",
        "--spring.main.banner-mode=off",
        "--memory.data-dir=" + data,
        "--memory.security=jwt",
        "--memory.security.jwt.secret=" + Tokens.SECRET,
        "--memory.quota.max-memories=2");
  }

  private static ServiceHttp http(ConfigurableApplicationContext service) {
    return new ServiceHttp(((WebServerApplicationContext) service).getWebServer().getPort());
  }

  @Test
  void ownersQuotasAndShareLinksSurviveARestart() throws Exception {
    String alice = Tokens.of("alice-" + UUID.randomUUID());
    String bob = Tokens.of("bob-" + UUID.randomUUID());
    String first;
    String second;
    String shareToken;
    try (ConfigurableApplicationContext service = start()) {
      ServiceHttp http = http(service).withBearer(alice);
      first = http.create(1);
      second = http.create(1);
      http.write(first, 0, new byte[] {42});
      shareToken =
          Json.read(
                  ServiceHttp.text(
                      http.json(
                          "POST",
                          "/memories/" + first + "/shares",
                          "{\"access\":\"read\",\"expiresIn\":\"PT1H\"}")))
              .get("token")
              .asString();
    }

    try (ConfigurableApplicationContext service = start()) {
      ServiceHttp anonymous = http(service);
      ServiceHttp http = anonymous.withBearer(alice);
      assertThat(http.read(first)[0]).isEqualTo((byte) 42);
      assertThat(ServiceHttp.text(http.get("/memories"))).contains(first, second);
      Problems.expect(anonymous.withBearer(bob).get("/memories/" + first), 404, "memory-not-found");
      assertThat(ServiceHttp.text(anonymous.withBearer(bob).get("/memories")))
          .doesNotContain(first);
      Problems.expect(
          http.json("POST", "/memories", "{\"initialPages\":1}"), 507, "quota-exceeded");
      assertThat(anonymous.withBearer(shareToken).read(first)[0]).isEqualTo((byte) 42);
    }
  }
}
