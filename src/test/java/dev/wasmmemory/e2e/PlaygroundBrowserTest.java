package dev.wasmmemory.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.jayway.jsonpath.JsonPath;
import dev.wasmmemory.testing.DefaultDeployment;
import dev.wasmmemory.testing.ServiceHttp;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
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
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The playground page at {@code /}, driven in a real headless Chromium ({@link HeadlessChromium})
 * against the service on a random port: what the page does must reach the memories through the
 * public API, and the API's problem details must show up on the page as readable messages.
 */
@DefaultDeployment
class PlaygroundBrowserTest {
  private static final Path SCREENSHOT = Path.of("target", "playground.png");
  private static final HexFormat HEX = HexFormat.of();

  private static HeadlessChromium chromium;
  private static ChromeDriver browser;

  private ServiceHttp api;

  /** The memories a test made, deleted after it so each test sees only its own in the list. */
  private final List<String> created = new ArrayList<>();

  @LocalServerPort private int port;

  /** Why the tests are skipped, or null when the browser runs. */
  private static String skipped;

  @BeforeAll
  static void startBrowser() throws IOException {
    skipped = HeadlessChromium.missing();
    if (skipped != null) {
      System.err.println("WARNING: " + skipped);
      return;
    }
    chromium = HeadlessChromium.start(1440, 1280);
    browser = chromium.driver();
  }

  @BeforeEach
  void requireBrowser() {
    Assumptions.assumeTrue(skipped == null, skipped);
    api = new ServiceHttp(port);
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    if (chromium != null) {
      chromium.close();
    }
  }

  @AfterEach
  void deleteMemories() {
    for (String id : created) {
      int status = status("DELETE", "/memories/" + id);
      assertThat(status).isIn(204, 404); // 404: the test deleted it through the page
    }
  }

  @Test
  void bytesTypedIntoTheHexViewAreWrittenToTheMemory() {
    String id = createMemoryInThePage("1", "4");

    browser.findElement(By.id("hex-byte-0")).click();
    new Actions(browser).sendKeys("deadbeef").perform();

    waitUntilBytes(id, 0, "deadbeef");
    assertThat(textOf("hex-byte-3")).isEqualTo("EF");
    waitFor(textToBePresentInElementLocated(status(), "Cursor 0x00000004 (4)"));

    new Actions(browser).sendKeys(Keys.ARROW_DOWN).perform();
    waitFor(textToBePresentInElementLocated(status(), "Cursor 0x00000014 (20)"));
    new Actions(browser).sendKeys(Keys.ARROW_UP, Keys.HOME).perform();
    waitFor(textToBePresentInElementLocated(status(), "Cursor 0x00000000 (0)"));
    waitFor(attributeToBe(By.id("value-u32"), "value", "4022250974"));
    assertThat(browser.findElement(By.id("value-i32")).getDomProperty("value"))
        .isEqualTo("-272716322");
  }

  @Test
  void pastedHexUploadedFilesAndInspectorValuesAreWrittenThroughTheApi() throws IOException {
    String id = createMemoryInThePage("1", "");

    WebElement form = browser.findElement(By.id("write-hex-form"));
    form.findElement(By.name("offset")).sendKeys("0x10");
    form.findElement(By.name("hex")).sendKeys("48 65 6c 6c 6f", Keys.ENTER);
    waitUntilBytes(id, 0x10, "48656c6c6f");
    waitFor(textToBePresentInElementLocated(By.id("write-hex-message"), "Wrote 5 bytes"));
    waitFor(textToBePresentInElementLocated(By.cssSelector(".hex-row:nth-child(3)"), "Hello"));

    Path file = Files.createTempFile("playground-upload", ".bin");
    Files.write(file, HEX.parseHex("000102037f80feff"));
    WebElement upload = browser.findElement(By.id("upload-form"));
    upload.findElement(By.name("offset")).sendKeys("0x40");
    upload.findElement(By.name("file")).sendKeys(file.toAbsolutePath().toString());
    upload.findElement(By.cssSelector("button[type=submit]")).click();
    waitUntilBytes(id, 0x40, "000102037f80feff");
    waitFor(textToBePresentInElementLocated(By.id("upload-message"), "(8 bytes) at 0x00000040"));
    Files.delete(file);

    goTo("8");
    // Go-to ends by focusing the hex view: wait for it, or the keys below would land there.
    waitFor(textToBe(By.id("values-offset"), "0x00000008 (8)"));
    assertThat(browser.switchTo().activeElement().getDomAttribute("data-hex-grid")).isNotNull();
    WebElement u16 = browser.findElement(By.id("value-u16"));
    u16.clear();
    u16.sendKeys("513", Keys.ENTER);
    waitUntilBytes(id, 8, "0102");
    waitFor(textToBe(By.id("hex-byte-9"), "02"));

    WebElement u8 = browser.findElement(By.id("value-u8"));
    u8.clear();
    u8.sendKeys("300", Keys.ENTER);
    waitForProblem(By.id("values-message"), "(400)");
    assertThat(u8.getDomAttribute("aria-invalid")).isEqualTo("true");
    assertThat(bytes(id, 8, 2)).isEqualTo("0102");
  }

