package dev.mnemo.journal;

import dev.mnemo.vault.Entry;
import dev.mnemo.vault.Note;
import dev.mnemo.vault.SourceText;
import java.io.IOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The dated entries of a vault, in time: timeline, on this day, and the entry resurfaced for a day. */
public final class Journal {
  /** Reads a note's text (null when it cannot be read). */
  @FunctionalInterface
  public interface Texts {
    SourceText text(String path) throws IOException;
  }

  /** One dated entry, cited by file and lines. */
  public record Item(LocalDate date, String title, String firstLine, String path, int startLine, int endLine) {
    public String location() {
      return path + ":" + startLine + "-" + endLine;
    }
  }

  /** Entries of the same day in earlier years, of the same week in earlier years, of the same day in earlier months. */
  public record OnThisDay(LocalDate date, List<Item> sameDay, List<Item> sameWeek, List<Item> sameDayOfMonth) {}

  private static final Pattern MARKUP = Pattern.compile("^(\\s*(#{1,6}|[-*+]|\\d+[.)]|>|\\[[ xX]])\\s+)+");

  private final List<Item> items;

  public Journal(Collection<Note> notes, Texts texts) throws IOException {
    List<Item> out = new ArrayList<>();
    for (Note n : notes) {
      if (n.entries().isEmpty()) {
        continue;
      }
      SourceText text = texts.text(n.path());
      for (Entry e : n.entries()) {
        String title = e.title().isBlank() ? (e.level() == 0 ? n.title() : "") : e.title();
        out.add(new Item(e.date(), title, firstLine(text, e, title), n.path(), e.startLine(), e.endLine()));
      }
    }
    out.sort(Comparator.comparing(Item::date).thenComparing(Item::path).thenComparingInt(Item::startLine));
    this.items = List.copyOf(out);
  }

  /** The first line of an entry that says something beyond its date and title. */
  static String firstLine(SourceText text, Entry e, String title) {
    if (text == null) {
      return "";
    }
    int end = Math.min(e.endLine(), text.lineCount());
    boolean inFrontMatter = false;
    for (int n = e.startLine(); n <= end; n++) {
      String line = text.line(n).strip();
      if (n == 1 && line.equals("---")) {
        inFrontMatter = true;
        continue;
      }
      if (inFrontMatter) {
        inFrontMatter = !line.equals("---");
        continue;
      }
      String plain = MARKUP.matcher(line).replaceFirst("").strip();
      if (plain.isEmpty() || plain.startsWith("```") || n == e.startLine() && e.level() > 0
          || !title.isBlank() && plain.contains(title) && plain.length() <= title.length() + 20) {
        continue;
      }
      return plain.length() > 140 ? plain.substring(0, 139) + "…" : plain;
    }
    return "";
  }

  public List<Item> entries() {
    return items;
  }

  /** Entries from {@code from} to {@code to}, both inclusive (null: open). */
  public List<Item> between(LocalDate from, LocalDate to) {
    return items.stream().filter(i -> (from == null || !i.date().isBefore(from)) && (to == null || !i.date().isAfter(to)))
        .toList();
  }

  /** The day of the latest entry before {@code day}, if any. */
  public java.util.Optional<LocalDate> lastBefore(LocalDate day) {
    LocalDate found = null;
    for (Item i : items) {
      if (!i.date().isBefore(day)) {
        break;
      }
      found = i.date();
    }
    return java.util.Optional.ofNullable(found);
  }

  /** The day of the earliest entry after {@code day}, if any. */
  public java.util.Optional<LocalDate> firstAfter(LocalDate day) {
    return items.stream().map(Item::date).filter(d -> d.isAfter(day)).findFirst();
  }

  /** Counts of entries per day ({@code 2023-09-03}), week ({@code 2023-W35}) or month ({@code 2023-09}). */
  public static Map<String, Integer> counts(List<Item> items, String per) {
    Map<String, Integer> out = new TreeMap<>();
    for (Item i : items) {
      String key = switch (per) {
        case "day" -> i.date().toString();
        case "week" -> week(i.date());
        case "month" -> i.date().toString().substring(0, 7);
        case "year" -> String.valueOf(i.date().getYear());
        default -> throw new IllegalArgumentException("count per day, week, month or year, not " + per);
      };
      out.merge(key, 1, Integer::sum);
    }
    return out;
  }

  public static String week(LocalDate d) {
    return String.format(Locale.ROOT, "%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  public OnThisDay onThisDay(LocalDate day) {
    Set<Item> shown = new HashSet<>();
    List<Item> sameDay = new ArrayList<>();
    for (Item i : items) {
      if (i.date().getYear() < day.getYear() && i.date().getMonth() == day.getMonth()
          && i.date().getDayOfMonth() == day.getDayOfMonth()) {
        sameDay.add(i);
        shown.add(i);
      }
    }
    int week = day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    int weekYear = day.get(IsoFields.WEEK_BASED_YEAR);
    List<Item> sameWeek = new ArrayList<>();
    for (Item i : items) {
      if (!shown.contains(i) && i.date().get(IsoFields.WEEK_BASED_YEAR) < weekYear
          && i.date().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) == week) {
        sameWeek.add(i);
        shown.add(i);
      }
    }
    List<Item> sameDayOfMonth = new ArrayList<>();
    for (Item i : items) {
      if (!shown.contains(i) && i.date().isBefore(day) && i.date().getDayOfMonth() == day.getDayOfMonth()
          && ChronoUnit.MONTHS.between(i.date(), day) < 12) {
        sameDayOfMonth.add(i);
      }
    }
    return new OnThisDay(day, reversed(sameDay), reversed(sameWeek), reversed(sameDayOfMonth));
  }

  private static List<Item> reversed(List<Item> l) {
    List<Item> r = new ArrayList<>(l);
    java.util.Collections.reverse(r);
    return r;
  }

  /**
   * One past entry for a day: the same all day long, another tomorrow. Each entry's chance grows with
   * its age (older memories are rarer) and it is left out while it was shown in the last
   * {@code recentDays} days' picks (as far as {@code shown} remembers them), so a small journal does
   * not repeat itself every few days.
   */
  public Item resurface(LocalDate day, Map<LocalDate, String> shown, int recentDays) {
    List<Item> past = items.stream().filter(i -> i.date().isBefore(day)).toList();
    if (past.isEmpty()) {
      return null;
    }
    Set<String> recent = new HashSet<>();
    shown.forEach((d, loc) -> {
      if (d.isBefore(day) && !d.isBefore(day.minusDays(recentDays))) {
        recent.add(loc);
      }
    });
    List<Item> pool = past.stream().filter(i -> !recent.contains(i.location())).toList();
    if (pool.isEmpty()) {
      pool = past;
    }
    java.util.SplittableRandom random = new java.util.SplittableRandom(day.toEpochDay() * 0x9E3779B97F4A7C15L);
    double total = 0;
    double[] weight = new double[pool.size()];
    for (int i = 0; i < pool.size(); i++) {
      weight[i] = Math.log(2 + ChronoUnit.DAYS.between(pool.get(i).date(), day));
      total += weight[i];
    }
    double pick = random.nextDouble() * total;
    for (int i = 0; i < pool.size(); i++) {
      pick -= weight[i];
      if (pick <= 0) {
        return pool.get(i);
      }
    }
    return pool.get(pool.size() - 1);
  }
}
