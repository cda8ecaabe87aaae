package dev.wasmmemory.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redocly CLI's recommended rules on the checked-in {@code openapi/openapi.yaml}: no error and no
 * warning (the issue found 12 errors: no security declared). Needs Node (see {@link NodeProject}).
 */
class RedoclyLintTest {

  @Test
  void theSpecPassesRedoclysRecommendedRules() {
    NodeProject.require();
    NodeProject.Run run = NodeProject.npm("lint:spec", Map.of());
    assertThat(run.exitCode()).as("redocly lint:\n%s", run.tail()).isZero();
    assertThat(run.output())
        .as(run.tail())
        .contains("Your API description is valid")
        .doesNotContainPattern("\\d+:\\d+\\s+(error|warning)");
  }
}
