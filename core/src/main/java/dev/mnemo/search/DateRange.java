package dev.mnemo.search;

import dev.mnemo.vault.Dates;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A span of days, {@code from} inclusive and {@code to} exclusive; either end may be open (null).
 * {@link #parse} reads what people write for a time, in English and Chinese: {@code 2023},
 * {@code 2023-08}, {@code 2023-08-15}, {@code August 2023}, {@code 2023年8月}, {@code 2023-W35}, {@code 2023年第35周},
 * {@code today}, {@code last week}, {@code 上周}, {@code 去年}, {@code 2023-08-01..2023-08-15}.
 * Weeks start on Monday.
 */
public record DateRange(LocalDate from, LocalDate to) {

  public static final DateRange ALL = new DateRange(null, null);

  public boolean contains(LocalDate d) {
    return d != null && (from == null || !d.isBefore(from)) && (to == null || d.isBefore(to));
  }

  /** The overlap of two ranges. */
  public DateRange and(DateRange other) {
    LocalDate f = from == null ? other.from : other.from == null ? from : (from.isAfter(other.from) ? from : other.from);
    LocalDate t = to == null ? other.to : other.to == null ? to : (to.isBefore(other.to) ? to : other.to);
    return new DateRange(f, t);
  }

  public boolean isAll() {
    return from == null && to == null;
  }

  public static DateRange day(LocalDate d) {
    return new DateRange(d, d.plusDays(1));
  }

  private static final Pattern YEAR = Pattern.compile("(\\d{4})\\s*年?");
  private static final Pattern YEAR_MONTH = Pattern.compile("(\\d{4})\\s*(?:[-./_]\\s*(\\d{1,2})|年\\s*(\\d{1,2})\\s*月(?:份)?)");
  private static final Pattern MONTH_YEAR = Pattern.compile("(?i)(" + monthNames() + ")\\.?\\s*,?\\s*(\\d{4})");
  private static final Pattern YEAR_MONTH_NAME = Pattern.compile("(?i)(\\d{4})\\s+(" + monthNames() + ")\\.?");
  /** An ISO week with its day ({@code 2024-W12-3}): one day, not the week. */
  private static final Pattern WEEK_DAY = Pattern.compile("(?i)W\\d{1,2}-[1-7]\\s*$");
  /** A month of this, last or the year before last year, in figures or Chinese numerals: 去年三月, 今年5月份. */
  private static final Pattern RELATIVE_YEAR_MONTH = Pattern.compile("(今年|去年|前年)\\s*的?\\s*(\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*月份?");
  /** A year in figures and a month in Chinese numerals: 2024年三月. */
  private static final Pattern YEAR_CHINESE_MONTH = Pattern.compile("(\\d{4})\\s*年\\s*([一二三四五六七八九十]{1,3})\\s*月份?");
  /** An English month named against today: last March, this May, March last year. */
  private static final Pattern RELATIVE_MONTH_NAME = Pattern.compile(
      "(?:(last|this)\\s+(" + monthNames() + ")|(" + monthNames() + ")\\s+(last|this)\\s+year)");
  private static final Pattern DAYS_AGO = Pattern.compile("(?i)(\\d{1,4})\\s*(?:days?\\s+ago|天前)");
  private static final Pattern LAST_N = Pattern.compile("(?i)(?:last|past)\\s+(\\d{1,4})\\s+(days?|weeks?|months?|years?)|(?:最近|过去|近)\\s*(\\d{1,4}|[一二两三四五六七八九十]{1,3})\\s*(天|周|个星期|星期|个月|年)");

  private static String monthNames() {
    return "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
        + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
  }

  /** Whether a text is a relative time phrase such as {@code last week} or {@code 上周}. */
  public static boolean isRelative(String text) {
    return relative(text.strip().toLowerCase(Locale.ROOT), LocalDate.of(2000, 1, 1)).isPresent();
  }

  /** Reads a time expression relative to {@code today}; empty if it is not one. */
  public static Optional<DateRange> parse(String text, LocalDate today) {
    if (text == null) {
      return Optional.empty();
    }
    Optional<DateRange> written = parseAsWritten(text, today);
    if (written.isPresent()) {
      return written;
    }
    // Dates in Chinese numerals: 二〇二三年九月 as 2023年9月.
    String arabic = Dates.withArabicNumerals(text);
    return arabic.equals(text) ? written : parseAsWritten(arabic, today);
  }

  private static Optional<DateRange> parseAsWritten(String text, LocalDate today) {
    String s = text.strip();
    if (s.isEmpty() || s.length() > 64) {
      return Optional.empty();
    }
    int dots = s.indexOf("..");
    if (dots > 0) {
      Optional<DateRange> a = parse(s.substring(0, dots), today);
      Optional<DateRange> b = parse(s.substring(dots + 2), today);
      if (a.isPresent() && b.isPresent()) {
        return Optional.of(new DateRange(a.get().from(), b.get().to()));
      }
      return Optional.empty();
    }
    Optional<DateRange> relative = relative(s.toLowerCase(Locale.ROOT), today);
    if (relative.isPresent()) {
      return relative;
    }
    Optional<Dates.Match> day = Dates.atStart(s);
    if (day.isPresent() && s.substring(day.get().end()).isBlank()) {
      return Optional.of(day(day.get().date()));
    }
    Optional<Dates.Match> week = Dates.weekAtStart(s);
    if (week.isPresent() && s.substring(week.get().end()).isBlank()) {
      LocalDate d = week.get().date();
      return Optional.of(WEEK_DAY.matcher(s).find() ? day(d) : new DateRange(d, d.plusWeeks(1)));
    }
    Matcher m = YEAR_MONTH.matcher(s);
    if (m.matches()) {
      return month(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
    }
    m = YEAR_CHINESE_MONTH.matcher(s);
    if (m.matches()) {
      return month(m.group(1), String.valueOf(chineseNumber(m.group(2))));
    }
    m = MONTH_YEAR.matcher(s);
    if (m.matches()) {
      return month(m.group(2), String.valueOf(Dates.monthNumber(m.group(1))));
    }
    m = YEAR_MONTH_NAME.matcher(s);
    if (m.matches()) {
      return month(m.group(1), String.valueOf(Dates.monthNumber(m.group(2))));
    }
    m = YEAR.matcher(s);
    if (m.matches()) {
      int y = Integer.parseInt(m.group(1));
      if (y >= 1800 && y <= 2200) {
        return Optional.of(new DateRange(LocalDate.of(y, 1, 1), LocalDate.of(y + 1, 1, 1)));
      }
    }
    return Optional.empty();
  }

  /**
   * One day as people write it ({@code 2025-03-18}, {@code 2025年3月18日}, {@code March 18th, 2025},
   * {@code yesterday}, {@code 昨天}, {@code 3 days ago}).
   *
   * @throws IllegalArgumentException naming the text when it is not one day
   */
  public static LocalDate day(String text, LocalDate today) {
    return parse(text, today).filter(r -> r.from() != null && r.from().plusDays(1).equals(r.to())).map(DateRange::from)
        .orElseThrow(() -> new IllegalArgumentException("cannot read \"" + text.strip()
            + "\" as a day: give 2025-03-18, 2025年3月18日, March 18th, 2025, yesterday or 昨天"));
  }

  private static Optional<DateRange> month(String year, String month) {
    try {
      YearMonth ym = YearMonth.of(Integer.parseInt(year), Integer.parseInt(month));
      if (ym.getYear() < 1800 || ym.getYear() > 2200) {
        return Optional.empty();
      }
      return Optional.of(new DateRange(ym.atDay(1), ym.plusMonths(1).atDay(1)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<DateRange> relative(String s, LocalDate today) {
    LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    LocalDate firstOfMonth = today.withDayOfMonth(1);
    LocalDate firstOfYear = today.withDayOfYear(1);
    DateRange r = switch (s) {
      case "today", "今天", "今日" -> day(today);
      case "yesterday", "昨天", "昨日" -> day(today.minusDays(1));
      case "前天" -> day(today.minusDays(2));
      case "this week", "本周", "这周", "这星期", "这个星期", "本星期" -> new DateRange(monday, monday.plusWeeks(1));
      case "last week", "上周", "上星期", "上个星期", "上礼拜" -> new DateRange(monday.minusWeeks(1), monday);
      case "this weekend", "这周末", "本周末" -> new DateRange(monday.plusDays(5), monday.plusWeeks(1));
      case "last weekend", "上周末" -> new DateRange(monday.minusDays(2), monday);
      case "this month", "本月", "这个月" -> new DateRange(firstOfMonth, firstOfMonth.plusMonths(1));
      case "last month", "上个月", "上月" -> new DateRange(firstOfMonth.minusMonths(1), firstOfMonth);
      case "this year", "今年" -> new DateRange(firstOfYear, firstOfYear.plusYears(1));
      case "last year", "去年" -> new DateRange(firstOfYear.minusYears(1), firstOfYear);
      case "前年" -> new DateRange(firstOfYear.minusYears(2), firstOfYear.minusYears(1));
      default -> null;
    };
    if (r != null) {
      return Optional.of(r);
    }
    Matcher m = DAYS_AGO.matcher(s);
    if (m.matches()) {
      return Optional.of(day(today.minusDays(Integer.parseInt(m.group(1)))));
    }
    m = RELATIVE_MONTH_NAME.matcher(s);
    if (m.matches()) {
      int month = Dates.monthNumber(m.group(2) != null ? m.group(2) : m.group(3));
      int year = today.getYear();
      if (m.group(1) != null ? m.group(1).equals("last") && month >= today.getMonthValue() : m.group(4).equals("last")) {
        year--; // "last March" in March or later is last year's; "March last year" always is
      }
      return month(String.valueOf(year), String.valueOf(month));
    }
    m = RELATIVE_YEAR_MONTH.matcher(s);
    if (m.matches()) {
      int back = switch (m.group(1)) {
        case "去年" -> 1;
        case "前年" -> 2;
        default -> 0;
      };
      String month = m.group(2).chars().allMatch(Character::isDigit) ? m.group(2) : String.valueOf(chineseNumber(m.group(2)));
      return month(String.valueOf(today.getYear() - back), month);
    }
    m = LAST_N.matcher(s);
    if (m.matches()) {
      String count = m.group(1) != null ? m.group(1) : m.group(3);
      int n = count.chars().allMatch(Character::isDigit) ? Integer.parseInt(count) : chineseNumber(count.replace('两', '二'));
      if (n <= 0) {
        return Optional.empty();
      }
      String unit = m.group(2) != null ? m.group(2) : m.group(4);
      LocalDate start = switch (unit.endsWith("星期") ? '周' : unit.charAt(0)) {
        case 'd', '天' -> today.minusDays(n - 1L);
        case 'w', '周' -> today.minusWeeks(n).plusDays(1);
        case 'm', '个' -> today.minusMonths(n).plusDays(1);
        default -> today.minusYears(n).plusDays(1);
      };
      return Optional.of(new DateRange(start, today.plusDays(1)));
    }
    return Optional.empty();
  }

  /** 1 to 99 written in Chinese numerals (三, 十, 十二, 二十一), else 0. */
  static int chineseNumber(String s) {
    String digits = "一二三四五六七八九";
    int ten = s.indexOf('十');
    if (ten < 0) {
      return s.length() == 1 ? digits.indexOf(s.charAt(0)) + 1 : 0;
    }
    int tens = ten == 0 ? 1 : ten == 1 ? digits.indexOf(s.charAt(0)) + 1 : 0;
    int ones = ten == s.length() - 1 ? 0 : ten == s.length() - 2 ? digits.indexOf(s.charAt(ten + 1)) + 1 : -1;
    return tens <= 0 || ones < 0 || ones == 0 && ten != s.length() - 1 ? 0 : tens * 10 + ones;
  }

  @Override
  public String toString() {
    if (isAll()) {
      return "any time";
    }
    if (from != null && to != null && to.equals(from.plusDays(1))) {
      return from.toString();
    }
    return (from == null ? "" : from.toString()) + ".." + (to == null ? "" : to.minusDays(1).toString());
  }
}
