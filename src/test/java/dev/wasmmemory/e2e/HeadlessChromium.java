package dev.wasmmemory.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * The headless Chromium the playground's browser tests drive, with a profile of its own that is
 * deleted when it quits.
 *
 * <p>Needs {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} ({@code apt-get install
 * chromium chromium-driver}; other places with {@code -Dplayground.chromium=…} and {@code
 * -Dplayground.chromedriver=…}). Without them the tests are skipped, except under CI ({@code
 * CI=true}), where they fail: a CI run must not pass by skipping its browser tests.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final Path CHROMIUM =
      Path.of(System.getProperty("playground.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER =
      Path.of(System.getProperty("playground.chromedriver", "/usr/bin/chromedriver"));

  private final Path profile;
  private final ChromeDriverService service;
  private final ChromeDriver driver;

  private HeadlessChromium(Path profile, ChromeDriverService service, ChromeDriver driver) {
    this.profile = profile;
    this.service = service;
    this.driver = driver;
  }

  /**
   * Null when Chromium and its driver are installed; otherwise the reason to skip, or under CI a
   * failure.
   */
  static String missing() {
    for (Path binary : new Path[] {CHROMIUM, CHROMEDRIVER}) {
      if (!Files.isExecutable(binary)) {
        String message =
            binary + " is missing: install it with `apt-get install -y chromium chromium-driver`";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          fail(message + " (CI=true, so the browser tests may not be skipped)");
        }
        return "Playground browser tests skipped: " + message;
      }
    }
    return null;
  }

  /** Starts a browser with a window of {@code width} × {@code height}. */
  static HeadlessChromium start(int width, int height) throws IOException {
    Path profile = Files.createTempDirectory("playground-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new HeadlessChromium(profile, service, new ChromeDriver(service, options));
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Waits up to {@link #TIMEOUT} for {@code condition}. */
  <T> void waitFor(Function<? super WebDriver, T> condition) {
    new WebDriverWait(driver, TIMEOUT).until(condition);
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    service.stop();
    FileSystemUtils.deleteRecursively(profile);
  }
}
