package dev.mnemo.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchQueryTest {
  static final LocalDate TODAY = LocalDate.of(2025, 3, 20);

  static SearchQuery parse(String q) throws QuerySyntaxException {
    return SearchQuery.parse(q, TODAY);
  }

  @Test
  void wordsPhrasesRequiredAndExcluded() throws QuerySyntaxException {
    SearchQuery q = parse("attention \"multi head\" +softmax -batchnorm “注意力 机制”");
    assertEquals(List.of(
        new SearchQuery.Clause("attention", false, false, false),
        new SearchQuery.Clause("multi head", true, false, false),
        new SearchQuery.Clause("softmax", false, true, false),
        new SearchQuery.Clause("batchnorm", false, false, true),
        new SearchQuery.Clause("注意力 机制", true, false, false)), q.clauses());
    assertEquals("attention multi head softmax 注意力 机制", q.text());
  }

  @Test
  void filters() throws QuerySyntaxException {
    SearchQuery q = parse("run tag:Running #日记 -tag:draft path:journal -path:archive");
    assertEquals(List.of("running", "日记"), q.tags());
    assertEquals(List.of("draft"), q.notTags());
    assertEquals(List.of("journal"), q.paths());
    assertEquals(List.of("archive"), q.notPaths());
    assertEquals(1, q.clauses().size());
  }

  @Test
  void datesNarrowTogether() throws QuerySyntaxException {
    assertEquals(new DateRange(LocalDate.of(2023, 8, 1), LocalDate.of(2023, 9, 1)), parse("after:2023-08-01 before:2023-09").when());
    assertEquals(new DateRange(LocalDate.of(2023, 8, 1), LocalDate.of(2023, 9, 1)), parse("date:2023-08").when());
    assertEquals(new DateRange(LocalDate.of(2025, 3, 10), LocalDate.of(2025, 3, 17)), parse("date:\"last week\"").when());
    assertEquals(new DateRange(LocalDate.of(2023, 8, 1), LocalDate.of(2023, 9, 1)), parse("date:2023年8月").when());
    assertTrue(parse("x").when().isAll());
  }

  @Test
  void malformedQueriesSayWhatIsWrong() {
    QuerySyntaxException unclosed = assertThrows(QuerySyntaxException.class, () -> parse("say \"hello"));
    assertTrue(unclosed.getMessage().contains("unclosed quote"), unclosed.getMessage());
    QuerySyntaxException badDate = assertThrows(QuerySyntaxException.class, () -> parse("after:someday"));
    assertTrue(badDate.getMessage().contains("after: expects a date"), badDate.getMessage());
    assertThrows(QuerySyntaxException.class, () -> parse("tag:"));
    assertThrows(QuerySyntaxException.class, () -> parse("x".repeat(SearchQuery.MAX_LENGTH + 1)));
    assertThrows(QuerySyntaxException.class, () -> parse("w ".repeat(SearchQuery.MAX_CLAUSES + 1)));
  }

  @Test
  void urlsAndUnknownKeysAreWords() throws QuerySyntaxException {
    SearchQuery q = parse("https://example.com foo:bar");
    assertEquals(2, q.clauses().size());
    assertFalse(q.hasFilters());
  }

  @Test
  void plainTextHasNoSyntax() {
    SearchQuery q = SearchQuery.plain("what is \"attention\" -x tag:y");
    assertEquals(List.of("what", "is", "\"attention\"", "-x", "tag:y"), q.clauses().stream().map(SearchQuery.Clause::text).toList());
    assertFalse(q.hasFilters());
  }

  @org.junit.jupiter.api.Test
  void naturalDatesInTheSearchBoxBecomeFilters() throws Exception {
    java.time.LocalDate today = java.time.LocalDate.of(2025, 3, 20);
    SearchQuery q = SearchQuery.parse("跑步 上周", today);
    org.junit.jupiter.api.Assertions.assertEquals("跑步", q.text());
    org.junit.jupiter.api.Assertions.assertEquals(java.time.LocalDate.of(2025, 3, 10), q.when().from());
    q = SearchQuery.parse("moving flats August 2023", today);
    org.junit.jupiter.api.Assertions.assertEquals("moving flats", q.text());
    org.junit.jupiter.api.Assertions.assertEquals(java.time.LocalDate.of(2023, 8, 1), q.when().from());
    q = SearchQuery.parse("搬家 2023年8月", today);
    org.junit.jupiter.api.Assertions.assertEquals(java.time.LocalDate.of(2023, 9, 1), q.when().to());
    q = SearchQuery.parse("跑步 去年三月", today);
    org.junit.jupiter.api.Assertions.assertEquals("跑步", q.text());
    org.junit.jupiter.api.Assertions.assertEquals(new DateRange(java.time.LocalDate.of(2024, 3, 1), java.time.LocalDate.of(2024, 4, 1)), q.when());
    q = SearchQuery.parse("三月 的计划", today);
    org.junit.jupiter.api.Assertions.assertTrue(q.when().isAll(), "a month without its year stays words");
    q = SearchQuery.parse("what I learned today about 1984 and python 3 in may", today);
    org.junit.jupiter.api.Assertions.assertTrue(q.when().isAll(), q.when().toString());
    q = SearchQuery.parse("\"last week\" tonight", today);
    org.junit.jupiter.api.Assertions.assertTrue(q.when().isAll(), "a quoted phrase stays words");
  }

  @org.junit.jupiter.api.Test
  void wordsReadAsADateCanBeTakenBackAsWords() throws Exception {
    java.time.LocalDate today = java.time.LocalDate.of(2025, 3, 20);
    SearchQuery q = SearchQuery.parse("find files modified in last 7 days -tmp tag:shell", today);
    assertEquals("last 7 days", q.dateWords());
    assertEquals("find files modified in", q.text());
    SearchQuery words = q.withoutDateWords();
    assertEquals("find files modified in last 7 days", words.text(), "the words go back where they were");
    assertTrue(words.when().isAll());
    assertEquals(q.tags(), words.tags());
    assertEquals(List.of("tmp"), words.clauses().stream().filter(SearchQuery.Clause::excluded).map(SearchQuery.Clause::text).toList());
    assertEquals("", words.dateWords());
    assertEquals(words, words.withoutDateWords());
    // An explicit --when wins: the words are words again, the filter is the one given.
    DateRange march = DateRange.parse("2025-03", today).orElseThrow();
    SearchQuery explicit = q.withWhen(march);
    assertEquals("find files modified in last 7 days", explicit.text());
    assertEquals(march, explicit.when());
    assertEquals("", SearchQuery.parse("plain words", today).dateWords());
  }

  @Test
  void aDateInsideChineseIsReadAsOneAndTheRestStaysWords() throws QuerySyntaxException {
    SearchQuery q = parse("2023年9月的旅行");
    assertEquals(new DateRange(LocalDate.of(2023, 9, 1), LocalDate.of(2023, 10, 1)), q.when());
    assertEquals("2023年9月", q.dateWords());
    assertEquals("的旅行", q.text());
    assertEquals("2023年9月 的旅行", q.withoutDateWords().text(), "taken back, the date is words again");
    q = parse("上周跑步");
    assertEquals(new DateRange(LocalDate.of(2025, 3, 10), LocalDate.of(2025, 3, 17)), q.when());
    assertEquals("跑步", q.text());
    q = parse("读去年三月写的书单");
    assertEquals(new DateRange(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 4, 1)), q.when());
    assertEquals("读 写的书单", q.text());
    q = parse("二〇二三年九月的旅行");
    assertEquals(new DateRange(LocalDate.of(2023, 9, 1), LocalDate.of(2023, 10, 1)), q.when(), "in Chinese numerals");
    assertEquals("的旅行", q.text());
    q = parse("上周末去爬山");
    assertEquals(new DateRange(LocalDate.of(2025, 3, 15), LocalDate.of(2025, 3, 17)), q.when(), "last weekend");
    assertEquals("去爬山", q.text());
    // Words that begin with a date's last character, numbers cut through, days said in passing: no date.
    for (String words : List.of("2023年度总结", "2024年终总结", "12月饼干", "版本12023年", "今天天气", "三年级", "+上周跑步",
        "三月的旅行", "一二〇二三年九月", "十二月饼干")) {
      assertTrue(parse(words).when().isAll(), words + " read as " + parse(words).when());
    }
  }

  @Test
  void wordsThatOnlyAskAboutATimeAskForItsEntries() throws QuerySyntaxException {
    for (String asks : List.of("上周做了什么", "2023年9月做了些什么？", "what did I do last week?", "date:2024-03 写了什么",
        "what happened in March 2024", "去年三月去了哪里", "what did I write in 2021?", "what did I do yesterday",
        "我昨天做了什么", "今天写了什么", "最近两周写了什么")) {
      SearchQuery q = parse(asks);
      assertFalse(q.when().isAll(), asks);
      assertTrue(q.asksOnlyWhen(), asks + ": " + q.clauses());
      assertFalse(q.withoutWords().hasText());
      assertEquals(q.when(), q.withoutWords().when());
    }
    for (String looks : List.of("上周跑步了吗", "what did I read last week", "做了什么", "上周 \"做了什么\"", "1984 book",
        "what did I write in 2021 and 2022")) {
      assertFalse(parse(looks).asksOnlyWhen(), looks);
    }
    assertTrue(parse("1984 book").when().isAll(), "a bare year among other words is a word");
    assertTrue(parse("today I learned grep").when().isAll(), "a day said in passing is a word");
    assertTrue(parse("昨天的会议纪要").when().isAll(), "a day said in passing is a word");
    assertEquals(LocalDate.of(2025, 3, 19), parse("我昨天做了什么").when().from());
  }

  @Test
  void emojiAreWordsAndPunctuationAloneIsNothing() throws QuerySyntaxException {
    assertTrue(parse("😀").hasText());
    assertTrue(parse("✅ done").hasText());
    assertFalse(parse("??? -- ...").hasText());
  }
}
