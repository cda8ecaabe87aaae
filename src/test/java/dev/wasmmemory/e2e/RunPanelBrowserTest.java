package dev.wasmmemory.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasmmemory.module.TestModules;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The playground's Run panel in headless Chromium: upload a module, see its imports and exports,
 * instantiate it on the open memory, call a function, and see the changed bytes highlighted; a trap
 * shows as the problem's message, with the stores before it highlighted too. Skipped without
 * Chromium, except under CI.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RunPanelBrowserTest {
  private static final Path CHROMIUM =
      Path.of(System.getProperty("playground.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER =
      Path.of(System.getProperty("playground.chromedriver", "/usr/bin/chromedriver"));

  private static ChromeDriver browser;
  private static Path profile;

  @LocalServerPort int port;

  @BeforeAll
  static void startBrowser() throws IOException {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(
          "Chromium or chromedriver is missing (CI=true, so the browser tests may not be skipped)");
    }
    Assumptions.assumeTrue(installed, "Chromium and chromedriver are not installed");
    profile = Files.createTempDirectory("run-panel-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--window-size=1440,2000",
        "--user-data-dir=" + profile);
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build(),
            options);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  private String createMemory() throws IOException, InterruptedException {
    HttpResponse<String> created =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/memories"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"initialPages\":1}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
  }

  private static WebDriverWait waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(10));
  }

  private static List<String> changedBytes() {
    return browser.findElements(By.cssSelector("#hex-view .byte.changed")).stream()
        .map(WebElement::getText)
        .toList();
  }

  @Test
  void runsAModuleOnTheOpenMemoryAndHighlightsWhatItWrote() throws Exception {
    String memoryId = createMemory();
    Path wasm = Files.createTempFile("store", ".wasm");
    Files.write(wasm, TestModules.bytes("store"));
    browser.get("http://127.0.0.1:" + port + "/#" + memoryId);
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("module-form")));

    browser.findElement(By.id("module-file")).sendKeys(wasm.toString());
    browser.findElement(By.cssSelector("#module-form button[type=submit]")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("module-details")));
    assertThat(browser.findElement(By.id("module-imports")).getText())
        .contains("env.memory: memory, at least 1 pages");
    assertThat(browser.findElement(By.id("module-exports")).getText())
        .contains("store: function (i32, i32) → ()");

    browser.findElement(By.id("instantiate")).click();
    waiting().until(d -> !new Select(d.findElement(By.id("call-function"))).getOptions().isEmpty());
    assertThat(browser.findElement(By.id("run-message")).getText()).contains("Instantiated");

    new Select(browser.findElement(By.id("call-function"))).selectByValue("store");
    browser.findElement(By.id("call-args")).sendKeys("16, 305419896");
    browser.findElement(By.cssSelector("#call-form button[type=submit]")).click();
    waiting().until(d -> changedBytes().size() == 4);
    assertThat(changedBytes()).containsExactly("78", "56", "34", "12");
    assertThat(browser.findElement(By.id("run-result")).getText()).contains("(no results)");

    new Select(browser.findElement(By.id("call-function"))).selectByValue("load");
    WebElement args = browser.findElement(By.id("call-args"));
    args.clear();
    args.sendKeys("16");
    browser.findElement(By.cssSelector("#call-form button[type=submit]")).click();
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("run-result"), "i32 305419896"));

    new Select(browser.findElement(By.id("call-function"))).selectByValue("store_then_trap");
    args.clear();
    args.sendKeys("32, 7");
    browser.findElement(By.cssSelector("#call-form button[type=submit]")).click();
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("run-message"), "unreachable"));
    waiting().until(d -> changedBytes().equals(List.of("07")));
  }
}