  @Test
  void growShowsTheNewSizeAndTheLimitAsAProblem() {
    String id = createMemoryInThePage("1", "2");

    WebElement grow = browser.findElement(By.id("grow-form"));
    grow.findElement(By.tagName("button")).click();
    waitFor(textToBePresentInElementLocated(message(grow), "Grew from 1 to 2 pages"));
    waitFor(textToBe(By.id("info-current"), "2"));
    assertThat(memoryInfo(id, "$.currentPages", Integer.class)).isEqualTo(2);

    grow.findElement(By.tagName("button")).click();
    waitForProblem(message(grow), "(422)");
    assertThat(memoryInfo(id, "$.currentPages", Integer.class)).isEqualTo(2);
  }

  @Test
  void accessPastTheEndShowsTheProblemBesideTheAction() {
    String id = createMemoryInThePage("1", "");

    goTo("0x10000");
    waitForProblem(By.id("bytes-message"), "(422)");

    WebElement fill = browser.findElement(By.id("fill-form"));
    fill.findElement(By.name("offset")).sendKeys("0xfff0");
    fill.findElement(By.name("length")).sendKeys("32", Keys.ENTER);
    waitForProblem(message(fill), "(422)");
    assertThat(bytes(id, 0xfff0, 16)).isEqualTo("00".repeat(16));

    fill.findElement(By.name("length")).clear();
    fill.findElement(By.name("length")).sendKeys("16", Keys.ENTER);
    waitFor(textToBePresentInElementLocated(message(fill), "Filled 16 bytes"));
    assertThat(bytes(id, 0xfff0, 16)).isEqualTo("ff".repeat(16));
  }

  @Test
  void copiesFromAnotherMemoryAndDeletesMemoriesFromTheList() {
    String source = createMemoryThroughTheApi(1, 1);
    writeThroughTheApi(source, 0x100, HEX.parseHex("cafebabe"));
    String destination = createMemoryInThePage("1", "");

    WebElement copy = browser.findElement(By.id("copy-form"));
    new Select(copy.findElement(By.name("sourceMemoryId"))).selectByValue(source);
    copy.findElement(By.name("sourceOffset")).sendKeys("256");
    copy.findElement(By.name("destinationOffset")).sendKeys("0x20");
    copy.findElement(By.name("length")).sendKeys("4", Keys.ENTER);
    waitFor(textToBePresentInElementLocated(message(copy), "Copied 4 bytes"));
    assertThat(bytes(destination, 0x20, 4)).isEqualTo("cafebabe");
    waitFor(textToBe(By.id("hex-byte-32"), "CA"));

    By sourceRow = By.cssSelector("#memory-list tr[data-memory-id='" + source + "']");
    browser.findElement(sourceRow).findElement(By.xpath(".//button[text()='Delete']")).click();
    waitFor(textToBePresentInElementLocated(By.id("memories-message"), "Deleted memory"));
    assertThat(browser.findElements(sourceRow)).isEmpty();
    assertThat(status("GET", "/memories/" + source)).isEqualTo(404);
  }

  @Test
  void networkFailuresAreShownAsMessages() {
    createMemoryInThePage("1", "");
    ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
    offline.setOffline(true);
    browser.setNetworkConditions(offline);
    try {
      browser.findElement(By.id("refresh-bytes")).click();
      waitForProblem(By.id("bytes-message"), "Network error");
    } finally {
      browser.deleteNetworkConditions();
    }
  }

