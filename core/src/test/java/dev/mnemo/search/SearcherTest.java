package dev.mnemo.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mnemo.index.NoteIndex;
import dev.mnemo.testing.TempVault;
import dev.mnemo.vault.SourceText;
import dev.mnemo.vault.Vault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keyword search on the repository's sample vault, indexed into a real index on disk. */
class SearcherTest {
  static final LocalDate TODAY = LocalDate.of(2025, 3, 20);

  @TempDir
  static Path tmp;

  static Vault vault;
  static NoteIndex index;

  @BeforeAll
  static void indexSample() throws Exception {
    vault = Vault.open(TempVault.sample());
    TempVault.indexKeywordOnly(vault.root(), tmp.resolve("index"));
    index = NoteIndex.openForReading(tmp.resolve("index"));
  }

  @AfterAll
  static void close() throws Exception {
    index.close();
  }

  static List<Hit> search(String q) throws Exception {
    return new Searcher().search(index, SearchQuery.parse(q, TODAY), Searcher.Options.top(10)).hits();
  }

  /** The hits for {@code q} in another index than the sample's. */
  static List<Hit> search(NoteIndex in, String q) throws Exception {
    return new Searcher().search(in, SearchQuery.parse(q, TODAY), Searcher.Options.top(10)).hits();
  }

  static String top(String q) throws Exception {
    List<Hit> hits = search(q);
    assertFalse(hits.isEmpty(), "no hits for " + q);
    return hits.get(0).path();
  }

  /** Every hit's lines, read from the file, hold every term its snippet marks. */
  static void assertSpansHoldMatches(List<Hit> hits) throws Exception {
    for (Hit h : hits) {
      SourceText src = SourceText.decode(Files.readAllBytes(vault.root().resolve(h.path())));
      String lines = src.lines(h.startLine(), h.endLine()).toLowerCase(Locale.ROOT);
      assertTrue(lines.contains(h.text().toLowerCase(Locale.ROOT)) || h.startLine() == h.endLine(),
          h.location() + " does not hold its text");
      var m = java.util.regex.Pattern.compile("\\*\\*(.+?)\\*\\*").matcher(h.snippet());
      while (m.find()) {
        assertTrue(lines.contains(m.group(1).toLowerCase(Locale.ROOT)),
            h.location() + " does not contain marked '" + m.group(1) + "'");
      }
    }
  }

  @Test
  void englishChineseAndMixedQueriesFindTheirNotes() throws Exception {
    assertEquals("journal/2024-03-18.md", top("thermostat landlord"));
    assertEquals("study/Transformer 注意力机制.md", top("为什么除以"));
    assertEquals("study/LayerNorm.md", top("BatchNorm 为什么"));
    assertEquals("journal/2025年3月20日.md", top("通勤 搬家"));
    assertEquals("study/词向量.md", top("静态词向量 word2vec"));
    for (String q : List.of("thermostat", "为什么除以", "Multi-Head 注意力", "softmax gradients", "跑步")) {
      assertSpansHoldMatches(search(q));
    }
  }

  @Test
  void identifiersAndMixedScriptWordsAreFoundByTheirParts() throws Exception {
    assertEquals("tools/下载与调试工具.md", top("set_trace"));
    assertEquals("tools/下载与调试工具.md", top("pdb.set_trace()"));
    assertEquals("tools/下载与调试工具.md", top("KnnFloatVectorField"));
    assertEquals("tools/下载与调试工具.md", top("VectorField"));
    assertEquals("tools/下载与调试工具.md", top("BBDown"));
    assertEquals("tools/下载与调试工具.md", top("视频下载"));
    assertEquals("tools/下载与调试工具.md", top("BBDown视频下载"));
  }

  @Test
  void anyWordMayMatchAndMoreMatchesRankHigher() throws Exception {
    assertEquals("journal/2024-03-18.md", top("thermostat qwzxvbnm"));
    List<Hit> hits = search("thermostat heating landlord");
    assertEquals("journal/2024-03-18.md", hits.get(0).path(), "holds all three words");
    assertEquals("journal/2025-03-18.md", hits.get(1).path(), "holds only one of them, and still matches");
  }

  @Test
  void phrasesExclusionsAndRequiredWords() throws Exception {
    List<Hit> phrase = search("\"first race\"");
    assertEquals(1, phrase.size());
    assertEquals("journal/running-log.md", phrase.get(0).path());
    assertEquals(12, phrase.get(0).startLine());
    assertTrue(search("running -canal").stream().noneMatch(h -> h.text().contains("canal")));
    assertTrue(search("+thermostat running").stream().allMatch(h -> h.text().toLowerCase(Locale.ROOT).contains("thermostat")));
    assertTrue(search("\"注意力机制\"").stream().allMatch(h -> h.text().contains("注意力机制")));
  }

