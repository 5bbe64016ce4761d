package dev.mnemo.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mnemo.encoder.EncoderModel;
import dev.mnemo.index.IndexSchema;
import dev.mnemo.index.Indexer;
import dev.mnemo.index.NoteIndex;
import dev.mnemo.journal.LinkGraph;
import dev.mnemo.progress.Progress;
import dev.mnemo.search.Hit;
import dev.mnemo.search.Related;
import dev.mnemo.search.SearchQuery;
import dev.mnemo.search.Searcher;
import dev.mnemo.testing.TempVault;
import dev.mnemo.vault.NoteParser;
import dev.mnemo.vault.NoteReader;
import dev.mnemo.vault.Vault;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vectors in a real index: routing by language, reuse by content hash, model changes, the search modes. */
class SemanticIndexTest {
  @TempDir
  Path tmp;

  TempVault v;

  @BeforeEach
  void vault() throws Exception {
    v = new TempVault(tmp.resolve("vault"));
    v.write("moving.md", "# Moving day\n\nI packed the last boxes and carried the sofa down four floors to the new apartment.\n");
    v.write("cooking.md", "# Dinner\n\nTonight I baked bread and made a tomato soup with basil.\n");
    v.write("搬家.md", "# 搬家\n\n今天终于把所有的箱子搬到了新的公寓，累得腰都直不起来。\n");
    v.write("天气.md", "# 天气\n\n下了一整天的雨，气温骤降，街上几乎没有人。\n");
    v.write("mixed.md", "# Notes on BERT\n\nBERT 用 Transformer 编码整句话 and every token sees both sides of the sentence.\n");
  }

  private SemanticDocuments maker;

  private Indexer.Report index(Models models) throws Exception {
    Vault vault = Vault.open(v.root());
    maker = new SemanticDocuments(models);
    try (NoteIndex index = NoteIndex.openForWriting(tmp.resolve("index"), vault.root())) {
      return new Indexer(new NoteReader(new NoteParser()), maker, 2, Vault.DEFAULT_MAX_FILE_SIZE)
          .update(vault, index, Progress.NONE);
    }
  }

  private List<Hit> search(String q, Searcher.Mode mode) throws Exception {
    try (NoteIndex index = NoteIndex.openForReading(tmp.resolve("index"))) {
      return new Searcher().search(index, SearchQuery.parse(q, LocalDate.now()), new Searcher.Options(10, 1, mode)).hits();
    }
  }

  private float[] vector(String path, String field) throws Exception {
    try (NoteIndex index = NoteIndex.openForReading(tmp.resolve("index"))) {
      IndexSearcher s = index.acquire();
      try {
        for (ScoreDoc sd : s.search(new TermQuery(new Term(IndexSchema.PATH, path)), 10).scoreDocs) {
          float[] vec = SemanticDocuments.vectorOf(s, field, sd.doc);
          if (vec != null) {
            return vec;
          }
        }
        return null;
      } finally {
        index.release(s);
      }
    }
  }

  @Test
  void chunksGoToTheModelOfTheirLanguageAndMixedOnesToBoth() throws Exception {
    index(Models.auto());
    String zh = VectorSpace.of(EncoderModel.BGE_SMALL_ZH, null).field();
    String en = VectorSpace.of(EncoderModel.BGE_SMALL_EN, null).field();
    assertNotNull(vector("moving.md", en));
    assertNull(vector("moving.md", zh));
    assertNotNull(vector("搬家.md", zh));
    assertNull(vector("搬家.md", en));
    assertNotNull(vector("mixed.md", zh));
    assertNotNull(vector("mixed.md", en));
  }

  @Test
  void aTranslationWeighsMoreInAVaultWrittenInTheOtherLanguage() throws Exception {
    for (int i = 0; i < 6; i++) {
      v.write("日记" + i + ".md", "# 日记\n\n今天写了第" + i + "篇日记，记录了工作和生活。\n");
    }
    index(Models.auto());
    try (NoteIndex index = NoteIndex.openForReading(tmp.resolve("index"))) {
      IndexSearcher s = index.acquire();
      try {
        double english = Searcher.translatedKeywordShare(index, s, Language.EN);
        double chinese = Searcher.translatedKeywordShare(index, s, Language.ZH);
        assertTrue(english > chinese, english + " vs " + chinese);
        assertTrue(chinese >= 0.5 && english <= 1.0, english + " vs " + chinese);
        assertEquals(0.5, Searcher.translatedKeywordShare(index, s, Language.MIXED));
      } finally {
        index.release(s);
      }
    }
  }