  @Test
  void screenshotOfAnOpenMemoryWithADiff() throws IOException {
    createMemoryThroughTheApi(0, 1);
    String id = createMemoryThroughTheApi(2, 16);
    writeThroughTheApi(id, 0x10, "Hello, WebAssembly!".getBytes(StandardCharsets.US_ASCII));
    writeThroughTheApi(id, 0x30, HEX.parseHex("0061736d01000000"));
    HttpResponse<byte[]> taken = call(() -> api.json("POST", "/memories/" + id + "/snapshots", ""));
    assertThat(taken.statusCode()).as(ServiceHttp.describe(taken)).isEqualTo(201);
    writeThroughTheApi(id, 0x38, HEX.parseHex("efbeadde"));
    writeThroughTheApi(id, 0x17, "w".getBytes(StandardCharsets.US_ASCII));
    writeThroughTheApi(id, 0x48, HEX.parseHex("182d4454fb210940"));

    browser.get("about:blank");
    browser.get(baseUrl() + "/#" + id);
    waitFor(textToBe(By.id("memory-id"), id));
    waitFor(textToBe(By.id("hex-byte-16"), "48"));
    browser.findElement(By.cssSelector("#snapshot-form [data-snapshot=diff]")).click();
    waitFor(
        textToBePresentInElementLocated(
            By.cssSelector("#snapshot-form .message"), "bytes differ in 3 ranges"));
    WebElement goTo = browser.findElement(By.cssSelector("#goto-form [name=offset]"));
    goTo.clear();
    goTo.sendKeys("0", Keys.ENTER);
    waitFor(textToBe(By.id("hex-byte-16"), "48"));
    waitFor(attributeContains(By.id("hex-byte-56"), "class", "changed"));
    browser.findElement(By.id("hex-byte-72")).click();
    waitFor(attributeContains(By.id("value-f64"), "value", "3.14159"));
    browser.executeScript("window.scrollTo(0, 0)");

    File shot = browser.getScreenshotAs(OutputType.FILE);
    Files.createDirectories(SCREENSHOT.getParent());
    Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
  }

  // ---- the page ----

  /** Loads the page, creates a memory with its form and returns the id the page opened. */
  private String createMemoryInThePage(String initialPages, String maximumPages) {
    browser.get(baseUrl() + "/");
    WebElement form = browser.findElement(By.id("create-form"));
    WebElement initial = form.findElement(By.name("initialPages"));
    initial.clear();
    initial.sendKeys(initialPages);
    form.findElement(By.name("maximumPages")).sendKeys(maximumPages, Keys.ENTER);
    waitFor(visibilityOfElementLocated(By.id("memory")));
    waitFor(textToBe(By.id("hex-byte-0"), "00"));
    String id = textOf("memory-id");
    created.add(id);
    waitFor(textToBePresentInElementLocated(By.id("memories-message"), "Created memory " + id));
    return id;
  }

  private void goTo(String offset) {
    WebElement input = browser.findElement(By.cssSelector("#goto-form input[name=offset]"));
    input.clear();
    input.sendKeys(offset, Keys.ENTER);
  }

  private void waitForProblem(By region, String text) {
    waitFor(attributeContains(region, "class", "error"));
    waitFor(textToBePresentInElementLocated(region, text));
  }

  private static By message(WebElement form) {
    return By.cssSelector("#" + form.getDomAttribute("id") + " .message");
  }

  private static By status() {
    return By.cssSelector("[data-hex-status]");
  }

  private String textOf(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private <T> void waitFor(Function<? super WebDriver, T> condition) {
    chromium.waitFor(condition);
  }

  private void waitUntilBytes(String id, long offset, String hex) {
    waitFor(d -> bytes(id, offset, hex.length() / 2).equals(hex));
  }

  // ---- the API, as a program would use it ----

  private String baseUrl() {
    return "http://localhost:" + port;
  }

  private String createMemoryThroughTheApi(int initialPages, int maximumPages) {
    String id = call(() -> api.create(initialPages, (long) maximumPages));
    created.add(id);
    return id;
  }

  private void writeThroughTheApi(String id, long offset, byte[] bytes) {
    call(
        () -> {
          api.write(id, offset, bytes);
          return null;
        });
  }

  /** {@code length} bytes from {@code offset}, read through the API, as lowercase hex. */
  private String bytes(String id, long offset, int length) {
    String path = "/memories/" + id + "/bytes?offset=" + offset + "&length=" + length;
    HttpResponse<byte[]> response = call(() -> api.get(path, "application/octet-stream"));
    assertThat(response.statusCode()).as(ServiceHttp.describe(response)).isEqualTo(200);
    return HEX.formatHex(response.body());
  }

  private <T> T memoryInfo(String id, String path, Class<T> type) {
    String json = call(() -> api.info(id)).toString();
    return JsonPath.parse(json).read(path, type);
  }

  private int status(String method, String path) {
    return call(() -> api.send(method, path, Map.of(), null)).statusCode();
  }

  /** A request of the API; what fails on the way is the test's failure, unchecked. */
  private interface Call<T> {
    T run() throws IOException, InterruptedException;
  }

  private static <T> T call(Call<T> call) {
    try {
      return call.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
