package dev.mnemo.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mnemo.index.Indexer;
import dev.mnemo.semantic.Models;
import dev.mnemo.semantic.SemanticDocuments;
import dev.mnemo.service.LiveVault;
import dev.mnemo.vault.Vault;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fifty concurrent clients of mixed search, note and related requests against a real server while a
 * writer edits notes: no request may fail, and every edit must become searchable. Bounded in CI
 * (the sample vault, 10 s); the long run: {@code -Dmnemo.load.seconds=60
 * -Dmnemo.load.vault=../shared/data/vaults/jbranchaud-til}. Prints latency percentiles, how long
 * edits took to show, and peak heap.
 */
class LoadTest {
  @TempDir
  Path tmp;

  @Test
  void fiftyClientsAndAWriterGetNoErrorsAndFreshResults() throws Exception {
    int seconds = Integer.getInteger("mnemo.load.seconds", 10);
    int clients = Integer.getInteger("mnemo.load.clients", 50);
    Path source = Path.of(System.getProperty("mnemo.load.vault",
        Path.of(System.getProperty("mnemo.repo", "..")).resolve("examples/vault").toString()));
    Path vault = tmp.resolve("vault");
    try (Stream<Path> s = Files.walk(source)) {
      for (Path p : s.toList()) {
        Path t = vault.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    boolean vectors = !Boolean.getBoolean("mnemo.load.keywordOnly");
    Indexer.DocumentMaker maker = vectors ? new SemanticDocuments(Models.auto()) : Indexer.DocumentMaker.KEYWORD_ONLY;
    try (LiveVault live = LiveVault.open(Vault.open(vault), tmp.resolve("index"), maker, LocalDate::now,
        dev.mnemo.progress.Progress.NONE, r -> { });
        WebServer server = WebServer.start(live, null, 0, null, null)) {
      List<String> notes = live.service().graph().notes().stream().map(n -> n.path()).toList();
      String base = "http://127.0.0.1:" + server.port();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      String[] words = {"attention", "注意力", "running", "跑步", "BERT", "搬家", "week", "LayerNorm", "vector", "deep work",
          "git", "list", "file", "date:2025-03", "tag:journal"};
      ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
      AtomicLong peakHeap = new AtomicLong();
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int c = 0; c < clients; c++) {
          SplittableRandom r = new SplittableRandom(c);
          pool.submit(() -> {
            while (System.nanoTime() < end) {
              String path = notes.get(r.nextInt(notes.size()));
              String url = switch (r.nextInt(4)) {
                case 0, 1 -> "/api/search?q=" + enc(words[r.nextInt(words.length)]) + "&mode=" + (r.nextBoolean() ? "hybrid" : "keyword");
                case 2 -> "/api/note?path=" + enc(path);
                default -> vectors ? "/api/related?path=" + enc(path) : "/api/links?path=" + enc(path);
              };
              long t0 = System.nanoTime();
              try {
                HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + url)).build(),
                    HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() != 200 && !(res.statusCode() == 404 && url.contains("path="))) {
                  errors.add(url + " -> " + res.statusCode() + " " + res.body());
                }
              } catch (Exception e) {
                errors.add(url + " -> " + e);
              }
              latencies.add((System.nanoTime() - t0) / 1e6);
              Runtime rt = Runtime.getRuntime();
              peakHeap.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
            }
            return null;
          });
        }
        // The writer: a new word in a note every half second; each must become searchable.
        List<Double> freshness = new ArrayList<>();
        int edits = 0;
        while (System.nanoTime() < end - 1_000_000_000L) {
          String word = "zqx" + (edits++) + "edit";
          Path file = vault.resolve("journal/load-" + (edits % 5) + ".md");
          Files.createDirectories(file.getParent());
          Files.writeString(file, "# Load " + edits + "\n\nthe writer wrote " + word + " here\n");
          long t0 = System.nanoTime();
          while (true) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "/api/search?mode=keyword&q=" + word)).build(),
                HttpResponse.BodyHandlers.ofString());
            if (res.body().contains(word)) {
              break;
            }
            assertTrue(System.nanoTime() - t0 < 30_000_000_000L, word + " never became searchable");
            Thread.sleep(20);
          }
          freshness.add((System.nanoTime() - t0) / 1e6);
          Thread.sleep(500);
        }
        pool.shutdown();
        pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        Collections.sort(freshness);
        System.out.printf(Locale.ROOT, "load: %d clients, %d s, %d requests, %d errors; latency p50 %.1f ms, p99 %.1f ms; "
                + "edits %d, visible after p50 %.0f ms, max %.0f ms; peak heap %d MB%n", clients, seconds, sorted.size(),
            errors.size(), pct(sorted, 0.5), pct(sorted, 0.99), freshness.size(), pct(freshness, 0.5),
            freshness.isEmpty() ? 0 : freshness.get(freshness.size() - 1), peakHeap.get() >> 20);
        assertEquals(List.of(), errors.stream().limit(10).toList());
        assertTrue(sorted.size() > clients, "requests served: " + sorted.size());
        assertTrue(!freshness.isEmpty());
      }
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static double pct(List<Double> sorted, double p) {
    return sorted.isEmpty() ? 0 : sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)));
  }
}