  @Test
  void meaningIsFoundWithoutSharedWordsInBothLanguages() throws Exception {
    index(Models.auto());
    assertEquals("moving.md", search("relocating to a different flat", Searcher.Mode.SEMANTIC).get(0).path());
    assertEquals("搬家.md", search("换了住的地方", Searcher.Mode.SEMANTIC).get(0).path());
    assertEquals("天气.md", search("暴雨降温", Searcher.Mode.HYBRID).get(0).path());
    // The keyword side finds nothing here; hybrid still answers by meaning.
    assertEquals("moving.md", search("relocating to a different flat", Searcher.Mode.HYBRID).get(0).path());
    assertTrue(search("relocating to a different flat", Searcher.Mode.KEYWORD).stream().noneMatch(h -> h.path().equals("moving.md")));
  }

  @Test
  void aWordByWordTranslationDoesNotOutrankTheQuerysOwnLanguage() throws Exception {
    // 连接 renders as "join", which the English note holds: its translated similarity must not beat
    // the Chinese note that answers in the query's own language.
    v.write("残差.md", "# Transformer 架构\n\n这是 Transformer 架构图，左边是 encoder，右边是 decoder，里面大部分是常用的"
        + " Feed Forward（前馈网络）/ Add（残差连接）/ Norm（层归一化），核心还是 Multi-Head Attention 模块。\n");
    v.write("job.md", "# New job\n\nToday I officially joined the company and met the people I will work with.\n");
    index(Models.auto());
    for (Searcher.Mode mode : List.of(Searcher.Mode.SEMANTIC, Searcher.Mode.HYBRID)) {
      List<Hit> hits = search("什么是残差连接", mode);
      assertEquals("残差.md", hits.get(0).path(), mode + ": " + hits.stream().map(Hit::path).toList());
    }
  }

  @Test
  void exactPhraseHitsAreNotBuriedByFusion() throws Exception {
    index(Models.auto());
    List<Hit> hits = search("tomato soup", Searcher.Mode.HYBRID);
    assertEquals("cooking.md", hits.get(0).path());
    assertTrue(hits.get(0).matched().contains("exact"), hits.get(0).matched().toString());
  }

  @Test
  void aNoteWhoseTitleAndFoldersHoldEveryWordOfTheQueryIsMarkedAndFirst() throws Exception {
    v.write("tmux/rename-the-current-session.md", "# Rename The Current Session\n\nPress the prefix, then $, and type the new name.\n");
    v.write("journal.md", "# Sessions\n\nA long working session today: I renamed the project and its tmux windows.\n");
    index(Models.auto());
    List<Hit> hits = search("session rename tmux", Searcher.Mode.HYBRID);
    assertEquals("tmux/rename-the-current-session.md", hits.get(0).path(), hits.toString());
    assertTrue(hits.get(0).matched().contains("title words"), hits.get(0).matched().toString());
    assertTrue(hits.stream().skip(1).noneMatch(h -> h.matched().contains("title words")), hits.toString());
  }

  @Test
  void filtersApplyToTheVectorSideToo() throws Exception {
    index(Models.auto());
    List<Hit> hits = search("relocating to a different flat path:cooking", Searcher.Mode.SEMANTIC);
    assertTrue(hits.stream().allMatch(h -> h.path().equals("cooking.md")), hits.toString());
    hits = search("relocating to a different flat -apartment", Searcher.Mode.HYBRID);
    assertTrue(hits.stream().noneMatch(h -> h.path().equals("moving.md")), hits.toString());
  }

  @Test
  void onlyChangedChunksAreEmbeddedAgainAndRenamesReuseVectors() throws Exception {
    index(Models.auto());
    assertEquals(6, maker.embedded(), "five notes, the mixed one twice");
    index(Models.auto());
    assertEquals(0, maker.embedded());
    v.write("cooking.md", "# Dinner\n\nTonight I baked bread and made a pumpkin soup with basil.\n");
    index(Models.auto());
    assertEquals(1, maker.embedded());
    v.move("天气.md", "journal/天气.md");
    index(Models.auto());
    assertEquals(0, maker.embedded());
    assertEquals(1, maker.reused());
  }

