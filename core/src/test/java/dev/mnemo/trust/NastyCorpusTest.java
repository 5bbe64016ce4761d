package dev.mnemo.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mnemo.index.Indexer;
import dev.mnemo.index.NoteIndex;
import dev.mnemo.search.Hit;
import dev.mnemo.search.QuerySyntaxException;
import dev.mnemo.search.SearchQuery;
import dev.mnemo.search.Searcher;
import dev.mnemo.testing.TempVault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fixed corpus of hostile files indexed beside good ones: clear warnings, the rest intact. */
class NastyCorpusTest {
  @TempDir
  Path tmp;

  @Test
  void hostileFilesAreReportedOrHandledAndTheRestOfTheVaultIsSearchable() throws Exception {
    TempVault v = new TempVault(tmp.resolve("vault"));
    v.write("good.md", "# Good\nthe quokka smiles");
    v.write("binary.md", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1, 2});
    v.write("invalid utf8.md", new byte[] {'o', 'k', ' ', (byte) 0xC3, (byte) 0x28});
    v.write("nul.md", "text with a \u0000 NUL byte");
    v.write("bom.md", "\uFEFF# BOM\nthe axolotl waves");
    v.write("crlf.md", "# CRLF\r\nthe pangolin\r\nrolls\r\n");
    v.write("lone cr.md", "# CR\rthe narwhal\rdives");
    v.write("nested.md", "the nested kiwi\n" + buildNested(10_000));
    v.write("headings.md", "the heading tapir\n" + "# h\n".repeat(100_000));
    v.write("one long line.md", "the long line ibis " + "很长的一行没有换行符。".repeat(320_000));
    v.write("emoji 🦉 名字 with spaces.md", "the owl 猫头鹰 lives here");
    Path huge = v.write("huge.md", "");
    try (var out = Files.newBufferedWriter(huge)) {
      String line = "filler line of a fifty megabyte note\n";
      for (long written = 0; written < 50L << 20; written += line.length()) {
        out.write(line);
      }
    }
    Files.createDirectories(v.root().resolve("loop"));
    Files.createSymbolicLink(v.root().resolve("loop/again"), v.root().resolve("loop"));
    Files.createSymbolicLink(v.root().resolve("outside.md"), Path.of("/etc/hostname"));
    boolean root = "root".equals(System.getProperty("user.name"));
    Path secret = v.write("secret.md", "the okapi hides");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    try {
      v.write("new\nline.md", "the newline gecko");
    } catch (Exception e) {
      // file systems that refuse such names simply do not get the case
    }

    Indexer.Report r = TempVault.indexKeywordOnly(v.root(), tmp.resolve("index"));
    String problems = r.problems().toString();
    assertEquals(1, problems.split("nested.md|headings.md|one long line.md", -1).length, "handled, not skipped: " + problems);
    assertTrue(problems.contains("binary.md"), problems);
    assertTrue(problems.contains("invalid utf8.md: invalid UTF-8"), problems);
    assertTrue(problems.contains("nul.md"), problems);
    assertTrue(problems.contains("huge.md: too large"), problems);
    assertTrue(problems.contains("loop"), problems);
    assertTrue(problems.contains("outside.md"), problems);
    if (!root) {
      assertTrue(problems.contains("secret.md"), problems);
    }
    for (String[] q : new String[][] {{"quokka", "good.md"}, {"axolotl", "bom.md"}, {"pangolin", "crlf.md"},
        {"narwhal", "lone cr.md"}, {"kiwi", "nested.md"}, {"tapir", "headings.md"}, {"ibis", "one long line.md"},
        {"猫头鹰", "emoji 🦉 名字 with spaces.md"}}) {
      assertEquals(List.of(q[1]), search(q[0]), q[0]);
    }
  }

  private static String buildNested(int depth) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      sb.append("  ".repeat(Math.min(i, 200))).append("- level ").append(i).append('\n');
    }
    return sb.toString();
  }

  private List<String> search(String q) throws Exception {
    try (NoteIndex index = NoteIndex.openForReading(tmp.resolve("index"))) {
      return new Searcher().search(index, SearchQuery.parse(q, LocalDate.now()), Searcher.Options.top(10)).hits().stream()
          .map(Hit::path).distinct().toList();
    }
  }

  @Test
  void hostileQueriesGetAClearErrorOrABoundedAnswer() throws Exception {
    TempVault v = new TempVault(tmp.resolve("vault"));
    for (int i = 0; i < 50; i++) {
      v.write("n" + i + ".md", "# Note " + i + "\nwords " + i + " attention 注意力 wildcard" + i);
    }
    TempVault.indexKeywordOnly(v.root(), tmp.resolve("index"));
    LocalDate today = LocalDate.now();
    assertThrows(QuerySyntaxException.class, () -> SearchQuery.parse("x".repeat(100_000), today));
    assertThrows(QuerySyntaxException.class, () -> SearchQuery.parse("date:notadate attention", today));
    try (NoteIndex index = NoteIndex.openForReading(tmp.resolve("index"))) {
      for (String q : List.of("(".repeat(500) + "a" + ")".repeat(500), "a* ".repeat(60), "*".repeat(1000),
          "\"" + "注意力".repeat(300), "-a -b -c -d", "tag:" + "x".repeat(1500), "path:*?*?*?*?*?*?*?*?*?*?*?*?", "\"\"\"\"",
          String.join(" ", java.util.Collections.nCopies(64, "attention")))) {
        try {
          SearchQuery parsed = SearchQuery.parse(q, today);
          new Searcher().search(index, parsed, Searcher.Options.top(10));
        } catch (QuerySyntaxException expected) {
          assertTrue(expected.getMessage().length() > 10, expected.getMessage());
        } catch (IllegalArgumentException expected) {
          assertTrue(expected.getMessage().length() > 10, expected.getMessage());
        }
      }
    }
  }
}
