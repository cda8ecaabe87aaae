package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wasmmemory.testing.DefaultDeployment;
import dev.wasmmemory.testing.Json;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The WebAssembly spec test suite's memory scripts (kept in {@code
 * src/test/resources/wasm-testsuite}), converted with wabt's {@code wast2json} and run command by
 * command through the HTTP API on a real port. Prints the counts of each file. Without wabt it is
 * skipped, except in CI, where it fails.
 */
@DefaultDeployment
class SpecSuiteTest {
  /**
   * The suite's files, kept in the repository ({@code src/test/resources/wasm-testsuite}: the eight
   * of {@code shared/wasm-testsuite} and eight more of the suite's memory scripts, unchanged, see
   * its README; a clean clone must carry what its tests need); {@code -Dspec.suite=…} runs another
   * folder of {@code .wast} files.
   */
  private static Path suite() {
    String given = System.getProperty("spec.suite");
    return given != null ? Path.of(given) : Path.of("src", "test", "resources", "wasm-testsuite");
  }

  @LocalServerPort int port;

  @Test
  void everyMemoryScriptPassesThroughHttp() throws Exception {
    boolean wabt = WastConverter.available();
    if (System.getenv("CI") == null) {
      assumeTrue(wabt, "wabt's wast2json is not installed");
      assumeTrue(Files.isDirectory(suite()), "the spec suite is not at " + suite());
    }
    assertThat(wabt).as("wast2json on the PATH (CI installs wabt)").isTrue();
    List<Path> scripts;
    try (Stream<Path> files = Files.list(suite())) {
      scripts = files.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
    }
    assertThat(scripts).isNotEmpty();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<String> failures = new ArrayList<>();
    for (Path wast : scripts) {
      String name = wast.getFileName().toString().replace(".wast", "");
      Path out = Path.of("target", "spec", name);
      WastConverter.Converted converted = WastConverter.convert(wast, out);
      SpecScript script = new SpecScript(client, port, out);
      script.run(Json.MAPPER.readTree(converted.json().toFile()));
      StringBuilder line = new StringBuilder();
      line.append(
          String.format(
              "spec %-12s passed %5d, failed %3d", name, script.passed, script.failures.size()));
      converted
          .skips()
          .forEach(
              s ->
                  line.append(
                      String.format("%n  skipped form at line %d: %s", s.line(), s.reason())));
      script.skipped.forEach(
          (reason, n) -> line.append(String.format("%n  skipped %d: %s", n, reason)));
      System.out.println(line);
      script.failures.forEach(f -> failures.add(name + ": " + f));
    }
    assertThat(failures).isEmpty();
  }
}
