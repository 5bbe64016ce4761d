package dev.mnemo.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mnemo.semantic.Models;
import dev.mnemo.semantic.SemanticDocuments;
import dev.mnemo.service.LiveVault;
import dev.mnemo.vault.Vault;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real headless Chromium against a real server on loopback, driven only with the
 * keyboard; and the server's defences, checked from outside.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  Path vault;
  LiveVault live;
  WebServer server;
  ChromeDriver browser;
  WebDriverWait wait;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    vault = tmp.resolve("vault");
    Path sample = Path.of(System.getProperty("mnemo.repo", "..")).resolve("examples/vault");
    try (var s = Files.walk(sample)) {
      for (Path p : s.toList()) {
        Path t = vault.resolve(sample.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    Files.writeString(vault.resolve("hostile.md"), """
        # Hostile note

        <script>window.__pwned = 1;</script>
        <img src="x" onerror="window.__pwned = 2">
        [click me](javascript:window.__pwned=3)
        the zanzibar payload line
        """);
    live = LiveVault.open(Vault.open(vault), tmp.resolve("index"), new SemanticDocuments(Models.auto()), LocalDate::now,
        dev.mnemo.progress.Progress.NONE, r -> { });
    server = WebServer.start(live, null, 0, null, null);
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "chromium and chromium-driver are not installed");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
        "--disable-gpu", "--lang=en-US");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
    if (live != null) {
      live.close();
    }
  }

  private void keys(CharSequence... keys) {
    new Actions(browser).sendKeys(keys).perform();
  }

  private void screenshot(String name) throws Exception {
    String dir = System.getProperty("mnemo.screenshots");
    if (dir != null && !dir.isBlank()) {
      Path out = Path.of(dir).resolve(name + ".png");
      Files.createDirectories(out.getParent());
      Files.write(out, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
  }

  @Test
  void searchMoveOpenAndGoBackWithTheKeyboardOnly() throws Exception {
    browser.get(server.url());
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".card")));
    screenshot("home-light");
    // Nothing on the home page is wider than the window: a resurfaced entry's long lines wrap.
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".card .excerpt")));
    assertEquals(0L, browser.executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"));
    keys("/");
    assertEquals("q", browser.switchTo().activeElement().getAttribute("id"));
    keys("BBDown视频下载");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#results .hit")));
    screenshot("search-light");
    keys(Keys.ENTER);                       // leaves the box, first hit selected
    List<WebElement> hits = browser.findElements(By.cssSelector("#results .hit"));
    assertTrue(hits.get(0).getAttribute("class").contains("selected"));
    if (hits.size() > 1) {
      keys("j");
      assertTrue(browser.findElements(By.cssSelector("#results .hit")).get(1).getAttribute("class").contains("selected"));
      keys("k");
    }
    String loc = browser.findElement(By.cssSelector("#results .hit.selected .loc")).getText();
    keys(Keys.ENTER);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#note .hl")));
    List<WebElement> highlighted = browser.findElements(By.cssSelector("#note .hl"));
    assertTrue(highlighted.stream().anyMatch(e -> e.getText().contains("BBDown")), loc);
    int start = Integer.parseInt(loc.substring(loc.lastIndexOf(':') + 1).split("-")[0]);
    int end = Integer.parseInt(loc.substring(loc.lastIndexOf(':') + 1).split("-")[1]);
    for (WebElement h : highlighted) {
      int line = Integer.parseInt(h.getAttribute("data-line"));
      assertTrue(line >= start - 1 && line <= end, "highlighted block at line " + line + " outside " + loc);
    }
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#side h3")));
    screenshot("note-light");
    keys(Keys.ESCAPE);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#results .hit")));

    keys("g", "t");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline .day.l1, #timeline .day.l2")));
    assertNotNull(browser.findElement(By.cssSelector("#timeline .day.selected")));
    List<WebElement> months = browser.findElements(By.cssSelector("#timeline .year:first-child .months span"));
    assertEquals(12, months.size(), "a label per month above the weeks");
    assertEquals("Jan", months.get(0).getText());
    assertTrue(months.get(11).getLocation().getX() > months.get(0).getLocation().getX() + 500, "December far right of January");
    screenshot("timeline-light");
    keys(Keys.ENTER);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#day-entries .item")));

    keys("g", "w");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".week-md h1")));
    assertTrue(browser.findElement(By.cssSelector(".week-md h1")).getText().startsWith("Week "));
    // The sample's entries are older than this week: { jumps to the latest week that has some.
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("week-previous")));
    keys("{");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".week-md h3")));
    assertTrue(browser.findElements(By.cssSelector(".week-md li.item")).size() > 0, "the week's entries are listed");

    keys("g", "a");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#att-view p")));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#att-grid td")));
    int tokens = browser.findElements(By.cssSelector("#att-grid tbody tr")).size();
    assertEquals(tokens * tokens, browser.findElements(By.cssSelector("#att-grid td")).size());
    String before = browser.findElement(By.cssSelector("#att-view p")).getText();
    keys(Keys.ESCAPE, "]");
    assertTrue(browser.findElement(By.cssSelector("#att-view p")).getText().contains("head 2"), before);
    screenshot("attention-light");

    keys("?");
    assertTrue(browser.findElement(By.id("help")).isDisplayed(),
        "help hidden; focus on " + browser.executeScript("return document.activeElement.outerHTML.slice(0, 80)"));
    keys(Keys.ESCAPE);
    assertFalse(browser.findElement(By.id("help")).isDisplayed());
    new Actions(browser).keyDown(Keys.CONTROL).sendKeys("k").keyUp(Keys.CONTROL).perform();
    assertTrue(browser.findElement(By.id("palette")).isDisplayed());
    keys("dark", Keys.ENTER);
    assertEquals("dark", browser.findElement(By.tagName("html")).getAttribute("data-theme"));
    screenshot("attention-dark");
    browser.get(server.url() + "#/search?q=attention");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#results .hit")));
    browser.executeScript("document.documentElement.dataset.theme = 'dark'");
    screenshot("search-dark");
  }

  @Test
  void wordsReadAsADateAreShownAndSearchedAsWordsWhenTheyFindNothing() throws Exception {
    // The sample's notes are from 2024 and 2025: nothing is dated last week, so the word is searched.
    browser.get(server.url() + "#/search?q=" + java.net.URLEncoder.encode("跑步 上周", java.nio.charset.StandardCharsets.UTF_8));
    WebElement notice = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
    assertTrue(notice.getText().startsWith("Nothing dated ") && notice.getText().contains("\"上周\""), notice.getText());
    assertFalse(browser.findElements(By.cssSelector("#results .hit")).isEmpty(), "the word alone finds the running notes");
    screenshot("search-date-notice");
  }

  @Test
  void aSavedNoteIsFoundWithoutARestart() throws Exception {
    browser.get(server.url() + "#/search?q=quetzalcoatlus");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#view p")));
    assertTrue(browser.findElements(By.cssSelector("#results .hit")).stream().noneMatch(e -> e.getText().contains("new-note.md")));
    Files.writeString(vault.resolve("journal/new-note.md"), "# Fresh\n\nA quetzalcoatlus flew over the garden today.\n");
    WebDriverWait poll = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(500));
    poll.until(d -> {
      d.navigate().refresh();
      return d.findElements(By.cssSelector("#results .hit .loc")).stream().anyMatch(e -> e.getText().startsWith("journal/new-note.md"));
    });
  }

  @Test
  void aNotesScriptsAndHandlersNeverRunInTheBrowser() {
    browser.get(server.url() + "#/note/hostile.md");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#note p")));
    assertNotNull(browser.executeScript("return document.querySelector('#note').textContent.includes('zanzibar')"));
    assertEquals(Boolean.TRUE, browser.executeScript("return window.__pwned === undefined"));
    assertEquals(0L, browser.executeScript("return document.querySelectorAll('#note script, #note img[onerror], #note [onerror]').length"));
    assertEquals(0L, browser.executeScript("return [...document.querySelectorAll('#note a')].filter(a => a.href.startsWith('javascript')).length"));
    assertTrue(browser.findElement(By.id("note")).getText().contains("<script>"), "shown as text");
  }

  @Test
  void foreignOriginsHostsAndPathsOutsideTheVaultAreRefused() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + server.port();
    for (String path : List.of("/api/note?path=../../../etc/passwd", "/api/note?path=%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/api/note?path=%252e%252e%252fetc%252fpasswd", "/api/note?path=..%5C..%5Cetc%5Cpasswd", "/api/note?path=/etc/passwd",
        "/../../etc/passwd", "/assets/../../../../etc/passwd", "/api/related?path=../outside.md")) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
      assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, path + " -> " + r.statusCode() + " " + r.body());
      assertFalse(r.body().contains("root:"), path);
    }
    HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(URI.create(base + "/api/stats"))
        .header("Origin", "http://evil.example").build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(403, foreign.statusCode());
    HttpResponse<String> write = http.send(HttpRequest.newBuilder(URI.create(base + "/api/jot"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"x\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, write.statusCode());
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream o = s.getOutputStream();
      o.write("GET /api/stats HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
      assertTrue(status.contains(" 421 "), status);
    }
    HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(base + "/api/stats")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, ok.statusCode());
  }
}
