package dev.mnemo.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mnemo.testing.TempVault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The five real seed notes beside the repository: every journal format gives the right dates. Skipped without them. */
class SeedsTest {
  static Note parse(String name) throws Exception {
    Path seeds = TempVault.shared().resolve("seeds");
    assumeTrue(Files.isDirectory(seeds), "../shared/seeds is absent; skipping the seed checks");
    Path file = seeds.resolve(name);
    assumeTrue(Files.isRegularFile(file), name + " is absent");
    return new NoteParser().parse(name, SourceText.decode(Files.readAllBytes(file)));
  }

  static List<String> dates(Note n) {
    return n.entries().stream().map(e -> e.date().toString()).toList();
  }

  @Test
  void dottedHeadingsAndAMonthNameHeadingInsideAnOpenFence() throws Exception {
    Note n = parse("000_05570282aff53dba.txt");
    assertEquals(List.of("2023-09-03", "2023-08-27", "2023-08-15", "2023-07-15", "2023-06-30", "2023-05-20",
        "2023-04-22", "2023-04-19", "2023-04-07", "2023-04-02", "2023-03-24", "2023-03-19", "2023-03-11"), dates(n));
    assertEquals("Why Pursue a Master's Degree", n.entries().get(6).title());
  }

  @Test
  void weeklyPlanListItemsWithWeekdayAndOrdinalDates() throws Exception {
    Note n = parse("001_7d284882a2bce6d3.txt");
    List<String> d = dates(n);
    assertEquals("2023-05-29", d.get(0));
    assertEquals("2023-06-18", d.get(d.size() - 1));
    assertEquals(28, d.size());
    assertEquals(72, n.entries().get(0).startLine());
  }

  @Test
  void blogPostsDatedByABareLineUnderTheirTitle() throws Exception {
    Note n = parse("002_3c4c6394bb9e61c0.txt");
    assertEquals(List.of("2024-07-07", "2024-06-29", "2024-06-11", "2024-06-02", "2024-05-26", "2024-05-19",
        "2024-05-13", "2023-12-31", "2022-12-31", "2021-12-31"), dates(n));
    assertEquals("Transformer 里的 Q K V 是什么", n.entries().get(0).title());
    assertEquals(1, n.entries().get(0).startLine());
  }

  @Test
  void undatedNotesHaveNoEntriesButKeepTheirLinks() throws Exception {
    Note n = parse("003_2145076e52abacd2.txt");
    assertEquals(List.of(), dates(n));
    assertEquals("今日随笔", n.title());
    assertEquals(12, n.links().size());
  }
}
