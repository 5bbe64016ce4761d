package dev.mnemo.trust;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mnemo.search.KeywordQuery;
import dev.mnemo.search.QuerySyntaxException;
import dev.mnemo.search.SearchQuery;
import dev.mnemo.testing.TempVault;
import dev.mnemo.vault.NoteParser;
import dev.mnemo.vault.SourceText;
import dev.mnemo.vault.UnreadableNoteException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzzer over the notes parser and the query parser: real notes and queries,
 * cut, spliced, duplicated and sprinkled with the characters parsers trip on. No exception may
 * escape and no input may take a second. Runs {@code mnemo.fuzz.seconds} (default 15) per target;
 * {@code mvn test -pl core -Dtest=FuzzTest -Dmnemo.fuzz.seconds=600} is the long run.
 */
class FuzzTest {
  static final long SECONDS = Long.getLong("mnemo.fuzz.seconds", 15);
  static final long SEED = Long.getLong("mnemo.fuzz.seed", 20261122L);
  static final String[] NASTY = {"\n", "\r", "\r\n", "\t", "\u0000", "\uFEFF", "#", "##", "- ", "- [ ] ", "1. ", "> ",
      "```", "~~~", "---", "[[", "]]", "![[", "|", "#tag", "<script>", "</", "*", "**", "_", "`", "$$", "\\", "(", ")",
      "[", "]", "{", "}", "2023-09-03", "2023年3月5日", "June 6th, 2023", "1. Monday (May 29th, 2023):", "::", "title:: x",
      "\uD83D\uDE00", "注意力", "\uD800", "\u202E", "    ", "http://x.y/", "<!--", "-->", "|---|", "\"", "+", "-", ":", "tag:",
      "date:", "after:", "before:", "path:", "上周", "*?", "~", "^", "AND", "OR", "NOT"};

  static List<String> corpus() throws Exception {
    List<String> out = new ArrayList<>();
    for (Path dir : List.of(TempVault.sample(), TempVault.shared().resolve("seeds"))) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.filter(Files::isRegularFile).toList()) {
          byte[] b = Files.readAllBytes(p);
          if (b.length < 400_000) {
            out.add(new String(b, StandardCharsets.UTF_8));
          }
        }
      }
    }
    return out;
  }

  static String mutate(String s, SplittableRandom r) {
    StringBuilder sb = new StringBuilder(s);
    int edits = 1 + r.nextInt(12);
    for (int e = 0; e < edits; e++) {
      int at = sb.length() == 0 ? 0 : r.nextInt(sb.length() + 1);
      switch (r.nextInt(6)) {
        case 0 -> sb.insert(at, NASTY[r.nextInt(NASTY.length)]);
        case 1 -> {
          if (sb.length() > 0) {
            sb.delete(at, Math.min(sb.length(), at + r.nextInt(200)));
          }
        }
        case 2 -> {
          int from = r.nextInt(sb.length() + 1);
          int to = Math.min(sb.length(), from + r.nextInt(500));
          sb.insert(at, sb.substring(from, to));
        }
        case 3 -> sb.insert(at, NASTY[r.nextInt(NASTY.length)].repeat(1 + r.nextInt(300)));
        case 4 -> {
          if (sb.length() > 0 && at < sb.length()) {
            sb.setCharAt(at, (char) r.nextInt(0x10000));
          }
        }
        default -> sb.insert(at, "  ".repeat(r.nextInt(50)) + "- ");
      }
    }
    return sb.toString();
  }

  @Test
  void theNotesParserSurvivesMutatedNotes() throws Exception {
    List<String> corpus = corpus();
    assertTrue(!corpus.isEmpty());
    SplittableRandom r = new SplittableRandom(SEED);
    NoteParser parser = new NoteParser();
    long end = System.nanoTime() + SECONDS * 1_000_000_000L;
    int runs = 0;
    while (System.nanoTime() < end) {
      String input = mutate(corpus.get(r.nextInt(corpus.size())), r);
      long t0 = System.nanoTime();
      try {
        SourceText text = SourceText.decode(input.getBytes(StandardCharsets.UTF_8));
        parser.parse("fuzz/" + runs + ".md", text);
      } catch (UnreadableNoteException expected) {
        // a clear refusal (binary, NUL bytes) is an answer
      } catch (Throwable t) {
        fail("parser failed on input #" + runs + " (seed " + SEED + "): " + t + "\n" + preview(input), t);
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms < 1000, "input #" + runs + " took " + ms + " ms");
      runs++;
    }
    assertTrue(runs > 10, "ran " + runs);
  }

  @Test
  void theQueryParserSurvivesMutatedQueries() {
    String[] seeds = {"attention 注意力", "\"multi-head attention\" -batchnorm", "tag:running after:2024-01 before:2024-05",
        "date:\"last week\" 跑步", "path:journal +softmax", "BBDown视频下载", "pdb.set_trace()", "date:2023年8月 搬家"};
    SplittableRandom r = new SplittableRandom(SEED + 1);
    long end = System.nanoTime() + Math.max(3, SECONDS / 3) * 1_000_000_000L;
    int runs = 0;
    while (System.nanoTime() < end) {
      String q = mutate(seeds[r.nextInt(seeds.length)], r);
      long t0 = System.nanoTime();
      try {
        SearchQuery parsed = SearchQuery.parse(q, LocalDate.of(2025, 3, 20));
        KeywordQuery.build(parsed, KeywordQuery.Weights.DEFAULT);
        KeywordQuery.constraints(parsed, KeywordQuery.Weights.DEFAULT);
      } catch (QuerySyntaxException expected) {
        assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
      } catch (Throwable t) {
        fail("query parser failed on " + preview(q), t);
      }
      assertTrue((System.nanoTime() - t0) / 1_000_000 < 1000, "slow query " + preview(q));
      runs++;
    }
    assertTrue(runs > 10);
  }

  static String preview(String s) {
    String p = s.length() > 300 ? s.substring(0, 300) + "…" : s;
    return p.replace("\n", "\\n");
  }
}
