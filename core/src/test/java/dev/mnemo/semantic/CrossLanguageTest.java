package dev.mnemo.semantic;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mnemo.index.Indexer;
import dev.mnemo.index.NoteIndex;
import dev.mnemo.progress.Progress;
import dev.mnemo.search.Hit;
import dev.mnemo.search.SearchQuery;
import dev.mnemo.search.Searcher;
import dev.mnemo.testing.TempVault;
import dev.mnemo.vault.NoteParser;
import dev.mnemo.vault.NoteReader;
import dev.mnemo.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * English queries for Chinese passages and the reverse, on the seeds: how often the answer is in
 * the top 10 with and without the bilingual dictionary. Prints the table the README shows.
 */
class CrossLanguageTest {
  @TempDir
  Path tmp;

  record Pair(String query, String file, String passage) {}

  @Test
  void theDictionaryFindsAnswersWrittenInTheOtherLanguage() throws Exception {
    Path seeds = TempVault.shared().resolve("seeds");
    assumeTrue(Files.isDirectory(seeds), "../shared/seeds is absent");
    assumeTrue(Bilingual.get().available(), "this build has no bilingual dictionary (npm was unavailable)");
    List<Pair> pairs = Files.readAllLines(Path.of(getClass().getResource("/cross-language.tsv").toURI()), StandardCharsets.UTF_8)
        .stream().filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t")).map(f -> new Pair(f[0], f[1], f[2]))
        .toList();
    Vault vault = Vault.open(seeds);
    try (NoteIndex index = NoteIndex.openForWriting(tmp.resolve("index"), vault.root())) {
      new Indexer(new NoteReader(new NoteParser()), new SemanticDocuments(Models.auto()), 2, Vault.DEFAULT_MAX_FILE_SIZE)
          .update(vault, index, Progress.NONE);
    }
    int[] found = new int[4];
    try (NoteIndex index = NoteIndex.openForReading(tmp.resolve("index"))) {
      for (Pair p : pairs) {
        for (int variant = 0; variant < 4; variant++) {
          Searcher s = variant % 2 == 0 ? new Searcher().monolingual() : new Searcher();
          Searcher.Mode mode = variant < 2 ? Searcher.Mode.SEMANTIC : Searcher.Mode.HYBRID;
          List<Hit> hits = s.search(index, SearchQuery.plain(p.query()), new Searcher.Options(10, 2, mode)).hits();
          if (hits.stream().anyMatch(h -> h.path().equals(p.file()) && h.text().contains(p.passage()))) {
            found[variant]++;
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "cross-language, %d pairs, found in the top 10: semantic %d -> %d with the dictionary; "
        + "hybrid %d -> %d%n", pairs.size(), found[0], found[1], found[2], found[3]);
    assertTrue(found[3] >= found[2], "the dictionary must not lose answers in hybrid mode");
    assertTrue(found[3] > found[2] || found[1] > found[0], "the dictionary finds more across languages");
  }
}
