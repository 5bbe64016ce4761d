package dev.mnemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mnemo.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

class IndexAndSearchCommandTest {
  @TempDir
  static Path home;

  static Path vault = CliRun.sample();

  @BeforeAll
  static void indexOnce() {
    CliRun r = CliRun.run(home, "index", vault.toString());
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("14 notes"), r.toString());
    assertTrue(r.out().contains("14 added, 0 changed, 0 removed, 0 unchanged"), r.toString());
  }

  @Test
  void indexingAgainReadsNothing() {
    CliRun r = CliRun.run(home, "index", "--json", vault.toString());
    assertEquals(0, r.code(), r.toString());
    JsonNode report = Json.tree(r.out()).path("report");
    assertEquals(14, report.path("unchanged").asInt());
    assertEquals(0, report.path("added").asInt() + report.path("changed").asInt() + report.path("removed").asInt());
    assertEquals("", r.err(), "--json prints no progress");
  }

  @Test
  void searchPrintsLocationsHeadingsAndSnippets() {
    CliRun r = CliRun.run(home, "search", "--vault", vault.toString(), "为什么除以");
    assertEquals(0, r.code(), r.toString());
    String first = r.out().lines().findFirst().orElseThrow();
    assertTrue(first.startsWith("study/Transformer 注意力机制.md:28-30"), r.toString());
    assertTrue(first.contains("Transformer 注意力机制 > 为什么除以 √d"), r.toString());
    assertTrue(r.out().contains("**为什么除以**"), r.toString());
  }

  @Test
  void searchJsonIsTheStableContract() {
    CliRun r = CliRun.run(home, "search", "--vault", vault.toString(), "--json", "-n", "3", "thermostat");
    assertEquals(0, r.code(), r.toString());
    JsonNode hits = Json.tree(r.out());
    assertTrue(hits.isArray() && hits.size() >= 1, r.out());
    JsonNode h = hits.get(0);
    for (String field : List.of("path", "startLine", "endLine", "heading", "date", "score", "snippet", "text")) {
      assertTrue(h.has(field), "missing " + field + " in " + h);
    }
    assertEquals("journal/2024-03-18.md", h.path("path").asString());
    assertEquals("2024-03-18", h.path("date").asString());
    assertTrue(h.path("startLine").asInt() >= 1 && h.path("endLine").asInt() >= h.path("startLine").asInt());
    assertTrue(h.path("text").asString().contains("thermostat"));
  }

  @Test
  void whenOptionFiltersByNaturalDates() {
    CliRun r = CliRun.run(home, "search", "--vault", vault.toString(), "--json", "--when", "2024年3月", "running run");
    assertEquals(0, r.code(), r.toString());
    for (JsonNode h : Json.tree(r.out())) {
      assertTrue(h.path("date").asString().startsWith("2024-03"), h.toString());
    }
  }

  @Test
  void wordsReadAsADateAreReportedOnStderrInJsonMode() {
    CliRun r = CliRun.run(home, "search", "--vault", vault.toString(), "--json", "--mode", "keyword", "heating last 7 days");
    assertEquals(0, r.code(), r.toString());
    assertTrue(Json.tree(r.out()).isArray(), r.toString());
    assertTrue(r.err().contains("Nothing dated 2025-03-14..2025-03-20 (read from \"last 7 days\")"), r.toString());
    // By meaning, something of that time is always nearest: the notice says that is all it is.
    CliRun hybrid = CliRun.run(home, "search", "--vault", vault.toString(), "heating last 7 days");
    assertTrue(hybrid.out().startsWith("Dated 2025-03-14..2025-03-20, read from \"last 7 days\" (put it in quotes to "
        + "search for the words); no entry of that time has the words, these are the nearest in meaning."), hybrid.toString());
  }

  @Test
  void everyCommandAnswersHelpWithItsUsage() {
    CommandLine root = Mnemo.commandLine(Map.of("MNEMO_HOME", home.toString()), CliRun.CLOCK);
    for (String name : root.getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue;
      }
      for (String flag : List.of("--help", "-h")) {
        CliRun r = CliRun.run(home, name, flag);
        assertEquals(0, r.code(), name + " " + flag + ": " + r);
        assertTrue(r.out().startsWith("Usage: mnemo " + name), name + " " + flag + ": " + r);
      }
    }
  }

  @Test
  void errorsHaveClearMessagesAndExitCodes() {
    CliRun missing = CliRun.run(home, "search", "--vault", home.resolve("nope").toString(), "x");
    assertEquals(ExitCode.VAULT, missing.code(), missing.toString());
    assertTrue(missing.err().contains("vault not found"), missing.toString());

    CliRun unindexed = CliRun.run(home, "search", "--vault", home.toString(), "x");
    assertEquals(ExitCode.NOT_INDEXED, unindexed.code(), unindexed.toString());
    assertTrue(unindexed.err().contains("not indexed yet"), unindexed.toString());

    CliRun malformed = CliRun.run(home, "search", "--vault", vault.toString(), "\"unclosed");
    assertEquals(ExitCode.USAGE, malformed.code(), malformed.toString());
    assertTrue(malformed.err().contains("unclosed quote"), malformed.toString());

    CliRun badDate = CliRun.run(home, "search", "--vault", vault.toString(), "--when", "someday", "x");
    assertEquals(ExitCode.USAGE, badDate.code(), badDate.toString());

    CliRun unknown = CliRun.run(home, "search", "--bogus", "x");
    assertEquals(ExitCode.USAGE, unknown.code(), unknown.toString());
  }

  @Test
  void daysAndWeeksAreNamedAsPeopleWriteThem() {
    CliRun iso = CliRun.run(home, "on-this-day", "--vault", vault.toString(), "2025-03-18");
    CliRun chinese = CliRun.run(home, "on-this-day", "--vault", vault.toString(), "2025年3月18日");
    assertEquals(0, chinese.code(), chinese.toString());
    assertEquals(iso.out(), chinese.out());
    assertTrue(chinese.out().contains("journal/2024-03-18.md"), chinese.out());
    CliRun week = CliRun.run(home, "week", "--vault", vault.toString(), "2025年第12周");
    assertEquals(0, week.code(), week.toString());
    assertTrue(week.out().startsWith("# Week 2025-W12 review"), week.out());
    CliRun noDay = CliRun.run(home, "on-this-day", "--vault", vault.toString(), "someday");
    assertEquals(ExitCode.USAGE, noDay.code(), noDay.toString());
    assertTrue(noDay.err().contains("cannot read \"someday\" as a day") && !noDay.err().contains("Exception"), noDay.err());
    CliRun noWeek = CliRun.run(home, "week", "--vault", vault.toString(), "2024-W53");
    assertEquals(ExitCode.USAGE, noWeek.code(), noWeek.toString());
    assertTrue(noWeek.err().contains("no week 53") && !noWeek.err().contains("Exception"), noWeek.err());
  }

  @Test
  void inspectShowsEntriesWithTheirLines() {
    CliRun r = CliRun.run(home, "inspect", vault.resolve("journal/running-log.md").toString());
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("entry: 2024-09-03 L5-7 level=2 \"The magic of running\""), r.out());
    assertTrue(r.out().contains("entry: 2024-04-22 L12-14 level=2 \"First race\""), r.out());
    assertTrue(r.out().contains("entry: 2024-04-02 L16-17 level=2 \"雨后\""), r.out());
  }
}
