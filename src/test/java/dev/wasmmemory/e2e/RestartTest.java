package dev.wasmmemory.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmmemory.WasmMemoryApplication;
import dev.wasmmemory.store.StoreUnavailableException;
import dev.wasmmemory.testing.Json;
import dev.wasmmemory.testing.ServiceHttp;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The default deployment (the RocksDB store) across a restart, over HTTP: a memory, its bytes,
 * size, limits and entity tag are there again; a second service on the same data directory is
 * refused with a clear start-up error.
 */
class RestartTest {
  @TempDir Path data;

  private ConfigurableApplicationContext start() {
    return SpringApplication.run(
        WasmMemoryApplication.class,
        "--server.port=0",
        "--server.address=127.0.0.1",
        "--spring.main.banner-mode=off",
        "--memory.data-dir=" + data);
  }

  private static ServiceHttp http(ConfigurableApplicationContext service) {
    return new ServiceHttp(((WebServerApplicationContext) service).getWebServer().getPort());
  }

  @Test
  void aMemoryAndItsEntityTagSurviveARestart() throws Exception {
    String id;
    String tag;
    byte[] bytes;
    String snapshot;
    byte[] afterRestore;
    try (ConfigurableApplicationContext service = start()) {
      ServiceHttp http = http(service);
      id = http.create(2, 8L);
      http.write(id, 65530, "across a page boundary".getBytes());
      assertThat(http.json("POST", "/memories/" + id + "/grow", "{\"pages\":1}").statusCode())
          .isEqualTo(200);
      tag = http.etag(id);
      bytes = http.read(id);
      snapshot =
          Json.read(ServiceHttp.text(http.json("POST", "/memories/" + id + "/snapshots", "")))
              .get("id")
              .asString();
      http.write(id, 0, new byte[] {7});
      http.json("POST", "/memories/" + id + "/restore", "{\"snapshotId\":\"" + snapshot + "\"}");
      http.write(id, 1, new byte[] {8});
      afterRestore = http.read(id);
      tag = http.etag(id);
    }

    try (ConfigurableApplicationContext service = start()) {
      ServiceHttp http = http(service);
      assertThat(http.get("/memories/" + id + "/snapshots/" + snapshot + "/bytes").body())
          .isEqualTo(bytes);
      assertThat(http.read(id)).isEqualTo(afterRestore);
      assertThat(ServiceHttp.text(http.get("/memories/" + id + "/diff?from=" + snapshot)))
          .contains("\"ranges\":[{\"offset\":1,\"length\":1}]");
      assertThat(http.etag(id)).isEqualTo(tag);
      assertThat(http.info(id).path("maximumPages").asInt()).isEqualTo(8);
      assertThat(http.info(id).path("currentPages").asInt()).isEqualTo(3);
      assertThat(
              http.send("GET", "/memories/" + id, Map.of("If-None-Match", tag), null).statusCode())
          .isEqualTo(304);
      // A write after the restart copies the page the snapshot holds, not into it.
      http.write(id, 65530, new byte[] {1});
      assertThat(http.get("/memories/" + id + "/snapshots/" + snapshot + "/bytes").body())
          .isEqualTo(bytes);
    }
  }

  @Test
  void aSecondServiceOnTheSameDataDirectoryIsRefusedClearly() {
    try (ConfigurableApplicationContext service = start()) {
      assertThatThrownBy(this::start)
          .hasRootCauseInstanceOf(org.rocksdb.RocksDBException.class)
          .rootCause()
          .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("lock"));
      assertThatThrownBy(this::start)
          .satisfies(
              e -> {
                Throwable cause = e;
                while (cause != null && !(cause instanceof StoreUnavailableException)) {
                  cause = cause.getCause();
                }
                assertThat(cause)
                    .isNotNull()
                    .hasMessageContaining("in use by another process")
                    .hasMessageContaining(data.toAbsolutePath().toString());
              });
    }
  }
}
