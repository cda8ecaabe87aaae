package dev.wasmmemory.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import dev.wasmmemory.testing.DefaultDeployment;
import dev.wasmmemory.testing.ServiceHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The playground's editing as a debugger, in {@link HeadlessChromium}: a selection made with the
 * mouse and with Shift+arrows, copied as hex (Ctrl+C), pasted at the cursor as one batch (Ctrl+V)
 * and downloaded as a named file; the inspector's endianness toggle and the inspected value's bytes
 * highlighted; Back and Forward between visited offsets with the URL keeping memory and offset;
 * multi-byte edits sent as one batch request each (the page's requests are recorded).
 */
@DefaultDeployment
class EditingBrowserTest {
  private static final HexFormat HEX = HexFormat.of();

  /** Records the method and path of every request the page sends from now on. */
  private static final String RECORD_REQUESTS =
      "window.__requests = []; if (!window.__fetch) { window.__fetch = window.fetch;"
          + " window.fetch = (url, options) => { window.__requests.push(((options &&"
          + " options.method) || 'GET') + ' ' + new URL(url, location.href).pathname);"
          + " return window.__fetch(url, options); }; }";

  private static HeadlessChromium chromium;
  private static ChromeDriver browser;
  private static String skipped;

  @LocalServerPort int port;
  @TempDir Path downloads;
  private ServiceHttp api;
  private final List<String> created = new ArrayList<>();

  @BeforeAll
  static void startBrowser() throws IOException {
    skipped = HeadlessChromium.missing();
    if (skipped == null) {
      chromium = HeadlessChromium.start(1440, 1280);
      browser = chromium.driver();
    }
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    if (chromium != null) {
      chromium.close();
    }
  }

  @BeforeEach
  void requireBrowser() {
    Assumptions.assumeTrue(skipped == null, skipped);
    api = new ServiceHttp(port);
  }

  @AfterEach
  void deleteMemories() throws Exception {
    for (String id : created) {
      api.send("DELETE", "/memories/" + id, Map.of(), null);
    }
  }

  private String open(int pages) throws Exception {
    String id = api.create(pages, (long) pages + 1);
    created.add(id);
    browser.get("about:blank");
    browser.get("http://127.0.0.1:" + port + "/#" + id);
    waitFor(textToBe(By.id("memory-id"), id));
    waitFor(textToBe(By.id("hex-byte-0"), "00"));
    return id;
  }

  @Test
  void aSelectionIsCopiedAsHexPastedAsOneBatchAndDownloadedAsAFile() throws Exception {
    String id = api.create(1, 2L);
    created.add(id);
    api.write(id, 0x10, HEX.parseHex("abcdef01"));
    browser.get("http://127.0.0.1:" + port + "/#" + id);
    waitFor(textToBe(By.id("hex-byte-16"), "AB"));

    // With the mouse: press on one byte, drag to another.
    new Actions(browser)
        .clickAndHold(cell(32))
        .moveToElement(cell(34))
        .moveToElement(cell(35))
        .release()
        .perform();
    waitFor(d -> status().contains("selected 0x00000020–0x00000023 (4 bytes)"));
    assertThat(selected()).containsExactly(32, 33, 34, 35);

    // With Shift+arrows.
    cell(16).click();
    new Actions(browser).keyDown(Keys.SHIFT).sendKeys(Keys.ARROW_RIGHT).perform();
    new Actions(browser).sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT).keyUp(Keys.SHIFT).perform();
    waitFor(d -> status().contains("selected 0x00000010–0x00000013 (4 bytes)"));
    assertThat(selected()).containsExactly(16, 17, 18, 19);

    // Ctrl+C: the clipboard holds the bytes as hex (pasted into a text field to read it).
    ctrl("c");
    waitFor(textToBePresentInElementLocated(By.id("bytes-message"), "Copied 4 bytes"));
    WebElement needle = browser.findElement(By.cssSelector("#search-form input[name=needle]"));
    needle.click();
    ctrl("v");
    waitFor(d -> needle.getDomProperty("value").equals("AB CD EF 01"));

    // The download: a file named after the memory and the region, holding the bytes.
    browser.executeCdpCommand(
        "Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    browser.findElement(By.cssSelector("[data-hex-download]")).click();
    Path file = downloads.resolve("memory-" + id.substring(0, 8) + "-00000010-00000013.bin");
    waitFor(d -> Files.isRegularFile(file) && size(file) == 4);
    assertThat(Files.readAllBytes(file)).isEqualTo(HEX.parseHex("abcdef01"));

    // Ctrl+V at another cursor: the hex written there as one batch, and selected.
    browser.executeScript(RECORD_REQUESTS);
    cell(64).click();
    ctrl("v");
    waitFor(textToBe(By.id("hex-byte-67"), "01"));
    waitFor(textToBePresentInElementLocated(By.id("bytes-message"), "Pasted 4 bytes at"));
    assertThat(HEX.formatHex(Arrays.copyOfRange(api.read(id), 0x40, 0x44))).isEqualTo("abcdef01");
    assertThat(changes()).containsExactly("POST /memories/" + id + "/batch");
    assertThat(selected()).containsExactly(64, 65, 66, 67);
  }

  @Test
  void theInspectorTogglesEndiannessAndHighlightsTheBytesOfTheInspectedValue() throws Exception {
    String id = open(1);
    api.write(id, 0, HEX.parseHex("01020304"));
    waitFor(textToBe(By.id("hex-byte-3"), "04"));
    cell(0).click();
    WebElement i32 = browser.findElement(By.id("value-i32"));
    waitFor(d -> i32.getDomProperty("value").equals("67305985"));
    assertThat(inspected()).containsExactly(0, 1, 2, 3);

    browser.findElement(By.id("values-big-endian")).click();
    waitFor(d -> i32.getDomProperty("value").equals("16909060"));
    assertThat(browser.findElement(By.id("values-order")).getText()).isEqualTo("Big-endian");
    browser.findElement(By.id("value-i16")).click();
    waitFor(d -> inspected().equals(List.of(0, 1)));
    browser.findElement(By.id("value-i64")).click();
    waitFor(d -> inspected().equals(List.of(0, 1, 2, 3, 4, 5, 6, 7)));

    // A big-endian write: encoded by the page, sent as its bytes in one batch.
    browser.executeScript(RECORD_REQUESTS);
    WebElement u32 = browser.findElement(By.id("value-u32"));
    u32.clear();
    u32.sendKeys("0x0A0B0C0D", Keys.ENTER);
    waitFor(textToBePresentInElementLocated(By.id("values-message"), "big-endian at"));
    waitFor(textToBe(By.id("hex-byte-0"), "0A"));
    assertThat(HEX.formatHex(Arrays.copyOf(api.read(id), 4))).isEqualTo("0a0b0c0d");
    assertThat(changes()).containsExactly("POST /memories/" + id + "/batch");

    WebElement i8 = browser.findElement(By.id("value-i8"));
    i8.clear();
    i8.sendKeys("300", Keys.ENTER);
    waitFor(textToBePresentInElementLocated(By.id("values-message"), "range -128 to 127"));
    assertThat(api.read(id)[0]).isEqualTo((byte) 0x0A);
  }

  @Test
  void backAndForwardReturnToTheOffsetsVisitedAndTheUrlKeepsMemoryAndOffset() throws Exception {
    String id = open(4);
    goTo("0x3000");
    waitFor(d -> browser.getCurrentUrl().endsWith("@0x3000"));
    goTo("0x1008");
    waitFor(d -> browser.getCurrentUrl().endsWith("@0x1008"));
    WebElement back = browser.findElement(By.id("history-back"));
    back.click();
    waitFor(textToBe(By.id("values-offset"), "0x00003000 (12288)"));
    assertThat(browser.getCurrentUrl()).endsWith("#" + id + "@0x3000");
    back.click();
    waitFor(textToBe(By.id("values-offset"), "0x00000000 (0)"));
    waitFor(d -> !back.isEnabled());
    browser.findElement(By.id("history-forward")).click();
    waitFor(textToBe(By.id("values-offset"), "0x00003000 (12288)"));
    browser.navigate().forward();
    waitFor(textToBe(By.id("values-offset"), "0x00001008 (4104)"));
    assertThat(browser.findElement(By.id("history-forward")).isEnabled()).isFalse();

    // Moving the cursor keeps the offset in the current entry; a reload opens it there.
    browser.executeScript("document.querySelector('[data-hex-grid]').focus()");
    new Actions(browser).sendKeys(Keys.ARROW_RIGHT).perform();
    waitFor(d -> browser.getCurrentUrl().endsWith("@0x1009"));
    browser.navigate().refresh();
    waitFor(textToBe(By.id("values-offset"), "0x00001009 (4105)"));
    assertThat(browser.findElement(By.cssSelector(".hex-row .offset")).getText())
        .isEqualTo("00001000");
  }

  @Test
  void multiByteEditsAreOneBatchRequestEach() throws Exception {
    String id = open(1);
    browser.executeScript(RECORD_REQUESTS);
    WebElement form = browser.findElement(By.id("write-hex-form"));
    form.findElement(By.name("offset")).sendKeys("8");
    form.findElement(By.name("hex")).sendKeys("01 02 03 04", Keys.ENTER);
    waitFor(textToBePresentInElementLocated(By.id("write-hex-message"), "Wrote 4 bytes"));
    assertThat(changes()).containsExactly("POST /memories/" + id + "/batch");

    browser.executeScript(RECORD_REQUESTS);
    cell(32).click();
    new Actions(browser).sendKeys("a1b2c3").perform();
    waitFor(d -> HEX.formatHex(Arrays.copyOfRange(read(id), 32, 35)).equals("a1b2c3"));
    assertThat(changes()).containsExactly("POST /memories/" + id + "/batch");
    assertThat(HEX.formatHex(Arrays.copyOfRange(api.read(id), 8, 12))).isEqualTo("01020304");
  }

  // ---- helpers ----

  private byte[] read(String id) {
    try {
      return api.read(id);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  private static WebElement cell(int index) {
    return browser.findElement(By.id("hex-byte-" + index));
  }

  private static String status() {
    return browser.findElement(By.cssSelector("[data-hex-status]")).getText();
  }

  private static List<Integer> withClass(String name) {
    return browser.findElements(By.cssSelector(".hex-row .byte." + name)).stream()
        .map(e -> Integer.parseInt(e.getDomAttribute("data-index")))
        .toList();
  }

  private static List<Integer> selected() {
    return withClass("selected");
  }

  private static List<Integer> inspected() {
    return withClass("inspected");
  }

  /** The requests recorded since {@link #RECORD_REQUESTS} that may change bytes (not GET). */
  @SuppressWarnings("unchecked")
  private static List<String> changes() {
    List<String> all = (List<String>) browser.executeScript("return window.__requests");
    return all.stream().filter(r -> !r.startsWith("GET ")).toList();
  }

  private static void ctrl(String key) {
    new Actions(browser).keyDown(Keys.CONTROL).sendKeys(key).keyUp(Keys.CONTROL).perform();
  }

  private static void goTo(String offset) {
    WebElement input = browser.findElement(By.cssSelector("#goto-form input[name=offset]"));
    input.clear();
    input.sendKeys(offset, Keys.ENTER);
  }

  private static <T> void waitFor(Function<? super WebDriver, T> condition) {
    chromium.waitFor(condition);
  }
}
