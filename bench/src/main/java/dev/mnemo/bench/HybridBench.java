package dev.mnemo.bench;

import dev.mnemo.index.NoteIndex;
import dev.mnemo.search.SearchQuery;
import dev.mnemo.search.Searcher;
import dev.mnemo.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code mnemo bench hybrid VAULT INDEX [N]}: query latency of every search mode on an index built
 * with vectors ({@code mnemo index VAULT --index INDEX}), including embedding each query, with the
 * same seeded queries as {@code bench search}; keyword mode on the same index is the reference.
 */
public final class HybridBench {
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      throw new Bench.UsageException("hybrid needs a vault and an index");
    }
    Vault vault = Vault.open(Path.of(args[0]));
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    List<String> texts = new ArrayList<>();
    for (Vault.File f : vault.scan(Vault.DEFAULT_MAX_FILE_SIZE).files()) {
      texts.add(new String(Files.readAllBytes(f.absolute()), StandardCharsets.UTF_8));
    }
    boolean cjk = SearchBench.cjkShare(texts) > 0.1;
    List<List<String>> queries = SearchBench.queries(texts, n, 42, cjk);
    try (NoteIndex index = NoteIndex.openForReading(Path.of(args[1]))) {
      if (Searcher.models(index) == null) {
        System.err.println("the index has no vectors: build it with 'mnemo index VAULT --index INDEX'");
        System.exit(2);
      }
      Searcher searcher = new Searcher();
      Searcher.Mode[] modes = Searcher.Mode.values();
      double[][] ms = new double[modes.length][queries.size()];
      for (List<String> q : queries) {
        for (Searcher.Mode m : modes) {
          searcher.search(index, SearchQuery.plain(String.join(" ", q)), new Searcher.Options(10, 2, m));
        }
      }
      for (int i = 0; i < queries.size(); i++) {
        for (int m = 0; m < modes.length; m++) {
          long t0 = System.nanoTime();
          searcher.search(index, SearchQuery.plain(String.join(" ", queries.get(i))), new Searcher.Options(10, 2, modes[m]));
          ms[m][i] = (System.nanoTime() - t0) / 1e6;
        }
      }
      System.out.printf(Locale.ROOT, "vault %s, index %s (%s), %d queries%n", vault.root(), args[1], Searcher.models(index).name(),
          queries.size());
      System.out.println("| mode | p50 ms | p99 ms | p50 vs keyword |");
      System.out.println("|---|---|---|---|");
      double k50 = SearchBench.pct(ms[0], 0.5);
      for (int m = 0; m < modes.length; m++) {
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", modes[m].label(), SearchBench.pct(ms[m], 0.5),
            SearchBench.pct(ms[m], 0.99), SearchBench.pct(ms[m], 0.5) / k50);
      }
    }
  }
}
