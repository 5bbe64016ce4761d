package dev.mnemo.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mnemo.testing.TempVault;
import dev.mnemo.vault.Note;
import dev.mnemo.vault.SourceText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir
  Path tmp;

  static Journal journal(Path root) throws Exception {
    List<Note> notes = LinkGraphTest.parse(root);
    return new Journal(notes, p -> SourceText.decode(Files.readAllBytes(root.resolve(p))));
  }

  private Journal sample() throws Exception {
    TempVault v = new TempVault(tmp);
    v.write("journal/2023-09-03.md", "# A day\nWent to the lake.\n");
    v.write("log.md", "# Log\n\n## 2022.09.03 Old times\nThe first entry.\n\n## 2024-9-4 Later\nSomething else.\n\n"
        + "## 2024年8月29日\n同一周。\n\n## 2024-08-03\nSame day of another month.\n");
    return journal(tmp);
  }

  @Test
  void timelineListsEntriesInDateOrderWithFirstLinesAndCounts() throws Exception {
    Journal j = sample();
    List<Journal.Item> all = j.entries();
    assertEquals(List.of("2022-09-03", "2023-09-03", "2024-08-03", "2024-08-29", "2024-09-04"),
        all.stream().map(i -> i.date().toString()).toList());
    Journal.Item first = all.get(0);
    assertEquals("Old times", first.title());
    assertEquals("The first entry.", first.firstLine());
    assertEquals("log.md:3-4", first.location());
    assertEquals(Map.of("2022", 1, "2023", 1, "2024", 3), Journal.counts(all, "year"));
    assertEquals(2, j.between(LocalDate.of(2024, 8, 1), LocalDate.of(2024, 8, 31)).size());
  }

  @Test
  void anEmptyWeeksDraftNamesTheNearestWeeksWithEntries() throws Exception {
    Journal j = sample();
    assertEquals(LocalDate.of(2023, 9, 3), j.lastBefore(LocalDate.of(2024, 8, 3)).orElseThrow());
    assertEquals(LocalDate.of(2024, 8, 29), j.firstAfter(LocalDate.of(2024, 8, 3)).orElseThrow());
    assertTrue(j.lastBefore(LocalDate.of(2022, 9, 3)).isEmpty());
    assertTrue(j.firstAfter(LocalDate.of(2024, 9, 4)).isEmpty());

    LinkGraph graph = new LinkGraph(LinkGraphTest.parse(tmp));
    Journal.Texts texts = p -> SourceText.decode(Files.readAllBytes(tmp.resolve(p)));
    String between = WeekReview.draft(LocalDate.of(2024, 1, 1), j, graph, texts, null);
    assertTrue(between.contains("No dated entries this week. The nearest weeks with entries: 2023-W35 before, 2024-W31 after."),
        between);
    String after = WeekReview.draft(LocalDate.of(2025, 3, 10), j, graph, texts, null);
    assertTrue(after.contains("No dated entries this week. The nearest week with entries: 2024-W36 before."), after);
    String full = WeekReview.draft(LocalDate.of(2024, 9, 2), j, graph, texts, null);
    assertTrue(!full.contains("nearest"), full);
  }

  @Test
  void onThisDayShowsEarlierYearsThenTheSameWeekThenEarlierMonths() throws Exception {
    Journal.OnThisDay d = sample().onThisDay(LocalDate.of(2024, 9, 3));
    assertEquals(List.of("2023-09-03", "2022-09-03"), d.sameDay().stream().map(i -> i.date().toString()).toList());
    assertEquals(List.of(), d.sameWeek().stream().map(i -> i.date().toString()).toList());
    assertEquals(List.of("2024-08-03"), d.sameDayOfMonth().stream().map(i -> i.date().toString()).toList());
    Journal.OnThisDay w = sample().onThisDay(LocalDate.of(2025, 8, 27));
    // ISO week 35 of 2024, 2023 and 2022.
    assertEquals(List.of("2024-08-29", "2023-09-03", "2022-09-03"), w.sameWeek().stream().map(i -> i.date().toString()).toList());
  }

  @Test
  void resurfaceIsStableForADayVariesAcrossDaysAndAvoidsRecentPicks() throws Exception {
    Journal j = sample();
    LocalDate day = LocalDate.of(2025, 1, 1);
    assertEquals(j.resurface(day, Map.of(), 60), j.resurface(day, Map.of(), 60));
    Set<String> seen = new HashSet<>();
    Map<LocalDate, String> shown = new HashMap<>();
    for (int i = 0; i < 5; i++) {
      Journal.Item it = j.resurface(day.plusDays(i), shown, 60);
      assertNotNull(it);
      assertTrue(it.date().isBefore(day.plusDays(i)));
      shown.put(day.plusDays(i), it.location());
      seen.add(it.location());
    }
    assertEquals(5, seen.size(), "five days, five different entries while five are there");
    assertNotEquals(null, j.resurface(day.plusDays(5), shown, 60), "with all shown recently, still something");
  }

  @Test
  void seedsTimelineHasTheirEntriesWithTheRightDates() throws Exception {
    Path seeds = TempVault.shared().resolve("seeds");
    assumeTrue(Files.isDirectory(seeds), "../shared/seeds is absent");
    Journal j = journal(seeds);
    assertTrue(j.entries().size() > 50, "entries: " + j.entries().size());
    for (Journal.Item i : j.entries()) {
      SourceText t = SourceText.decode(Files.readAllBytes(seeds.resolve(i.path())));
      String head = t.lines(i.startLine(), Math.min(i.endLine(), i.startLine() + 3));
      // The opening lines of a dated entry name its date, in one of the formats people write.
      String d = i.date().toString();
      String y = String.valueOf(i.date().getYear());
      String day = String.valueOf(i.date().getDayOfMonth());
      assertTrue(i.path().contains(d) || head.contains(y) && head.contains(day) || head.contains(day) && head.matches("(?s).*[A-Z][a-z]+.*"),
          i.location() + " dated " + d + ": " + head);
    }
  }

  @Test
  void aPlanIsTakenUpWhereAnEntryMentionsItsWordsWithinAFewLines() throws Exception {
    TempVault v = new TempVault(tmp);
    v.write("journal/2025-03-20.md", "# 周四 · 搬家的决定\n\n晚上和室友聊了很久，决定下个月搬到离公司近一点的地方。\n\n- [ ] 联系中介看房\n");
    v.write("journal/2025-03-21.md", "# Friday\n\nRan five kilometres along the canal.\n");
    Journal j = journal(tmp);
    Journal.Texts texts = p -> SourceText.decode(Files.readAllBytes(tmp.resolve(p)));
    Journal.Item plan = new Journal.Item(LocalDate.of(2025, 3, 20), "", "", "plans/2025-W12.md", 3, 3);
    String at = WeekReview.mention("看房，决定要不要搬家。", plan, j, texts);
    assertNotNull(at, "the title says 搬家 and 决定, a line below 看房");
    assertTrue(at.startsWith("[[journal/2025-03-20]] L1 "), at);
    assertEquals(null, WeekReview.mention("Fix the bike brakes", plan, j, texts));
  }

  @Test
  void aWeekIsNamedAsPeopleNameIt() {
    LocalDate today = LocalDate.of(2025, 3, 20);
    LocalDate w12 = LocalDate.of(2025, 3, 17);
    for (String w : List.of("2025-W12", "2025w12", "2025年第12周", "2025-03-19", "2025年3月19日", "this week", "本周", "today")) {
      assertEquals(w12, WeekReview.monday(w, today), w);
    }
    assertEquals(LocalDate.of(2025, 3, 10), WeekReview.monday("上周", today));
    assertEquals(LocalDate.of(2025, 3, 10), WeekReview.monday("last week", today));
    IllegalArgumentException none = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> WeekReview.monday("2024-W53", today));
    assertTrue(none.getMessage().contains("no week 53"), none.getMessage());
    assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> WeekReview.monday("someday", today)).getMessage().contains("someday"));
  }
}