  @Test
  void filtersApplyToTagsPathsAndDates() throws Exception {
    assertTrue(search("run tag:running").stream().allMatch(h -> h.path().startsWith("journal/2024-03-18")));
    assertTrue(search("run path:journal").stream().allMatch(h -> h.path().startsWith("journal/")));
    List<Hit> march = search("run date:2025-03");
    assertFalse(march.isEmpty());
    assertTrue(march.stream().allMatch(h -> h.date() != null && h.date().startsWith("2025-03")), march.toString());
    List<Hit> onlyFilters = search("after:2024-04-01 before:2024-10");
    assertFalse(onlyFilters.isEmpty());
    assertTrue(onlyFilters.stream().allMatch(h -> h.date().compareTo("2024-04-01") >= 0 && h.date().compareTo("2024-10-01") < 0));
    assertEquals("2024-09-03", onlyFilters.get(0).date(), "only filters: newest first");
  }

  @Test
  void askingWhatHappenedInATimeListsEachOfItsEntriesOnceNewestFirst() throws Exception {
    Searcher.Results week = new Searcher().search(index, SearchQuery.parse("上周做了什么", TODAY), Searcher.Options.top(10));
    assertEquals(List.of("2025-03-14", "2025-03-12", "2025-03-10"), week.hits().stream().map(Hit::date).toList(),
        week.hits().toString());
    assertTrue(week.notice().startsWith("Dated 2025-03-10..2025-03-16, read from \"上周\""), week.notice());
    assertEquals(Searcher.LISTING, week.mode());
    assertTrue(week.hits().stream().allMatch(h -> h.matched().isEmpty()), "listed, not matched");

    // Eight entries of one weekly plan and two journal days: all shown, not two per note, each entry once.
    Searcher.Results march = new Searcher().search(index, SearchQuery.parse("what did I write in March 2025?", TODAY),
        new Searcher.Options(20, 2));
    List<String> entries = march.hits().stream().map(h -> h.path() + " " + h.date()).toList();
    assertEquals(10, entries.size(), entries.toString());
    assertEquals(entries.size(), entries.stream().distinct().count(), entries.toString());
    assertEquals(8, entries.stream().filter(e -> e.startsWith("plans/")).count(), entries.toString());
  }

  @Test
  void wordsReadAsADateThatFindNothingAreSearchedAsWordsAndTheResultsSaySo() throws Exception {
    Searcher.Results dated = new Searcher().search(index, SearchQuery.parse("running last 7 days", TODAY), Searcher.Options.top(10));
    assertFalse(dated.hits().isEmpty());
    assertTrue(dated.hits().stream().allMatch(h -> h.date() != null && h.date().compareTo("2025-03-14") >= 0), dated.hits().toString());
    assertEquals("Dated 2025-03-14..2025-03-20, read from \"last 7 days\" (put it in quotes to search for the words).",
        dated.notice());

    Searcher.Results words = new Searcher().search(index, SearchQuery.parse("heating last 7 days", TODAY),
        Searcher.Options.top(10));
    assertTrue(words.hits().stream().anyMatch(h -> h.path().equals("journal/2024-03-18.md")),
        "nothing of the last 7 days: the words instead, " + words.hits());
    assertEquals("Nothing dated 2025-03-14..2025-03-20 (read from \"last 7 days\"); these hits are for the words instead.",
        words.notice());

    assertEquals("", new Searcher().search(index, SearchQuery.parse("thermostat", TODAY), Searcher.Options.top(10)).notice());
  }

  @Test
  void aNotesFoldersAreSearchedWithItsTitle(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("vault");
    Files.createDirectories(root.resolve("postgres"));
    Files.createDirectories(root.resolve("mysql"));
    Files.createDirectories(root.resolve("读书笔记"));
    Files.createDirectories(root.resolve(".trash/postgres"));
    Files.writeString(root.resolve("mysql/database-size.md"),
        "# Check the size of a database\n\nQuery information_schema.tables and add up data_length for each database.\n");
    Files.writeString(root.resolve("postgres/database-size.md"),
        "# Check the size of a database\n\nRun \\l+ in psql to list each database with its size.\n");
    Files.writeString(root.resolve("读书笔记/专注.md"), "# 专注\n\n每天留出两个小时深度工作，关掉通知。\n");
    Files.writeString(root.resolve("专注的计划.md"), "# 专注的计划\n\n下周每天上午专注写作，关掉通知。\n");
    TempVault.indexKeywordOnly(root, dir.resolve("index"));
    try (NoteIndex in = NoteIndex.openForReading(dir.resolve("index"))) {
      // The subject is in the folder's name, not the note's words.
      assertEquals("postgres/database-size.md", search(in, "database size postgres").get(0).path());
      assertEquals("mysql/database-size.md", search(in, "database size mysql").get(0).path());
      assertEquals("读书笔记/专注.md", search(in, "读书 专注 关掉通知").get(0).path());
    }
    assertEquals("\npostgres", dev.mnemo.index.IndexSchema.folders("postgres/database-size.md"));
    assertEquals("", dev.mnemo.index.IndexSchema.folders(".trash/x.md"), "housekeeping folders are no subject");
    assertEquals("\nwork\n2024", dev.mnemo.index.IndexSchema.folders("work/2024/q1.md"));
  }

