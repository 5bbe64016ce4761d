package dev.mnemo.bench;

import dev.mnemo.index.Indexer;
import dev.mnemo.index.NoteIndex;
import dev.mnemo.progress.Progress;
import dev.mnemo.search.SearchQuery;
import dev.mnemo.search.Searcher;
import dev.mnemo.vault.NoteParser;
import dev.mnemo.vault.NoteReader;
import dev.mnemo.vault.Vault;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * End-to-end search on a real vault, against SQLite FTS5 and ripgrep on the same files in the same
 * run: build time, index size, and query latency (p50/p99) over the same seeded queries.
 *
 * <p>mnemo and SQLite are measured in this process (warm, as a server answers); ripgrep is run as a
 * process per query, as it is used. Queries are drawn from the vault's own text (a word or two that
 * some note contains), so every tool has something to find.
 */
public final class SearchBench {
  private static final Set<String> STOP = Set.of("that", "this", "with", "from", "have", "will", "your", "when",
      "what", "there", "their", "which", "into", "than", "then", "them", "they", "been", "were", "also", "just");

  private final PrintStream out;

  public SearchBench(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new Bench.UsageException("search needs a vault");
    }
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
    new SearchBench(System.out).run(Path.of(args[0]), n, seed);
  }

  public void run(Path vaultDir, int queryCount, long seed) throws Exception {
    Vault vault = Vault.open(vaultDir);
    List<Vault.File> files = vault.scan(Vault.DEFAULT_MAX_FILE_SIZE).files();
    List<String> texts = new ArrayList<>();
    long bytes = 0;
    for (Vault.File f : files) {
      byte[] b = Files.readAllBytes(f.absolute());
      bytes += b.length;
      texts.add(new String(b, StandardCharsets.UTF_8));
    }
    boolean cjk = cjkShare(texts) > 0.1;
    List<List<String>> queries = queries(texts, queryCount, seed, cjk);
    out.printf(Locale.ROOT, "vault %s: %d notes, %.1f MB, %s; %d queries (seed %d)%n", vault.root(), files.size(),
        bytes / 1e6, cjk ? "mostly Chinese" : "mostly English", queries.size(), seed);

    Path tmp = Files.createTempDirectory("mnemo-bench-");
    try {
      // Build: mnemo (keyword index) and SQLite FTS5.
      Path indexDir = tmp.resolve("mnemo");
      long t0 = System.nanoTime();
      try (NoteIndex index = NoteIndex.openForWriting(indexDir, vault.root())) {
        new Indexer(new NoteReader(new NoteParser()), Indexer.DocumentMaker.KEYWORD_ONLY,
            Runtime.getRuntime().availableProcessors(), Vault.DEFAULT_MAX_FILE_SIZE).update(vault, index, Progress.NONE);
      }
      double mnemoBuild = (System.nanoTime() - t0) / 1e9;
      Path db = tmp.resolve("fts.db");
      t0 = System.nanoTime();
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
        buildFts(c, files, texts, cjk);
      }
      double sqliteBuild = (System.nanoTime() - t0) / 1e9;

      out.println();
      out.println("| build | seconds | index size |");
      out.println("|---|---|---|");
      out.printf(Locale.ROOT, "| mnemo (keyword index, %d threads) | %.2f | %.1f MB |%n",
          Runtime.getRuntime().availableProcessors(), mnemoBuild, size(indexDir) / 1e6);
      out.printf(Locale.ROOT, "| SQLite FTS5 (%s) | %.2f | %.1f MB |%n", cjk ? "trigram" : "porter unicode61",
          sqliteBuild, size(db) / 1e6);
      out.println("| ripgrep | no index | 0 |");

      double[] mnemo = new double[queries.size()];
      double[] sqlite = new double[queries.size()];
      double[] rg = new double[queries.size()];
      boolean haveRg = haveRipgrep();
      try (NoteIndex index = NoteIndex.openForReading(indexDir);
          Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
          PreparedStatement ps = c.prepareStatement(
              "SELECT path FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10")) {
        Searcher searcher = new Searcher();
        // Warm up both engines on every query once, then measure, interleaving the tools per query.
        for (List<String> q : queries) {
          searcher.search(index, SearchQuery.plain(String.join(" ", q)), Searcher.Options.top(10));
          fts(ps, q);
        }
        for (int i = 0; i < queries.size(); i++) {
          List<String> q = queries.get(i);
          long a = System.nanoTime();
          searcher.search(index, SearchQuery.plain(String.join(" ", q)), Searcher.Options.top(10));
          mnemo[i] = (System.nanoTime() - a) / 1e6;
          a = System.nanoTime();
          fts(ps, q);
          sqlite[i] = (System.nanoTime() - a) / 1e6;
          if (haveRg) {
            a = System.nanoTime();
            ripgrep(vault.root(), q);
            rg[i] = (System.nanoTime() - a) / 1e6;
          }
        }
      }
      out.println();
      out.println("| query latency (ms) | p50 | p99 | p50 ratio to mnemo |");
      out.println("|---|---|---|---|");
      double m50 = pct(mnemo, 0.5);
      row("mnemo (BM25 top 10, with snippets)", mnemo, m50);
      row("SQLite FTS5 (bm25 top 10, paths only)", sqlite, m50);
      if (haveRg) {
        row("ripgrep (`rg -i -l -F`, a process per query)", rg, m50);
      } else {
        out.println("| ripgrep | not installed | | |");
      }
    } finally {
      try (Stream<Path> walk = Files.walk(tmp)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private void row(String name, double[] ms, double mnemo50) {
    double p50 = pct(ms, 0.5);
    out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", name, p50, pct(ms, 0.99), p50 / mnemo50);
  }

  static double pct(double[] values, double p) {
    double[] s = values.clone();
    Arrays.sort(s);
    int i = (int) Math.ceil(p * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, i))];
  }

  private static void buildFts(Connection c, List<Vault.File> files, List<String> texts, boolean cjk) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, body, tokenize='"
          + (cjk ? "trigram" : "porter unicode61") + "')");
    }
    c.setAutoCommit(false);
    try (PreparedStatement ins = c.prepareStatement("INSERT INTO docs(path, body) VALUES (?, ?)")) {
      for (int i = 0; i < files.size(); i++) {
        ins.setString(1, files.get(i).path());
        ins.setString(2, texts.get(i));
        ins.addBatch();
      }
      ins.executeBatch();
    }
    c.commit();
    c.setAutoCommit(true);
  }

  private static int fts(PreparedStatement ps, List<String> q) throws SQLException {
    StringBuilder match = new StringBuilder();
    for (String t : q) {
      if (match.length() > 0) {
        match.append(" OR ");
      }
      match.append('"').append(t.replace("\"", "\"\"")).append('"');
    }
    ps.setString(1, match.toString());
    int n = 0;
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        n++;
      }
    }
    return n;
  }

  private static boolean haveRipgrep() {
    try {
      return new ProcessBuilder("rg", "--version").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static void ripgrep(Path root, List<String> q) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("rg", "-i", "-l", "-F", "--glob", "*.md", "--glob", "*.txt",
        "--glob", "*.markdown"));
    for (String t : q) {
      cmd.add("-e");
      cmd.add(t);
    }
    cmd.add(root.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    p.waitFor();
  }

  private static long size(Path p) throws IOException {
    if (Files.isRegularFile(p)) {
      return Files.size(p);
    }
    try (Stream<Path> walk = Files.walk(p)) {
      return walk.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    }
  }

  static double cjkShare(List<String> texts) {
    long cjk = 0;
    long letters = 0;
    for (String t : texts) {
      for (int i = 0; i < t.length(); i++) {
        char c = t.charAt(i);
        if (Character.isLetter(c)) {
          letters++;
          if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
            cjk++;
          }
        }
      }
    }
    return letters == 0 ? 0 : cjk / (double) letters;
  }

  private static final Pattern WORD = Pattern.compile("[A-Za-z]{4,}");
  private static final Pattern HAN = Pattern.compile("\\p{IsHan}{3,}");

  /** One or two terms that a randomly chosen note contains: English words, or three Chinese characters. */
  static List<List<String>> queries(List<String> texts, int count, long seed, boolean cjk) {
    Random random = new Random(seed);
    List<List<String>> out = new ArrayList<>();
    int guard = 0;
    while (out.size() < count && guard++ < count * 50) {
      String text = texts.get(random.nextInt(texts.size()));
      List<String> terms = new ArrayList<>();
      Matcher m = (cjk ? HAN : WORD).matcher(text);
      List<String> all = new ArrayList<>();
      while (m.find()) {
        String w = m.group();
        if (cjk) {
          int start = random.nextInt(w.length() - 2);
          all.add(w.substring(start, start + 3));
        } else if (!STOP.contains(w.toLowerCase(Locale.ROOT))) {
          all.add(w.toLowerCase(Locale.ROOT));
        }
      }
      if (all.isEmpty()) {
        continue;
      }
      Set<String> chosen = new LinkedHashSet<>();
      int want = 1 + random.nextInt(2);
      for (int i = 0; i < want; i++) {
        chosen.add(all.get(random.nextInt(all.size())));
      }
      terms.addAll(chosen);
      out.add(terms);
    }
    return out;
  }
}
