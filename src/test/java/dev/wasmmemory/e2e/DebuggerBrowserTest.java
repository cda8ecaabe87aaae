package dev.wasmmemory.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import dev.wasmmemory.testing.DefaultDeployment;
import dev.wasmmemory.testing.Json;
import dev.wasmmemory.testing.ServiceHttp;
import java.io.IOException;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The playground as a debugger, in {@link HeadlessChromium}: another client's writes show live
 * (changed bytes flash), the search box, the hex view's navigation (Go to puts the target on the
 * top row, PageDown moves a whole screen), messages that clear, narrow windows, and snapshots
 * (take, diff with the changes highlighted and stepped through, restore, delete).
 */
@DefaultDeployment
class DebuggerBrowserTest {
  private static final HexFormat HEX = HexFormat.of();
  private static HeadlessChromium chromium;
  private static ChromeDriver browser;
  private static String skipped;

  @LocalServerPort int port;
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
    browser.manage().window().setSize(new Dimension(1440, 1280));
  }

  @AfterEach
  void deleteMemories() throws Exception {
    for (String id : created) {
      api.send("DELETE", "/memories/" + id, Map.of(), null);
    }
  }

  private String open(int pages, byte[]... writes) throws Exception {
    String id = api.create(pages, (long) pages + 1);
    created.add(id);
    browser.get("about:blank");
    browser.get("http://127.0.0.1:" + port + "/#" + id);
    waitFor(textToBe(By.id("memory-id"), id));
    waitFor(textToBe(By.id("hex-byte-0"), "00"));
    return id;
  }

  @Test
  void anotherClientsWritesShowLiveAndTheChangedBytesFlash() throws Exception {
    String id = open(1);
    api.write(id, 0x21, HEX.parseHex("abcd"));
    waitFor(textToBe(By.id("hex-byte-33"), "AB"));
    waitFor(attributeContains(By.id("hex-byte-33"), "class", "flash"));
    assertThat(browser.findElement(By.id("hex-byte-34")).getText()).isEqualTo("CD");
    assertThat(browser.findElement(By.id("hex-byte-32")).getDomAttribute("class"))
        .doesNotContain("flash");

    api.json("POST", "/memories/" + id + "/grow", "{\"pages\":1}");
    waitFor(textToBe(By.id("info-current"), "2"));

    api.send("DELETE", "/memories/" + id, Map.of(), null);
    waitFor(textToBePresentInElementLocated(By.id("memories-message"), "was deleted"));
    assertThat(browser.findElement(By.id("memory")).isDisplayed()).isFalse();
  }

  @Test
  void snapshotsAreDiffedWithTheChangesHighlightedThenRestoredAndDeleted() throws Exception {
    String id = open(2);
    api.write(id, 0x10, HEX.parseHex("0102"));
    byte[] before = api.read(id);
    WebElement form = browser.findElement(By.id("snapshot-form"));
    By message = By.cssSelector("#snapshot-form .message");
    form.findElement(By.cssSelector("[data-snapshot=take]")).click();
    waitFor(textToBePresentInElementLocated(message, "Snapshot #1 taken"));
    api.write(id, 0x20, HEX.parseHex("aabb"));
    api.write(id, 0x10040, HEX.parseHex("cc"));

    form.findElement(By.cssSelector("[data-snapshot=diff]")).click();
    waitFor(textToBePresentInElementLocated(message, "3 bytes differ in 2 ranges"));
    waitFor(textToBe(By.id("values-offset"), "0x00000020 (32)"));
    waitFor(attributeContains(By.id("hex-byte-0"), "class", "changed"));
    assertThat(browser.findElement(By.id("hex-byte-1")).getDomAttribute("class"))
        .contains("changed");
    assertThat(browser.findElement(By.id("hex-byte-2")).getDomAttribute("class"))
        .doesNotContain("changed");
    form.findElement(By.cssSelector("[data-snapshot=next-change]")).click();
    waitFor(textToBe(By.id("values-offset"), "0x00010040 (65600)"));
    waitFor(attributeContains(By.id("hex-byte-0"), "class", "changed"));
    form.findElement(By.cssSelector("[data-snapshot=previous-change]")).click();
    waitFor(textToBe(By.id("values-offset"), "0x00000020 (32)"));

    form.findElement(By.cssSelector("[data-snapshot=restore]")).click();
    waitFor(textToBePresentInElementLocated(message, "Restored snapshot #1"));
    waitFor(textToBe(By.id("hex-byte-0"), "00"));
    assertThat(api.read(id)).isEqualTo(before);
    form.findElement(By.cssSelector("[data-snapshot=delete]")).click();
    waitFor(textToBePresentInElementLocated(message, "Deleted snapshot #1"));
    assertThat(ServiceHttp.text(api.get("/memories/" + id + "/snapshots")))
        .isEqualTo("{\"snapshots\":[]}");
  }

  @Test
  void snapshotsThatAnotherClientTakesAndDeletesShowInThePickers() throws Exception {
    String id = open(1);
    By picked = By.cssSelector("#snapshot-form select[name=from] option");
    String taken =
        Json.read(ServiceHttp.text(api.json("POST", "/memories/" + id + "/snapshots", "")))
            .get("id")
            .stringValue();
    waitFor(driver -> driver.findElements(picked).size() == 1);
    assertThat(browser.findElement(picked).getDomAttribute("value")).isEqualTo(taken);
    api.send("DELETE", "/memories/" + id + "/snapshots/" + taken, Map.of(), null);
    waitFor(driver -> driver.findElements(picked).isEmpty());
  }

  @Test
  void theSearchBoxFindsTheNextAndThePreviousMatch() throws Exception {
    String id = open(2);
    api.write(id, 0x100, HEX.parseHex("cafe"));
    api.write(id, 0x10300, HEX.parseHex("cafe"));
    api.write(id, 0x40, HEX.parseHex("2a000000"));
    WebElement form = browser.findElement(By.id("search-form"));
    form.findElement(By.name("needle")).sendKeys("ca fe", Keys.ENTER);
    waitFor(textToBe(By.id("values-offset"), "0x00000100 (256)"));
    waitFor(textToBePresentInElementLocated(By.cssSelector("#search-form .message"), "Match at"));
    form.findElement(By.cssSelector("button[type=submit]")).click();
    waitFor(textToBe(By.id("values-offset"), "0x00010300 (66304)"));
    assertThat(firstRowOffset()).isEqualTo("00010300");
    form.findElement(By.cssSelector("[data-search=previous]")).click();
    waitFor(textToBe(By.id("values-offset"), "0x00000100 (256)"));

    new Select(form.findElement(By.name("kind"))).selectByValue("i32");
    WebElement needle = form.findElement(By.name("needle"));
    needle.clear();
    needle.sendKeys("42");
    form.findElement(By.cssSelector("[data-search=previous]")).click();
    waitFor(textToBe(By.id("values-offset"), "0x00000040 (64)"));

    form.findElement(By.cssSelector("button[type=submit]")).click();
    waitFor(textToBePresentInElementLocated(By.cssSelector("#search-form .message"), "No match"));
  }

  @Test
  void goToPutsTheTargetOnTheTopRowGoingForwardAndBack() throws Exception {
    open(4);
    goTo("0x3000");
    waitFor(d -> firstRowOffset().equals("00003000"));
    goTo("0x1008");
    waitFor(d -> firstRowOffset().equals("00001000"));
    goTo("0x2000");
    waitFor(d -> firstRowOffset().equals("00002000"));
  }

  @Test
  void pageDownAndPageUpMoveAWholeScreen() throws Exception {
    open(1);
    browser.findElement(By.id("hex-byte-0")).click();
    new Actions(browser).sendKeys(Keys.PAGE_DOWN).perform();
    waitFor(d -> firstRowOffset().equals("00000100"));
    waitFor(textToBe(By.id("values-offset"), "0x00000100 (256)"));
    new Actions(browser).sendKeys(Keys.PAGE_DOWN).perform();
    waitFor(d -> firstRowOffset().equals("00000200"));
    new Actions(browser).sendKeys(Keys.PAGE_UP).perform();
    waitFor(d -> firstRowOffset().equals("00000100"));
  }

  @Test
  void messagesOfEarlierActionsClearAndSayWhatWasWritten() throws Exception {
    open(1);
    WebElement fill = browser.findElement(By.id("fill-form"));
    fill.findElement(By.name("offset")).sendKeys("0");
    fill.findElement(By.name("length")).sendKeys("4");
    WebElement value = fill.findElement(By.name("value"));
    value.clear();
    value.sendKeys("0xAA", Keys.ENTER);
    By fillMessage = By.cssSelector("#fill-form .message");
    waitFor(textToBePresentInElementLocated(fillMessage, "with 0xAA."));

    WebElement i64 = browser.findElement(By.id("value-i64"));
    i64.clear();
    i64.sendKeys("-5", Keys.ENTER);
    waitFor(textToBePresentInElementLocated(By.id("values-message"), "Wrote i64 -5 at"));
    assertThat(browser.findElement(By.id("values-message")).getText()).doesNotContain("\"");
    assertThat(browser.findElement(fillMessage).getText()).isEmpty();
  }

  @Test
  void theMemoriesListAndTheInfoAreNotCutOffOnNarrowScreens() throws Exception {
    String id = open(1);
    for (int width : new int[] {700, 360}) {
      browser.manage().window().setSize(new Dimension(width, 1000));
      waitFor(d -> viewport() <= width);
      long page = (Long) browser.executeScript("return document.documentElement.clientWidth");
      long scroll = (Long) browser.executeScript("return document.documentElement.scrollWidth");
      assertThat(scroll)
          .as("page width at %d px; too wide: %s", width, tooWide())
          .isLessThanOrEqualTo(page);
      for (String element : List.of("memory-list", "memory-info", "memory-id", "bytes")) {
        assertThat(rightEdge(element)).as("%s at %d px", element, width).isLessThanOrEqualTo(page);
      }
      assertThat(browser.findElement(By.id("memory-id")).getText()).isEqualTo(id);
    }
  }

  /** The innermost elements that pass the viewport's right edge, for the failure message. */
  private static Object tooWide() {
    return browser.executeScript(
        "const w = document.documentElement.clientWidth; return [...document.querySelectorAll('body *')]"
            + ".filter(e => e.getBoundingClientRect().right > w + 1"
            + " && ![...e.children].some(c => c.getBoundingClientRect().right > w + 1))"
            + ".slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className + ':'"
            + " + Math.round(e.getBoundingClientRect().right)).join(', ')");
  }

  private long viewport() {
    return (Long) browser.executeScript("return document.documentElement.clientWidth");
  }

  private long rightEdge(String id) {
    Object right =
        browser.executeScript(
            "return Math.ceil(document.getElementById(arguments[0]).getBoundingClientRect().right)",
            id);
    return ((Number) right).longValue();
  }

  private static String firstRowOffset() {
    return browser.findElement(By.cssSelector(".hex-row .offset")).getText();
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