  @Test
  void oneLongNoteDoesNotFillThePage() throws Exception {
    List<Hit> hits = search("注意力 attention softmax Q K V 多头");
    long fromOne = hits.stream().filter(h -> h.path().equals("study/Transformer 注意力机制.md")).count();
    assertTrue(fromOne <= 2, "at most two hits per note, got " + fromOne);
  }

  @Test
  void hitsCarryDatesHeadingsAndMarkedSnippets() throws Exception {
    Hit h = search("magic running").get(0);
    assertEquals("journal/running-log.md", h.path());
    assertEquals("2024-09-03", h.date());
    assertEquals("Running log > 2024.09.03 The magic of running", h.heading());
    assertTrue(h.snippet().contains("**"), h.snippet());
    assertEquals(List.of("keyword"), h.matched());
  }

  @Test
  void theVaultsOwnWordsChooseAmongADictionarysRenderings() throws Exception {
    IndexSearcher searcher = index.acquire();
    try {
      long whole = Searcher.vaultFrequency(searcher, "注意力");
      long partly = Searcher.vaultFrequency(searcher, "注意性");
      long single = Searcher.vaultFrequency(searcher, "注");
      assertTrue(single > 0 && partly > 0, single + " " + partly);
      assertTrue(whole > partly, "a word the notes use outweighs one only partly in them");
      assertTrue(partly > single, "a partly used word outweighs a single character, which occurs in many words");
      assertEquals(0, Searcher.vaultFrequency(searcher, "量子色动力学"), "no trace in the notes, no weight");
      long heating = Searcher.vaultFrequency(searcher, "heating");
      assertTrue(heating > 0 && Searcher.vaultFrequency(searcher, "the heating clicks") > 0, "English counts by its words");
      assertEquals(0, Searcher.vaultFrequency(searcher, "clicks heating"), "a phrase counts where it is written as one");
    } finally {
      index.release(searcher);
    }
  }

  @Test
  void emojiAreFoundLikeWords() throws Exception {
    TempVault v = new TempVault(tmp.resolve("emoji"));
    v.write("good.md", "# Good day\n\nRan by the canal 😀 and finished the draft ✅\n");
    v.write("plain.md", "# Plain day\n\nNothing to report.\n");
    TempVault.indexKeywordOnly(v.root(), tmp.resolve("emoji-index"));
    try (NoteIndex r = NoteIndex.openForReading(tmp.resolve("emoji-index"))) {
      for (String q : List.of("😀", "✅")) {
        List<Hit> hits = search(r, q);
        assertEquals(List.of("good.md"), hits.stream().map(Hit::path).toList(), q);
        assertTrue(hits.get(0).snippet().contains("**" + q + "**"), hits.get(0).snippet());
      }
    }
  }

  @Test
  void aChineseQuestionsAskingWordsDoNotOutweighWhatItAsksAbout() throws Exception {
    TempVault v = new TempVault(tmp.resolve("asking"));
    // A note that asks 如何查看 about something else, the note about the thing asked, and notes that
    // make 查看, 磁盘 and 空间 common words of the vault, as in a vault of notes about Linux commands.
    v.write("rpm.md", "# rpm\n\n## 如何查看软件包\n\n如何查看已经安装的软件包？用 rpm -qa。\n");
    v.write("df.md", "# df\n\n显示磁盘分区上可以使用的磁盘空间，默认单位为 KB。\n");
    v.write("du.md", "# du\n\n查看目录占用的磁盘空间。\n");
    v.write("fdisk.md", "# fdisk\n\n磁盘分区工具，可以查看和删除分区，释放空间。\n");
    v.write("mount.md", "# mount\n\n挂载磁盘分区到目录，或者查看挂载了哪些分区。\n");
    v.write("quota.md", "# quota\n\n查看和限制每个用户使用的磁盘空间。\n");
    TempVault.indexKeywordOnly(v.root(), tmp.resolve("asking-index"));
    try (NoteIndex r = NoteIndex.openForReading(tmp.resolve("asking-index"))) {
      List<String> paths = search(r, "如何查看磁盘空间").stream().map(Hit::path).toList();
      assertTrue(paths.contains("df.md") && paths.indexOf("rpm.md") > paths.indexOf("df.md"), paths.toString());
      assertTrue(List.of("du.md", "df.md", "quota.md").contains(paths.get(0)), paths.toString());
      // Asking words still find a note when they are all the query holds.
      assertEquals(List.of("rpm.md"), search(r, "如何").stream().map(Hit::path).toList());
    }
  }
}
