package dev.mnemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mnemo.index.IndexLocation;
import dev.mnemo.index.Indexer;
import dev.mnemo.index.NoteIndex;
import dev.mnemo.progress.Progress;
import dev.mnemo.search.Hit;
import dev.mnemo.search.SearchQuery;
import dev.mnemo.search.Searcher;
import dev.mnemo.semantic.Models;
import dev.mnemo.semantic.SemanticDocuments;
import dev.mnemo.service.LiveVault;
import dev.mnemo.vault.NoteParser;
import dev.mnemo.vault.NoteReader;
import dev.mnemo.vault.Vault;
import dev.mnemo.web.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The promises people rely on when they point mnemo at their only copy: no note touched, no crash loses anything. */
class TrustTest {
  @TempDir
  Path tmp;

  /** Content hash, size and modification time of every file and folder under a root. */
  static Map<String, String> fingerprint(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        String rel = root.relativize(p).toString();
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          out.put(rel + "/", "dir " + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis());
        } else {
          byte[] b = Files.readAllBytes(p);
          out.put(rel, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)) + " " + b.length + " "
              + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis());
        }
      }
    }
    return out;
  }

  @Test
  void noReadOnlyCommandChangesAnythingInTheVault() throws Exception {
    Path vault = tmp.resolve("vault");
    McpServerTest.copy(CliRun.sample(), vault);
    Files.writeString(vault.resolve(".obsidian/workspace.json"), "{\"open\":[]}");
    Files.write(vault.resolve("picture.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1});
    Path home = tmp.resolve("home");
    Map<String, String> before = fingerprint(vault);
    String v = vault.toString();
    List<String[]> commands = List.of(
        new String[] {"index", v}, new String[] {"index", v},
        new String[] {"search", "--vault", v, "attention"}, new String[] {"search", "--vault", v, "--mode", "semantic", "搬家"},
        new String[] {"search", "--vault", v, "--json", "--mode", "keyword", "\"Deep Work\""},
        new String[] {"related", "--vault", v, "study/BERT.md"}, new String[] {"links", "--vault", v, "BERT"},
        new String[] {"links", "--vault", v, "--unresolved"}, new String[] {"timeline", "--vault", v},
        new String[] {"on-this-day", "--vault", v, "2025-03-18"}, new String[] {"resurface", "--vault", v},
        new String[] {"week", "--vault", v, "2025-W12"}, new String[] {"inspect", vault.resolve("study/BERT.md").toString()});
    for (String[] c : commands) {
      CliRun r = CliRun.run(home, c);
      assertEquals(0, r.code(), String.join(" ", c) + "\n" + r);
    }
    Vault opened = Vault.open(vault);
    Path index = IndexLocation.defaultFor(opened.root(), Map.of("MNEMO_HOME", home.toString()));
    try (LiveVault live = LiveVault.open(opened, index, new SemanticDocuments(Models.auto()), LocalDate::now, Progress.NONE, r -> { });
        WebServer server = WebServer.start(live, null, 0, null, null)) {
      HttpClient http = HttpClient.newHttpClient();
      for (String path : List.of("/", "/api/search?q=attention", "/api/note?path=study/BERT.md", "/api/related?path=study/BERT.md",
          "/api/links?path=BERT", "/api/timeline", "/api/on-this-day", "/api/week?week=2025-W12", "/api/stats")) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + " " + r.body());
      }
      Thread.sleep(1500); // the watcher runs meanwhile
    }
    assertEquals(before, fingerprint(vault));
  }

  /**
   * Kills a real {@code mnemo index} process with SIGKILL at seeded random moments, during the
   * first index and during re-indexes after edits, deletions, renames and additions; after each
   * kill the next run must leave exactly the vault's current content searchable.
   */
  @Test
  void killedIndexersLoseNothingAndLeaveNoGhosts() throws Exception {
    int rounds = Integer.getInteger("mnemo.crash.rounds", 5);
    SplittableRandom random = new SplittableRandom(Long.getLong("mnemo.crash.seed", 7L));
    Path vault = tmp.resolve("crash-vault");
    Path index = tmp.resolve("crash-index");
    Map<String, String> tokens = new TreeMap<>();   // path -> the one word only that note holds
    for (int i = 0; i < 1500; i++) {
      write(vault, tokens, "notes/n" + i + ".md", "tok" + i + "v0");
    }
    int counter = 10_000;
    for (int round = 0; round < rounds; round++) {
      Process p = new ProcessBuilder(command("index", vault.toString(), "--index", index.toString(), "--keyword-only", "--json"))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      Thread.sleep(300 + random.nextInt(2500));
      p.destroyForcibly();                       // SIGKILL on Linux: no shutdown hook, no cleanup
      p.waitFor(30, TimeUnit.SECONDS);
      finish(vault, index);
      verify(index, tokens);
      // Change the vault before the next run gets killed.
      List<String> paths = new ArrayList<>(tokens.keySet());
      for (int e = 0; e < 20; e++) {
        String path = paths.get(random.nextInt(paths.size()));
        if (tokens.containsKey(path)) {
          write(vault, tokens, path, "tok" + (counter++) + "v" + round);
        }
      }
      for (int d = 0; d < 10; d++) {
        String path = paths.get(random.nextInt(paths.size()));
        if (tokens.remove(path) != null) {
          Files.delete(vault.resolve(path));
        }
      }
      for (int m = 0; m < 10; m++) {
        String path = paths.get(random.nextInt(paths.size()));
        String token = tokens.remove(path);
        if (token != null) {
          String to = "moved/r" + (counter++) + ".md";
          Files.createDirectories(vault.resolve(to).getParent());
          Files.move(vault.resolve(path), vault.resolve(to));
          tokens.put(to, token);
        }
      }
      for (int a = 0; a < 10; a++) {
        write(vault, tokens, "new/a" + (counter++) + ".md", "tok" + counter + "new");
      }
    }
    Process last = new ProcessBuilder(command("index", vault.toString(), "--index", index.toString(), "--keyword-only", "--json"))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Thread.sleep(500);
    last.destroyForcibly();
    last.waitFor(30, TimeUnit.SECONDS);
    finish(vault, index);
    verify(index, tokens);
  }

  private static void write(Path vault, Map<String, String> tokens, String path, String token) throws Exception {
    Path file = vault.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "# " + path + "\n\nThis note holds the word " + token + " and some ordinary text.\n");
    tokens.put(path, token);
  }

  private static void finish(Path vault, Path index) throws Exception {
    Vault v = Vault.open(vault);
    try (NoteIndex idx = NoteIndex.openForWriting(index, v.root())) {
      new Indexer(new NoteReader(new NoteParser()), Indexer.DocumentMaker.KEYWORD_ONLY, 2, Vault.DEFAULT_MAX_FILE_SIZE)
          .update(v, idx, Progress.NONE);
    }
  }

  private static void verify(Path index, Map<String, String> tokens) throws Exception {
    try (NoteIndex idx = NoteIndex.openForReading(index)) {
      assertEquals(tokens.keySet(), idx.fileStates().keySet(), "indexed notes are exactly the vault's");
      Searcher searcher = new Searcher();
      for (Map.Entry<String, String> e : tokens.entrySet()) {
        List<Hit> hits = searcher.search(idx, SearchQuery.parse(e.getValue(), LocalDate.now()),
            new Searcher.Options(5, 5, Searcher.Mode.KEYWORD)).hits();
        assertEquals(List.of(e.getKey()), hits.stream().map(Hit::path).toList(), "the word " + e.getValue());
      }
    }
  }

  List<String> command(String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), "dev.mnemo.cli.Mnemo"));
    cmd.addAll(List.of(args));
    return cmd;
  }
}
