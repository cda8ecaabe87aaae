package dev.wasmmemory.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import dev.wasmmemory.testing.DefaultDeployment;
import dev.wasmmemory.testing.ServiceHttp;
import dev.wasmmemory.testing.TestModules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The playground's Run panel in {@link HeadlessChromium}: upload a module, see its imports and
 * exports, instantiate it on the open memory, call a function, and see the changed bytes
 * highlighted; a trap shows as the problem's message, with the stores before it highlighted too.
 */
@DefaultDeployment
class RunPanelBrowserTest {
  private static HeadlessChromium chromium;
  private static ChromeDriver browser;

  @LocalServerPort int port;

  @BeforeAll
  static void startBrowser() throws IOException {
    String skipped = HeadlessChromium.missing();
    Assumptions.assumeTrue(skipped == null, skipped);
    chromium = HeadlessChromium.start(1440, 2000);
    browser = chromium.driver();
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    if (chromium != null) {
      chromium.close();
    }
  }

  private static List<String> changedBytes() {
    return browser.findElements(By.cssSelector("#hex-view .byte.changed")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private static void call(String function, String args) {
    new Select(browser.findElement(By.id("call-function"))).selectByValue(function);
    WebElement input = browser.findElement(By.id("call-args"));
    input.clear();
    input.sendKeys(args);
    browser.findElement(By.cssSelector("#call-form button[type=submit]")).click();
  }

  @Test
  void runsAModuleOnTheOpenMemoryAndHighlightsWhatItWrote() throws Exception {
    ServiceHttp api = new ServiceHttp(port);
    String memoryId = api.create(1);
    Path wasm = Files.createTempFile("store", ".wasm");
    Files.write(wasm, TestModules.bytes("store"));
    browser.get("http://127.0.0.1:" + port + "/#" + memoryId);
    chromium.waitFor(visibilityOfElementLocated(By.id("module-form")));

    browser.findElement(By.id("module-file")).sendKeys(wasm.toString());
    browser.findElement(By.cssSelector("#module-form button[type=submit]")).click();
    chromium.waitFor(visibilityOfElementLocated(By.id("module-details")));
    Files.delete(wasm);
    assertThat(browser.findElement(By.id("module-imports")).getText())
        .contains("env.memory: memory, at least 1 pages");
    assertThat(browser.findElement(By.id("module-exports")).getText())
        .contains("store: function (i32, i32) → ()");

    browser.findElement(By.id("instantiate")).click();
    chromium.waitFor(
        d -> !new Select(d.findElement(By.id("call-function"))).getOptions().isEmpty());
    assertThat(browser.findElement(By.id("run-message")).getText()).contains("Instantiated");

    call("store", "16, 305419896");
    chromium.waitFor(d -> changedBytes().size() == 4);
    assertThat(changedBytes()).containsExactly("78", "56", "34", "12");
    assertThat(browser.findElement(By.id("run-result")).getText()).contains("(no results)");

    call("load", "16");
    chromium.waitFor(textToBePresentInElementLocated(By.id("run-result"), "i32 305419896"));

    call("store_then_trap", "32, 7");
    chromium.waitFor(textToBePresentInElementLocated(By.id("run-message"), "unreachable"));
    chromium.waitFor(d -> changedBytes().equals(List.of("07")));
    assertThat(api.send("DELETE", "/memories/" + memoryId, Map.of(), null).statusCode())
        .isEqualTo(204);
  }
}
