package dev.mnemo.vault;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the calendar dates that real journals write: {@code 2023.09.03}, {@code 2024-7-7},
 * {@code 2023/12/31}, {@code 2023年3月5日}, {@code June 6th, 2023}, {@code 6 June 2023},
 * {@code 21.03.2024}, {@code 26/03/2024}, {@code 3/26/2024}, {@code 20240326}, ISO weeks ({@code 2024-W12}, {@code 2024年第12周}),
 * optionally behind a weekday ({@code Monday (May 29th, 2023):}, {@code 周一 2023-06-05}).
 */
public final class Dates {
  private Dates() {}

  /** A date found in a text, and the offset just past it and any closing bracket or separator. */
  public record Match(LocalDate date, int end) {}

  static final String MONTH_NAME =
      "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
  private static final String WEEKDAY =
      "(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?|(?:周|星期|礼拜)[一二三四五六日天1-7])";
  private static final String DATE =
      "(?:(?<y1>\\d{4})\\s*(?<s1>[-./_])\\s*(?<m1>\\d{1,2})\\s*\\k<s1>\\s*(?<d1>\\d{1,2})(?!\\d)"
          + "|(?<y2>\\d{4})\\s*年\\s*(?<m2>\\d{1,2})\\s*月\\s*(?<d2>\\d{1,2})\\s*[日号]?"
          + "|(?<n3>" + MONTH_NAME + ")\\.?\\s+(?<d3>\\d{1,2})(?:st|nd|rd|th)?\\s*,?\\s*(?<y3>\\d{4})(?!\\d)"
          + "|(?<d4>\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?<n4>" + MONTH_NAME + ")\\.?\\s*,?\\s*(?<y4>\\d{4})(?!\\d)"
          + "|(?<a5>\\d{1,2})\\s*(?<s5>[-./])\\s*(?<b5>\\d{1,2})\\s*\\k<s5>\\s*(?<y5>\\d{4})(?!\\d)"
          + "|(?<y6>(?:18|19|20|21)\\d\\d)(?<m6>0[1-9]|1[0-2])(?<d6>0[1-9]|[12]\\d|3[01])(?!\\d))";
  private static final Pattern AT_START = Pattern.compile(
      "^\\s*(?:" + WEEKDAY + "\\s*[,，]?\\s*)?[(（\\[【]?\\s*" + DATE
          + "\\s*[)）\\]】]?(?:\\s*[(（]?\\s*" + WEEKDAY + "\\s*[)）]?)?[\\s:：\\-–—|,，.。]*",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern ANYWHERE = Pattern.compile(
      "(?<![\\p{L}\\p{N}])" + DATE, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern AT_END = Pattern.compile(
      "(?<![\\p{L}\\p{N}])[(（\\[【]*\\s*" + DATE + "\\s*[)）\\]】]*[\\s.。!！]*$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  /**
   * A compact date opening a file name, alone or as a Zettelkasten id with the time after it
   * ({@code 202404061530 Title}: Obsidian's unique notes, The Archive; {@code 20240406153012}: Zettlr).
   */
  private static final Pattern COMPACT = Pattern.compile(
      "^(\\d{4})(\\d{2})(\\d{2})(?:([01]\\d|2[0-3])[0-5]\\d(?:[0-5]\\d)?)?(?!\\d)");

  /**
   * A full date at the very start of {@code text} (after blanks and an optional weekday), as a
   * journal heading, list item or paragraph opens with it. Only years 1800 to 2200 count.
   */
  public static Optional<Match> atStart(String text) {
    Arabic a = Arabic.of(text);
    return lookingAt(AT_START, a.text(), 120).flatMap(m -> toDate(m).map(d -> new Match(d, a.original(m.end()))));
  }

  /**
   * A full date that ends {@code text} and is its only one, as a release or a meeting heads its
   * section ({@code Beta 0.8.16 [[Jan 12th, 2023]]}, {@code 组会 2024年3月5日}, {@code Notes (2024-03-05)});
   * the match's {@code end} is where the date (with its brackets) starts. Two dates make a range or a
   * comparison, which only a heading that opens with its date is read as.
   */
  public static Optional<Match> atEnd(String text) {
    if (text.length() > 200) {
      return Optional.empty();
    }
    Arabic a = Arabic.of(text);
    Matcher m = AT_END.matcher(a.text());
    if (!m.find()) {
      return Optional.empty();
    }
    Matcher any = ANYWHERE.matcher(a.text());
    int dates = 0;
    while (any.find()) {
      dates++;
    }
    return dates != 1 ? Optional.empty() : toDate(m).map(d -> new Match(d, a.original(m.start())));
  }

  /** A month and day without a year ({@code 3月25日}, {@code March 25th}), and the offset just past it. */
  public record MonthDay(int month, int day, int end) {
    /** The date in {@code year}, if that year has this day (29 February does not always). */
    public Optional<LocalDate> in(int year) {
      return of(String.valueOf(year), String.valueOf(month), String.valueOf(day));
    }
  }

  /**
   * Chinese month and day, or an English month name and day; English ones need an ordinal
   * ({@code March 25th}) or nothing but punctuation or a weekday after them ({@code 25 March:}), so
   * "May 5 things I learned" stays a title.
   */
  private static final Pattern MONTH_DAY = Pattern.compile(
      "^\\s*(?:" + WEEKDAY + "\\s*[,，]?\\s*)?[(（\\[【]?\\s*"
          + "(?:(?<m1>\\d{1,2})\\s*月\\s*(?<d1>\\d{1,2})\\s*[日号]?(?!\\d)"
          + "|(?<n2>" + MONTH_NAME + ")\\.?\\s+(?<d2>\\d{1,2})(?<o2>st|nd|rd|th)?(?![\\d.:/-]*\\d)"
          + "|(?<d3>\\d{1,2})(?<o3>st|nd|rd|th)?\\s+(?:of\\s+)?(?<n3>" + MONTH_NAME + ")\\b\\.?)"
          + "\\s*[)）\\]】]?(?<wd>\\s*[(（]?\\s*" + WEEKDAY + "\\s*[)）]?)?(?<sep>[\\s:：\\-–—|,，.。]*)",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /**
   * A month and day without a year at the start of {@code text}, as a monthly journal's headings
   * write them ({@code ## 3月25日 周一}, {@code ## Monday, March 25th}, {@code - 25 March: ...}). Only
   * where {@link #atStart} finds no full date; the caller supplies the year from the context.
   */
  public static Optional<MonthDay> monthDayAtStart(String text) {
    return atStart(text).isPresent() ? Optional.empty() : monthDayOnly(text);
  }

  /** As {@link #monthDayAtStart}, for a caller that has found no full date at the start already. */
  static Optional<MonthDay> monthDayOnly(String original) {
    Arabic a = Arabic.of(original);
    String text = a.text();
    Optional<Matcher> found = lookingAt(MONTH_DAY, text, 80);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = found.get();
    int month;
    String day;
    if (m.group("m1") != null) {
      month = Integer.parseInt(m.group("m1"));
      day = m.group("d1");
    } else {
      boolean first = m.group("n2") != null;
      month = monthNumber(first ? m.group("n2") : m.group("n3"));
      day = first ? m.group("d2") : m.group("d3");
      boolean ordinal = m.group(first ? "o2" : "o3") != null;
      boolean endsThere = m.end() == text.length() || m.group("wd") != null || !m.group("sep").isBlank();
      if (!ordinal && !endsThere) {
        return Optional.empty();
      }
    }
    int d = Integer.parseInt(day);
    if (month < 1 || month > 12 || d < 1 || d > 31) {
      return Optional.empty();
    }
    return Optional.of(new MonthDay(month, d, a.original(m.end())));
  }

  private static final Pattern WEEK = Pattern.compile(
      "^\\s*(?:(?<y1>\\d{4})\\s*-?\\s*W(?<w1>\\d{1,2})(?:-(?<d1>[1-7]))?"
          + "|(?<y2>\\d{4})\\s*年\\s*第\\s*(?<w2>\\d{1,2})\\s*周"
          + "|(?:week|wk)\\.?\\s*(?<w3>\\d{1,2})\\s*(?:,|of)?\\s*(?<y3>\\d{4})"
          + "|(?<y4>\\d{4})\\s*,?\\s*(?:week|wk)\\.?\\s*(?<w4>\\d{1,2}))(?![\\p{N}])[\\s:：\\-–—|,，.。]*",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern WEEK_IN_NAME = Pattern.compile("(?<![\\p{N}])(\\d{4})-?W(\\d{1,2})(?![\\p{N}])");

  /**
   * An ISO 8601 week at the start of {@code text}, as weekly notes and plans name themselves:
   * {@code 2024-W12}, {@code 2024-W12-3} (its Wednesday), {@code 2024年第12周}, {@code Week 12, 2024},
   * {@code 2024 week 12}. The date is the week's Monday (or the day given); weeks a year does not
   * have (W53 of most years) are no date.
   */
  public static Optional<Match> weekAtStart(String text) {
    Optional<Matcher> found = lookingAt(WEEK, text, 80);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = found.get();
    for (int i = 1; i <= 4; i++) {
      if (m.group("y" + i) != null) {
        int day = i == 1 && m.group("d1") != null ? Integer.parseInt(m.group("d1")) : 1;
        return isoWeek(Integer.parseInt(m.group("y" + i)), Integer.parseInt(m.group("w" + i)), day)
            .map(d -> new Match(d, m.end()));
      }
    }
    return Optional.empty();
  }

  /** Day {@code day} (1 Monday to 7 Sunday) of ISO week {@code week} of {@code year}. */
  static Optional<LocalDate> isoWeek(int year, int week, int day) {
    if (year < 1800 || year > 2200 || week < 1) {
      return Optional.empty();
    }
    LocalDate mid = LocalDate.of(year, 6, 1);
    if (week > mid.range(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
      return Optional.empty();
    }
    return Optional.of(mid.with(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
        .with(java.time.temporal.ChronoField.DAY_OF_WEEK, day));
  }

  /** A plausible year (1800 to 2199) standing on its own. */
  private static final Pattern YEAR = Pattern.compile("(?<![\\p{N}])(1[89]\\d\\d|2[01]\\d\\d)(?![\\p{N}])");
  /** A heading that opens with a year, alone or with its month: {@code 2024}, {@code 2024年3月}, {@code March 2024}. */
  private static final Pattern YEAR_AT_START = Pattern.compile(
      "^\\s*(?:(?:" + MONTH_NAME + ")\\.?,?\\s+)?(1[89]\\d\\d|2[01]\\d\\d)(?![\\p{N}])",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** The first plausible year written in {@code text} (a file name: {@code 2024-03}, {@code journal 2024}), or 0. */
  public static int yearIn(String text) {
    Matcher m = YEAR.matcher(text);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  /** The year a heading opens with ({@code 2024}, {@code 2024年3月}, {@code March 2024}), or 0. */
  public static int yearAtStart(String text) {
    Matcher m = YEAR_AT_START.matcher(Arabic.of(text).text());
    return m.lookingAt() ? Integer.parseInt(m.group(1)) : 0;
  }

  /** {@code text} with the Chinese numerals of its dates in Arabic digits (see {@link Arabic}). */
  public static String withArabicNumerals(String text) {
    return Arabic.of(text).text();
  }

  /**
   * A text with the Chinese numerals of its dates in Arabic digits, and where each character came
   * from: {@code 二〇二四年三月二十四日} reads as {@code 2024年3月24日}. A year is four digit characters
   * before 年 ({@code 二〇二四}, {@code 二零二四}); a month (1 to 12) stands before 月 and a day (1 to 31)
   * before 日 or 号, written {@code 三}, {@code 十}, {@code 十二}, {@code 二十}, {@code 二十四}. Any other run
   * of numerals ({@code 一三月}, {@code 三十五日}, {@code 二十年}) is left as written; only the first
   * {@value #ARABIC_SPAN} characters are read, as only dates near the start matter.
   */
  record Arabic(String text, int[] from, int converted) {
    private static final String DIGITS = "〇一二三四五六七八九";
    private static final int ARABIC_SPAN = 200;

    static Arabic of(String text) {
      int read = Math.min(text.length(), ARABIC_SPAN);
      boolean any = false;
      for (int i = 0; i < read && !any; i++) {
        any = numeral(text.charAt(i));
      }
      if (!any) {
        return new Arabic(text, null, 0);
      }
      StringBuilder out = new StringBuilder(text.length());
      int[] from = new int[2 * read + 1];  // 十 becomes 10: at most twice as long
      int i = 0;
      while (i < read) {
        int j = i;
        while (j < read && numeral(text.charAt(j))) {
          j++;
        }
        String digits = j > i && j < text.length() ? value(text.substring(i, j), text.charAt(j)) : null;
        if (digits != null) {
          // Each digit written stands for the whole run of numerals (its first character).
          for (int k = 0; k < digits.length(); k++) {
            from[out.length()] = i;
            out.append(digits.charAt(k));
          }
          i = j;
        } else {
          int end = Math.max(j, i + 1);
          for (int k = i; k < end; k++) {
            from[out.length()] = k;
            out.append(text.charAt(k));
          }
          i = end;
        }
      }
      from[out.length()] = read;
      int written = out.length();
      out.append(text, read, text.length());
      return new Arabic(out.toString(), java.util.Arrays.copyOf(from, written + 1), written);
    }

    /** Where character {@code i} of {@link #text} (or the end, at its length) stands in the original. */
    int original(int i) {
      if (from == null) {
        return i;
      }
      return i <= converted ? from[i] : from[converted] + (i - converted);
    }

    private static boolean numeral(char c) {
      return DIGITS.indexOf(c) >= 0 || c == '零' || c == '十';
    }

    private static int digit(char c) {
      return c == '零' ? 0 : DIGITS.indexOf(c);
    }

    /** A run of numerals before {@code unit} as Arabic digits, or null when it is no year, month or day. */
    private static String value(String run, char unit) {
      if (unit == '年') {
        if (run.length() != 4 || run.indexOf('十') >= 0) {
          return null;
        }
        StringBuilder year = new StringBuilder(4);
        for (int k = 0; k < 4; k++) {
          year.append(digit(run.charAt(k)));
        }
        return year.toString();
      }
      int max = unit == '月' ? 12 : unit == '日' || unit == '号' ? 31 : 0;
      int n = small(run);
      return n >= 1 && n <= max ? String.valueOf(n) : null;
    }

    /** 三 3, 十 10, 十二 12, 二十 20, 二十四 24; anything else -1. */
    private static int small(String run) {
      int ten = run.indexOf('十');
      if (ten < 0) {
        return run.length() == 1 ? digit(run.charAt(0)) : -1;
      }
      if (run.length() > 3 || run.indexOf('十', ten + 1) >= 0) {
        return -1;
      }
      int tens = ten == 0 ? 1 : ten == 1 ? digit(run.charAt(0)) : -1;
      int ones = ten == run.length() - 1 ? 0 : ten == run.length() - 2 ? digit(run.charAt(ten + 1)) : -1;
      return tens < 1 || ones < 0 ? -1 : tens * 10 + ones;
    }
  }

  /**
   * {@code pattern} matched at the start of {@code text}, within its first {@code limit} characters;
   * empty without a digit near the start (every date has one) or for an absurdly long text.
   */
  private static Optional<Matcher> lookingAt(Pattern pattern, String text, int limit) {
    if (text.isEmpty() || text.length() > 100_000 || !digitNearStart(text)) {
      return Optional.empty();
    }
    Matcher m = pattern.matcher(text);
    m.region(0, Math.min(text.length(), limit));
    return m.lookingAt() ? Optional.of(m) : Optional.empty();
  }

  /** Cheap pre-check: a date needs a digit within the first few dozen characters. */
  private static boolean digitNearStart(String text) {
    int limit = Math.min(text.length(), 48);
    for (int i = 0; i < limit; i++) {
      if (Character.isDigit(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** A day filed in folders of its year and month: {@code journal/2024/03/25.md}, {@code 2024/3/25 Monday.md}. */
  private static final Pattern FOLDERS = Pattern.compile("(?:^|/)(\\d{4})/(\\d{1,2})/(\\d{1,2})(?:[^/\\d][^/]*)?$");

  /**
   * The date a note's path carries: in its file name ({@link #inFileName}), else in folders of year
   * and month around a file named by its day ({@code 2024/03/25.md}).
   */
  public static Optional<LocalDate> inPath(String path) {
    String slashed = path.replace('\\', '/');
    int dot = slashed.lastIndexOf('.');
    String noExt = dot > slashed.lastIndexOf('/') + 1 ? slashed.substring(0, dot) : slashed;
    Optional<LocalDate> named = inFileName(noExt.substring(noExt.lastIndexOf('/') + 1));
    if (named.isPresent()) {
      return named;
    }
    Matcher m = FOLDERS.matcher(noExt);
    return m.find() ? of(m.group(1), m.group(2), m.group(3)) : Optional.empty();
  }

  /**
   * The date a file name carries: {@code 2023-09-03}, {@code 2023_09_03}, {@code 20230903},
   * {@code 202309031530} (a Zettelkasten id), {@code 2023年9月3日}.
   */
  public static Optional<LocalDate> inFileName(String stem) {
    Matcher compact = COMPACT.matcher(stem);
    if (compact.lookingAt()) {
      Optional<LocalDate> d = of(compact.group(1), compact.group(2), compact.group(3));
      if (d.isPresent()) {
        return d;
      }
    }
    Matcher m = ANYWHERE.matcher(stem);
    while (m.find()) {
      Optional<LocalDate> d = toDate(m);
      if (d.isPresent()) {
        return d;
      }
    }
    Optional<Match> week = weekAtStart(stem);
    if (week.isPresent()) {
      return week.map(Match::date);
    }
    Matcher w = WEEK_IN_NAME.matcher(stem);
    while (w.find()) {
      Optional<LocalDate> d = isoWeek(Integer.parseInt(w.group(1)), Integer.parseInt(w.group(2)), 1);
      if (d.isPresent()) {
        return d;
      }
    }
    return Optional.empty();
  }

  private static final Pattern RANGE_TO = Pattern.compile("^(?:~|～|〜|至|到|to\\b|until\\b|through\\b|thru\\b)\\s*",
      Pattern.CASE_INSENSITIVE);

  /**
   * What follows a date once the end of a range is taken off: "~ 2024-03-07 trip" after 2024-03-05
   * gives "trip". {@code rest} is unchanged unless it holds a full date not before {@code start}.
   */
  public static String withoutRangeEnd(LocalDate start, String rest) {
    Matcher to = RANGE_TO.matcher(rest);
    String after = to.lookingAt() ? rest.substring(to.end()) : rest;
    Optional<Match> end = atStart(after);
    if (end.isEmpty() || end.get().date().isBefore(start)) {
      return rest;
    }
    return after.substring(end.get().end()).strip();
  }

  /** A whole string that is one full date, as front matter writes it ({@code 2023-09-03}, {@code 2023-09-03 10:42}). */
  public static Optional<LocalDate> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    return atStart(value.strip()).map(Match::date);
  }

  private static Optional<LocalDate> toDate(Matcher m) {
    if (m.group("y5") != null) {
      return dayAndMonthFirst(m.group("a5"), m.group("s5"), m.group("b5"), m.group("y5"));
    }
    for (int i : new int[] {1, 2, 3, 4, 6}) {
      String y = m.group("y" + i);
      if (y == null) {
        continue;
      }
      String month = i <= 2 || i == 6 ? m.group("m" + i) : String.valueOf(monthNumber(m.group("n" + i)));
      return of(y, month, m.group("d" + i));
    }
    return Optional.empty();
  }

  /**
   * A date written with the year last: {@code 21.03.2024} (dots: day first, as in German or Russian),
   * {@code 21-03-2024} or {@code 26/03/2024} (day first, since 21 and 26 cannot be months),
   * {@code 3/26/2024} (month first, as in the US). When both numbers could be the month
   * ({@code 03/04/2024}) the writer's order cannot be known, and it is no date rather than a guess.
   */
  private static Optional<LocalDate> dayAndMonthFirst(String a, String sep, String b, String y) {
    int first = Integer.parseInt(a);
    int second = Integer.parseInt(b);
    if (sep.equals(".") || first > 12 && second <= 12 || first == second) {
      return of(y, b, a);
    }
    if (second > 12 && first <= 12) {
      return of(y, a, b);
    }
    return Optional.empty();
  }

  private static Optional<LocalDate> of(String y, String m, String d) {
    try {
      int year = Integer.parseInt(y);
      if (year < 1800 || year > 2200) {
        return Optional.empty();
      }
      return Optional.of(LocalDate.of(year, Integer.parseInt(m), Integer.parseInt(d)));
    } catch (DateTimeException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** 1 to 12 for an English month name or its abbreviation, else 0. */
  public static int monthNumber(String name) {
    if (name == null || name.length() < 3) {
      return 0;
    }
    return switch (name.substring(0, 3).toLowerCase(Locale.ROOT)) {
      case "jan" -> 1;
      case "feb" -> 2;
      case "mar" -> 3;
      case "apr" -> 4;
      case "may" -> 5;
      case "jun" -> 6;
      case "jul" -> 7;
      case "aug" -> 8;
      case "sep" -> 9;
      case "oct" -> 10;
      case "nov" -> 11;
      case "dec" -> 12;
      default -> 0;
    };
  }
}
