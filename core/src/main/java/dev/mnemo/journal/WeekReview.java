package dev.mnemo.journal;

import dev.mnemo.vault.Heading;
import dev.mnemo.vault.Note;
import dev.mnemo.vault.Paths;
import dev.mnemo.vault.SourceText;
import dev.mnemo.vault.Task;
import java.io.IOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown draft of one ISO week: its entries day by day, tasks done and open, the plans written
 * for the days after and whether later entries took them up, links among the week's notes, and
 * older notes related in meaning. Every item cites its file and lines.
 */
public final class WeekReview {
  /** Finds older entries related to a note of the week (empty when the index has no vectors). */
  @FunctionalInterface
  public interface RelatedFinder {
    List<Journal.Item> related(String path, int line, LocalDate before) throws IOException;
  }

  /** Headings under which people write plans. */
  static final Pattern PLAN_HEADING = Pattern.compile(
      "(明日规划|明日计划|明天|下周|计划|规划|待办|\\bplans?\\b|\\bnext (week|days?)\\b|\\btomorrow\\b|\\bto-?dos?\\b|\\bthis week\\b)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[-*+]|\\d+[.)])\\s+(?:\\[[ xX]]\\s+)?(.+)$");
  private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z][A-Za-z0-9]{3,}");
  private static final Set<String> STOP = Set.of("with", "from", "that", "this", "have", "will", "into", "about", "notes",
      "note", "some", "more", "then", "them", "they", "what", "when", "where", "which", "there", "their", "start");
  /** Characters that make a Chinese pair a bit of grammar ("要不", "不要", "的笔") rather than a key word. */
  private static final String FUNCTION_CHARS = "的了是在要不和也就都而及与着或个这那你我他她它们吗呢吧啊把被给让从对向到为以之其所很还再又才得地一";

  /** A plan and where a later entry mentions it (null if none does). */
  public record Plan(String text, String path, int line, LocalDate date, String mentionedAt) {}

  private WeekReview() {}

  /**
   * The Monday of a week as people name it: {@code 2025-W12}, {@code 2025年第12周}, a date in the week
   * ({@code 2025-03-19}, {@code 2025年3月19日}), or a time relative to {@code today} ({@code last week},
   * {@code 上周}, {@code yesterday}). A longer span (a month) means its first week.
   *
   * @throws IllegalArgumentException when the text names no time, or a week its year does not have
   */
  public static LocalDate monday(String week, LocalDate today) {
    String w = week.strip();
    Matcher iso = ISO_WEEK.matcher(w);
    if (iso.matches() && dev.mnemo.vault.Dates.weekAtStart(w).isEmpty()) {
      throw new IllegalArgumentException(iso.group(1) + " has no week " + Integer.parseInt(iso.group(2)));
    }
    return dev.mnemo.search.DateRange.parse(w, today)
        .filter(r -> r.from() != null)
        .map(r -> r.from().with(DayOfWeek.MONDAY))
        .orElseThrow(() -> new IllegalArgumentException("cannot read \"" + w
            + "\" as a week: give 2025-W12, a date in the week, or last week / 上周"));
  }

  private static final Pattern ISO_WEEK = Pattern.compile("(\\d{4})-?W(\\d{1,2})", Pattern.CASE_INSENSITIVE);

  public static String draft(LocalDate monday, Journal journal, LinkGraph graph, Journal.Texts texts,
      RelatedFinder related) throws IOException {
    LocalDate sunday = monday.plusDays(6);
    List<Journal.Item> week = journal.between(monday, sunday);
    StringBuilder md = new StringBuilder();
    md.append("# Week ").append(Journal.week(monday)).append(" review (").append(monday).append(" – ").append(sunday)
        .append(")\n\n");
    md.append("_Draft by mnemo from ").append(week.size()).append(week.size() == 1 ? " entry" : " entries")
        .append(". Edit freely: it is yours._\n\n");

    md.append("## Day by day\n");
    if (week.isEmpty()) {
      md.append("\nNo dated entries this week.");
      List<String> nearest = new ArrayList<>();
      journal.lastBefore(monday).ifPresent(d -> nearest.add(Journal.week(d) + " before"));
      journal.firstAfter(sunday).ifPresent(d -> nearest.add(Journal.week(d) + " after"));
      if (!nearest.isEmpty()) {
        md.append(nearest.size() == 1 ? " The nearest week with entries: " : " The nearest weeks with entries: ")
            .append(String.join(", ", nearest)).append('.');
      }
      md.append('\n');
    }
    LocalDate day = null;
    for (Journal.Item i : week) {
      if (!i.date().equals(day)) {
        day = i.date();
        md.append("\n### ").append(day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)).append(' ')
            .append(day).append('\n');
      }
      md.append("- ").append(cite(i.path(), i.startLine(), i.endLine(), i.title().isBlank() ? Paths.stem(i.path()) : i.title()));
      if (!i.firstLine().isBlank()) {
        md.append(": ").append(i.firstLine());
      }
      md.append('\n');
    }

    // Tasks written inside the week's entries.
    List<String> done = new ArrayList<>();
    List<String> open = new ArrayList<>();
    Set<String> weekNotes = new LinkedHashSet<>();
    for (Journal.Item i : week) {
      weekNotes.add(i.path());
      Note n = graph.note(i.path()).orElse(null);
      if (n == null) {
        continue;
      }
      for (Task t : n.tasks()) {
        if (t.line() >= i.startLine() && t.line() <= i.endLine()) {
          String line = "- [" + (t.done() ? "x" : " ") + "] " + t.text() + " (" + cite(i.path(), t.line(), t.line(), null) + ")";
          (t.done() ? done : open).add(line);
        }
      }
    }
    md.append("\n## Tasks\n\n");
    md.append("**Done** (").append(done.size()).append(")\n");
    done.forEach(l -> md.append(l).append('\n'));
    md.append("\n**Still open** (").append(open.size()).append(")\n");
    open.forEach(l -> md.append(l).append('\n'));

    List<Plan> plans = plans(monday, week, graph, texts, journal);
    md.append("\n## Plans and what became of them\n");
    if (plans.isEmpty()) {
      md.append("\nNo plans written this week (sections like 明日规划, plans or next week).\n");
    } else {
      md.append('\n');
    }
    for (Plan p : plans) {
      md.append("- ").append(p.text()).append(" (").append(cite(p.path(), p.line(), p.line(), null)).append(") → ")
          .append(p.mentionedAt() == null ? "not mentioned in a later entry yet" : "taken up in " + p.mentionedAt())
          .append('\n');
    }

    md.append("\n## Links between this week's notes\n");
    List<String> links = new ArrayList<>();
    for (String from : weekNotes) {
      for (LinkGraph.Edge e : graph.outgoing(from)) {
        if (e.to() != null && !e.to().equals(from) && weekNotes.contains(e.to())) {
          links.add("- " + cite(from, e.line(), e.line(), null) + " → [[" + noExt(e.to()) + "]]");
        }
      }
    }
    md.append(links.isEmpty() ? "\nNone.\n" : "\n" + String.join("\n", links.stream().distinct().toList()) + "\n");

    md.append("\n## Older notes related in meaning\n");
    Map<String, Journal.Item> older = new LinkedHashMap<>();
    if (related != null) {
      for (Journal.Item i : week) {
        for (Journal.Item r : related.related(i.path(), i.startLine(), monday)) {
          if (!weekNotes.contains(r.path())) {
            older.putIfAbsent(r.location(), r);
          }
        }
      }
    }
    if (older.isEmpty()) {
      md.append("\nNone found").append(related == null ? " (the index has no vectors)" : "").append(".\n");
    } else {
      md.append('\n');
      older.values().stream().limit(8).forEach(r -> md.append("- ").append(r.date()).append(' ')
          .append(cite(r.path(), r.startLine(), r.endLine(), r.title().isBlank() ? Paths.stem(r.path()) : r.title()))
          .append('\n'));
    }
    return md.toString();
  }

  /**
   * List items under plan headings (明日规划, plans, next week...) in the week's notes, each dated by
   * the entry around it (else the note's date), kept when that date falls in the week or the one
   * after, and checked against the entries that follow it.
   */
  static List<Plan> plans(LocalDate monday, List<Journal.Item> week, LinkGraph graph, Journal.Texts texts,
      Journal journal) throws IOException {
    List<Plan> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    Set<String> notes = new LinkedHashSet<>();
    week.forEach(i -> notes.add(i.path()));
    for (String path : notes) {
      Note n = graph.note(path).orElse(null);
      SourceText text = texts.text(path);
      if (n == null || text == null) {
        continue;
      }
      List<Heading> hs = n.headings();
      for (int h = 0; h < hs.size(); h++) {
        Heading head = hs.get(h);
        if (!PLAN_HEADING.matcher(head.text()).find()) {
          continue;
        }
        int end = text.lineCount();
        for (int k = h + 1; k < hs.size(); k++) {
          if (hs.get(k).level() <= head.level()) {
            end = hs.get(k).line() - 1;
            break;
          }
        }
        for (int line = head.line() + 1; line <= end; line++) {
          Matcher m = LIST_ITEM.matcher(text.line(line));
          if (!m.matches() || DATED_ITEM.matcher(m.group(1)).find()) {
            continue;
          }
          String item = m.group(1).strip();
          LocalDate date = dateOf(n, line, monday);
          if (item.length() < 2 || date.isBefore(monday) || date.isAfter(monday.plusDays(13))
              || !seen.add(path + ":" + line)) {
            continue;
          }
          Journal.Item at = new Journal.Item(date, "", "", path, line, line);
          out.add(new Plan(item, path, line, date, mention(item, at, journal, texts)));
        }
      }
    }
    return out;
  }

  /** A list item that only opens a dated entry ("1. Monday (May 29th, 2023):") is not a plan. */
  private static final Pattern DATED_ITEM = Pattern.compile("^\\S.*\\d{4}\\)?:?\\s*$");

  private static LocalDate dateOf(Note n, int line, LocalDate fallback) {
    LocalDate best = null;
    int level = -1;
    for (dev.mnemo.vault.Entry e : n.entries()) {
      if (e.contains(line) && e.level() > level) {
        best = e.date();
        level = e.level();
      }
    }
    return best != null ? best : n.date() != null ? n.date() : fallback;
  }

  /** How many consecutive lines of an entry a plan's key words may be spread over. */
  static final int MENTION_LINES = 5;

  /**
   * Where another note's entry, from the plan's day on, mentions a third of its key words (and two,
   * when it has two or more) within a few consecutive lines, within four weeks: the line holding most.
   */
  static String mention(String plan, Journal.Item from, Journal journal, Journal.Texts texts) throws IOException {
    Set<String> keys = keys(plan);
    if (keys.isEmpty()) {
      return null;
    }
    for (Journal.Item later : journal.between(from.date(), from.date().plusDays(28))) {
      SourceText t = texts.text(later.path());
      if (t == null || later.path().equals(from.path())) {
        continue;
      }
      int first = later.startLine();
      int last = Math.min(later.endLine(), t.lineCount());
      List<String> lower = new ArrayList<>();
      for (int line = first; line <= last; line++) {
        lower.add(t.line(line).toLowerCase(Locale.ROOT));
      }
      for (int i = 0; i < lower.size(); i++) {
        // The words may be spread over a few lines ("决定搬家" in a title, "看房" two lines down).
        List<String> window = lower.subList(i, Math.min(lower.size(), i + MENTION_LINES));
        String text = String.join("\n", window);
        long hits = keys.stream().filter(text::contains).count();
        if (hits * 3 >= keys.size() && hits >= Math.min(2, keys.size())) {
          int best = 0;
          long bestHits = -1;
          for (int k = 0; k < window.size(); k++) {
            long n = keys.stream().filter(window.get(k)::contains).count();
            if (n > bestHits) {
              best = k;
              bestHits = n;
            }
          }
          int line = first + i + best;
          return cite(later.path(), line, line, null) + " (" + later.date() + ")";
        }
      }
    }
    return null;
  }

  /** Words that carry a plan's meaning: Latin words of four letters or more, and Chinese pairs that are not grammar. */
  static Set<String> keys(String plan) {
    Set<String> keys = new LinkedHashSet<>();
    String clean = plan.replaceAll("\\[\\[([^\\]|#]*)[^\\]]*]]", "$1").toLowerCase(Locale.ROOT);
    Matcher m = LATIN_WORD.matcher(clean);
    while (m.find()) {
      if (!STOP.contains(m.group())) {
        keys.add(m.group());
      }
    }
    StringBuilder run = new StringBuilder();
    for (int i = 0; i <= clean.length(); i++) {
      char c = i < clean.length() ? clean.charAt(i) : ' ';
      if (c >= 0x4E00 && c <= 0x9FFF) {
        run.append(c);
      } else {
        for (int k = 0; k + 1 < run.length(); k++) {
          if (FUNCTION_CHARS.indexOf(run.charAt(k)) < 0 && FUNCTION_CHARS.indexOf(run.charAt(k + 1)) < 0) {
            keys.add(run.substring(k, k + 2));
          }
        }
        run.setLength(0);
      }
    }
    return keys;
  }

  /** {@code [[path|label]] L3-9}: a wikilink any Markdown app with wikilinks follows, and the lines. */
  static String cite(String path, int start, int end, String label) {
    String lines = start == end ? "L" + start : "L" + start + "-" + end;
    return "[[" + noExt(path) + (label == null ? "" : "|" + label.replace("]", ")").replace("|", "/")) + "]] " + lines;
  }

  private static String noExt(String path) {
    return path.replaceFirst("\\.(md|markdown)$", "");
  }
}