  @Test
  void aLongParagraphIsEmbeddedAsSentenceWindowsAndFoundByOneOfThem() throws Exception {
    StringBuilder p = new StringBuilder();
    for (String s : List.of("早上七点起床，先去楼下的公园跑了五公里。", "回来以后煮了一锅小米粥，配着咸鸭蛋吃。",
        "上午在公司开了三个会，讨论下个季度的预算。", "中午和同事去吃了一家新开的兰州拉面。",
        "下午读论文，终于弄懂了多头注意力里为什么要把 Q 和 K 的点积除以根号 d。",
        "傍晚给妈妈打电话，她说老家的桂花开了。", "晚上把阳台上的绿萝换了一个大一点的花盆。",
        "睡前看了两集纪录片，讲的是深海里的发光生物。")) {
      p.append(s);
    }
    v.write("日记.md", "# 周三\n\n" + p + p + "\n");
    index(Models.auto());
    int windows = Windows.of(p.toString() + p, Windows.BUDGET).size();
    assertTrue(windows >= 3, "a paragraph this long makes several windows: " + windows);
    // The other notes make six (the mixed one twice); the long paragraph one per window, not one.
    assertTrue(maker.embedded() >= 6 + windows, "the long paragraph is cut into windows: " + maker.embedded());
    List<Hit> hits = search("为什么注意力的点积要除以根号 d", Searcher.Mode.SEMANTIC);
    assertEquals("日记.md", hits.get(0).path(), hits.toString());
  }

  @Test
  void changingTheModelRedoesEveryNoteAndSaysSo() throws Exception {
    index(Models.auto());
    Indexer.Report r = index(Models.single(EncoderModel.BGE_SMALL_ZH));
    // The Chinese and mixed chunks already have bge-small-zh vectors (same model, same field): kept.
    assertEquals(2, maker.embedded());
    assertEquals(3, maker.reused());
    assertTrue(r.notice().contains("encoder changed from auto to bge-small-zh-v15"), r.notice());
    assertNotNull(vector("moving.md", VectorSpace.of(EncoderModel.BGE_SMALL_ZH, null).field()));
    assertEquals(0, index(Models.single(EncoderModel.BGE_SMALL_ZH)).added());
  }

  @Test
  void anEntrysRelativesIncludeTheOtherEntriesOfItsOwnJournal() throws Exception {
    v.write("journal.md", """
        # Journal

        ## 2024-03-01 Rain
        Heavy rain all day; I stayed in and read.

        ## 2024-03-02 Moving out
        Packed the books into boxes and rented a van for the move to the new flat on Saturday.

        ## 2024-03-03 Tax forms
        Filled in the tax forms and paid the electricity bill.

        ## 2024-03-04
        2024
        """);
    index(Models.auto());
    try (NoteIndex index = NoteIndex.openForReading(tmp.resolve("index"))) {
      LinkGraph graph = new LinkGraph(index.notes());
      Related.Result r = Related.find(index, graph, new Related.Source("journal.md", 7), 6);
      List<String> found = r.hits().stream().map(h -> h.path() + ":" + h.startLine()).toList();
      assertTrue(found.indexOf("moving.md:1") >= 0, found.toString());
      assertTrue(found.stream().noneMatch(f -> f.equals("journal.md:6") || f.equals("journal.md:7")), "not itself: " + found);
      assertTrue(found.stream().anyMatch(f -> f.startsWith("journal.md:")), "its journal's other entries: " + found);
      assertTrue(found.stream().filter(f -> f.startsWith("journal.md:")).count() <= 3, "at most half the list: " + found);
      assertTrue(found.stream().noneMatch(f -> f.equals("journal.md:12")), "a bare year is no one's relative: " + found);
      // The whole note's relatives are elsewhere.
      Related.Result whole = Related.find(index, graph, new Related.Source("journal.md", 0), 6);
      assertTrue(whole.hits().stream().noneMatch(h -> h.path().equals("journal.md")), whole.hits().toString());
    }
  }

  @Test
  void relatedFindsTheOtherLanguagesNoteOnTheSameTopicAndHidesLinkedOnes() throws Exception {
    v.write("boxes.md", "# Boxes\n\nStill unpacking boxes in the new apartment after the move.\n");
    index(Models.auto());
    try (NoteIndex index = NoteIndex.openForReading(tmp.resolve("index"))) {
      LinkGraph graph = new LinkGraph(index.notes());
      Related.Result r = Related.find(index, graph, new Related.Source("moving.md", 0), 3);
      assertEquals("boxes.md", r.hits().get(0).path());
    }
    v.write("moving.md", "# Moving day\n\nI packed the last boxes and carried the sofa down four floors to the new apartment. [[boxes]]\n");
    index(Models.auto());
    try (NoteIndex index = NoteIndex.openForReading(tmp.resolve("index"))) {
      LinkGraph graph = new LinkGraph(index.notes());
      Related.Result r = Related.find(index, graph, new Related.Source("moving.md", 3), 3);
      assertTrue(r.hits().stream().noneMatch(h -> h.path().equals("boxes.md")));
      assertEquals(1, r.hiddenLinked());
      assertTrue(r.startLine() <= 3 && r.endLine() >= 3, r.startLine() + "-" + r.endLine());
    }
  }
}
