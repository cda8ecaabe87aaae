package dev.wasmmemory.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The npm project {@code clients/typescript} (the TypeScript client, and Redocly for the spec), run
 * with the Node that is on the PATH. Without Node the tests that need it are skipped, except under
 * CI ({@code CI=true}), where they fail: a CI run must not pass by skipping them. Its dependencies
 * are installed once per test run ({@code npm ci}, from the lock file).
 */
final class NodeProject {
  static final Path DIRECTORY = Path.of("clients", "typescript");
  private static final long TIMEOUT_MINUTES = 5;

  private NodeProject() {}

  /** What a command printed (stdout and stderr together) and how it ended. */
  record Run(int exitCode, String output) {
    /** The last lines, for a failure message. */
    String tail() {
      String[] lines = output.split("\n");
      return String.join(
          "\n", List.of(lines).subList(Math.max(0, lines.length - 60), lines.length));
    }
  }

  /** Skips (or under CI fails) the calling test when Node or npm is missing; installs once. */
  static void require() {
    String missing = missingNode();
    if (missing != null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(missing + " (CI=true, so the Node tests may not be skipped)");
      }
      System.err.println("WARNING: Node tests skipped: " + missing);
      Assumptions.abort(missing);
    }
    Run install = Installation.RESULT;
    if (install.exitCode() != 0) {
      fail("npm ci failed in " + DIRECTORY + ":\n" + install.tail());
    }
  }

  /** Runs {@code npm run <script>} with {@code environment} added; output kept in target/. */
  static Run npm(String script, Map<String, String> environment) {
    return run(environment, "npm", "run", "--silent", script);
  }

  private static String missingNode() {
    for (String tool : new String[] {"node", "npm"}) {
      if (onPath(tool) == null) {
        return tool + " is not on the PATH: install it with `apt-get install -y nodejs npm`";
      }
    }
    return null;
  }

  private static Path onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static Run run(Map<String, String> environment, String... command) {
    try {
      Path log = Files.createTempFile(Path.of("target"), "npm-", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(DIRECTORY.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      // No telemetry or update checks: the build reaches only the package registries.
      builder.environment().put("REDOCLY_TELEMETRY", "off");
      builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
      builder.environment().put("NO_UPDATE_NOTIFIER", "1");
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return new Run(-1, String.join(" ", command) + " ran past " + TIMEOUT_MINUTES + " min");
      }
      return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Run(-1, String.join(" ", command) + " could not run: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Run(-1, "interrupted");
    }
  }

  /** {@code npm ci}, run the first time a test needs the project (class initialisation). */
  private static final class Installation {
    static final Run RESULT = run(Map.of(), commandLine());

    private static String[] commandLine() {
      List<String> command = new ArrayList<>(List.of("npm", "ci", "--no-audit", "--no-fund"));
      return command.toArray(String[]::new);
    }
  }
}
