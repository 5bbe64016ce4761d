package dev.mnemo.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mnemo.index.Indexer;
import dev.mnemo.journal.SafeWrite;
import dev.mnemo.progress.Progress;
import dev.mnemo.service.LiveVault;
import dev.mnemo.vault.Vault;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's limits, outside the browser. */
class WebServerTest {
  @TempDir
  Path tmp;

  LiveVault live() throws Exception {
    Path vault = tmp.resolve("vault");
    Files.createDirectories(vault);
    Files.writeString(vault.resolve("a.md"), "# A\nthe heron waits\n");
    return LiveVault.open(Vault.open(vault), tmp.resolve("index"), Indexer.DocumentMaker.KEYWORD_ONLY, LocalDate::now,
        Progress.NONE, r -> { });
  }

  /** Writes through the same never-overwrite path the CLI uses. */
  static ApiServlet.Writes writes(Vault vault) {
    return new ApiServlet.Writes() {
      @Override
      public Map<String, Object> jot(String text) throws Exception {
        SafeWrite.append(vault, "a.md", "- " + text + "\n");
        return Map.of("path", "a.md");
      }

      @Override
      public Map<String, Object> today(String template) throws Exception {
        SafeWrite.create(vault, "today.md", "# today\n");
        return Map.of("path", "today.md");
      }
    };
  }

  @Test
  void bindingBeyondLoopbackNeedsAToken() throws Exception {
    try (LiveVault live = live()) {
      var e = assertThrows(IllegalArgumentException.class, () -> WebServer.start(live, "0.0.0.0", 0, null, null));
      assertTrue(e.getMessage().contains("--token"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> WebServer.start(live, "0.0.0.0", 0, "short", null));
      try (WebServer server = WebServer.start(live, "127.0.0.1", 0, "a-long-enough-token-1234", null)) {
        assertTrue(server.url().startsWith("http://127.0.0.1:"));
      }
    }
  }

  @Test
  void writesNeedTheTokenAndOversizedBodiesAndHeaderFloodsAreRefused() throws Exception {
    try (LiveVault live = live(); WebServer server = WebServer.start(live, null, 0, null, writes(live.service().vault()))) {
      HttpClient http = HttpClient.newHttpClient();
      URI jot = URI.create("http://127.0.0.1:" + server.port() + "/api/jot");
      HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(jot).POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"x\"}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(401, noToken.statusCode());
      HttpResponse<String> ok = http.send(HttpRequest.newBuilder(jot).header("X-Mnemo-Token", server.token())
          .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"the egret\"}")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ok.statusCode(), ok.body());
      assertTrue(Files.readString(live.service().vault().root().resolve("a.md")).contains("- the egret"));
      HttpResponse<String> big = http.send(HttpRequest.newBuilder(jot).header("X-Mnemo-Token", server.token())
          .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + "x".repeat(200_000) + "\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertTrue(big.statusCode() == 400 || big.statusCode() == 413, big.statusCode() + " " + big.body());
      assertTrue(!Files.readString(live.service().vault().root().resolve("a.md")).contains("xxxxxxxxxx"));
      try (Socket s = new Socket("127.0.0.1", server.port())) {
        StringBuilder req = new StringBuilder("GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n");
        for (int i = 0; i < 2000; i++) {
          req.append("X-Flood-").append(i).append(": ").append("y".repeat(40)).append("\r\n");
        }
        req.append("Connection: close\r\n\r\n");
        s.getOutputStream().write(req.toString().getBytes(StandardCharsets.US_ASCII));
        String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        assertTrue(status != null && status.contains(" 431 "), status);
      }
      HttpResponse<String> still = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/stats"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, still.statusCode());
    }
  }
}
