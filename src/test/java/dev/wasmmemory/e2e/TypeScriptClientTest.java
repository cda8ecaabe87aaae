package dev.wasmmemory.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.testing.DefaultDeployment;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The TypeScript client of {@code clients/typescript}: its types generated from the checked-in spec
 * by openapi-typescript, compiled under {@code tsc --strict} (no casts in it or its test), and its
 * playground flow ({@code test/playground.test.ts}, node's test runner) run against this service.
 * Needs Node and npm (see {@link NodeProject}).
 */
@DefaultDeployment
class TypeScriptClientTest {
  @LocalServerPort int port;

  @BeforeEach
  void requireNode() {
    NodeProject.require();
  }

  @Test
  void thePlaygroundFlowPassesOnTheTypedClient() {
    NodeProject.Run run =
        NodeProject.npm("test", Map.of("WASM_MEMORY_URL", "http://127.0.0.1:" + port));
    assertThat(run.exitCode()).as("npm test:\n%s", run.tail()).isZero();
    assertThat(run.output()).as(run.tail()).containsPattern("# pass [1-9]").contains("# fail 0");
    System.out.println("TypeScript client: " + summary(run.output()));
  }

  /** node's test runner closes with "# tests N", "# pass N", "# fail N" lines. */
  private static String summary(String output) {
    return output
        .lines()
        .filter(line -> line.matches("# (tests|pass|fail) \\d+"))
        .map(line -> line.substring(2))
        .reduce((a, b) -> a + ", " + b)
        .orElse("no summary");
  }
}
