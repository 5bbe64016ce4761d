package dev.mnemo.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed search: what to look for and what to filter by.
 *
 * <p>Syntax: words (any may match; more matches rank higher), {@code "exact phrases"} (also
 * “…” and 「…」), {@code +required}, {@code -excluded}, {@code tag:x} or {@code #x}, {@code path:x},
 * {@code after:D}, {@code before:D}, {@code date:D}. {@code D} is anything {@link DateRange#parse}
 * reads; {@code after:D} keeps entries on or after the start of D, {@code before:D} those before it.
 * Any filter may be negated with {@code -}; values with spaces go in quotes ({@code date:"last week"}).
 *
 * <p>Plain words that say when ("last week", "2023年8月") become the date filter too; {@code dateWords}
 * holds them as written (empty if none) and {@code dateAt} the position among the clauses they came
 * from, so that {@link #withoutDateWords()} can put them back.
 */
public record SearchQuery(
    String raw,
    List<Clause> clauses,
    List<String> tags,
    List<String> notTags,
    List<String> paths,
    List<String> notPaths,
    DateRange when,
    String dateWords,
    int dateAt) {

  public static final int MAX_LENGTH = 2000;
  public static final int MAX_CLAUSES = 64;
  /** Longest tag:, path: or date value: a longer one is a mistake, and a costly pattern to build. */
  public static final int MAX_FILTER_LENGTH = 200;

  /** A word or phrase; {@code required} for {@code +x}, {@code excluded} for {@code -x}. */
  public record Clause(String text, boolean phrase, boolean required, boolean excluded) {}

  /** The words and phrases that should match (not the excluded ones). */
  public List<Clause> positive() {
    return clauses.stream().filter(c -> !c.excluded()).toList();
  }

  public boolean hasText() {
    return clauses.stream().anyMatch(c -> !c.excluded());
  }

  public boolean hasFilters() {
    return !tags.isEmpty() || !notTags.isEmpty() || !paths.isEmpty() || !notPaths.isEmpty() || !when.isAll();
  }

  /**
   * Whether the words only ask about the time the query names ("上周做了什么", "what did I do last
   * week", "date:2024-03 写了什么"): then the answer is every entry of that time, not the ones that
   * happen to hold "did" or 什么.
   */
  public boolean asksOnlyWhen() {
    return !when.isAll() && !clauses.isEmpty()
        && clauses.stream().allMatch(c -> !c.phrase() && !c.required() && !c.excluded() && questionOnly(c.text()));
  }

  /** The same filters without words to look for: what {@link #asksOnlyWhen()} queries search. */
  public SearchQuery withoutWords() {
    return new SearchQuery(raw, List.of(), tags, notTags, paths, notPaths, when, dateWords, dateAt);
  }

  /** English words that ask about a time without saying what to look for. */
  private static final java.util.Set<String> QUESTION_EN = java.util.Set.of("what", "whats", "what's", "which", "did",
      "do", "does", "done", "i", "i've", "i'd", "me", "my", "we", "our", "in", "on", "at", "from", "during", "of", "for",
      "over", "the", "a", "an", "happen", "happened", "write", "wrote", "written", "note", "notes", "entry", "entries",
      "journal", "diary", "was", "were", "is", "are", "there", "have", "had", "show", "list", "all", "any", "anything",
      "everything", "up", "to", "get", "got", "go", "went", "about", "this", "that", "and");
  /** Chinese words that ask about a time without saying what to look for; a run of them asks only that. */
  private static final java.util.Set<String> QUESTION_ZH = java.util.Set.of("我", "我们", "的", "了", "都", "在", "做",
      "干", "干嘛", "写", "记", "过", "些", "什么", "啥", "哪些", "有", "有没有", "吗", "呢", "吧", "事", "事情", "发生",
      "内容", "日记", "笔记", "记录", "那", "这", "时候", "期间", "里", "中", "一下", "看看", "全部", "所有", "一些", "忙",
      "过得", "怎么样", "如何", "去", "去了", "哪里", "哪儿", "那天", "那时");

  /** Whether a word only asks (see {@link #asksOnlyWhen()}): English question words, or Chinese made only of them. */
  static boolean questionOnly(String word) {
    String w = word.toLowerCase(Locale.ROOT).replaceAll("[\\p{P}\\p{S}]+", "");
    if (w.isEmpty() || QUESTION_EN.contains(w)) {
      return true;
    }
    if (!w.codePoints().allMatch(SearchQuery::isHan)) {
      return false;
    }
    // Covered by question words end to end (the longest words are at most three characters).
    boolean[] covered = new boolean[w.length() + 1];
    covered[0] = true;
    for (int i = 0; i < w.length(); i++) {
      for (int len = 1; covered[i] && len <= 3 && i + len <= w.length(); len++) {
        if (QUESTION_ZH.contains(w.substring(i, i + len))) {
          covered[i + len] = true;
        }
      }
    }
    return covered[w.length()];
  }

  /** The query's words and phrases as plain text, for an encoder to embed. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (Clause c : positive()) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(c.text());
    }
    return sb.toString();
  }

  /** The same filters with other words (any may match): for searching a translation of the query. */
  public SearchQuery withText(String text) {
    return new SearchQuery(text, plain(text).clauses(), tags, notTags, paths, notPaths, when, "", 0);
  }

  /**
   * The same query with another date filter (for {@code --when}). An explicit filter wins over
   * words read as a date: those become words to look for again.
   */
  public SearchQuery withWhen(DateRange range) {
    SearchQuery base = withoutDateWords();
    return new SearchQuery(raw, base.clauses, tags, notTags, paths, notPaths, base.when.and(range), "", 0);
  }

  /**
   * The same query with the words that were read as a date ({@link #dateWords}, "last 7 days")
   * put back as words to look for, and no date filter; this query itself when there were none.
   */
  public SearchQuery withoutDateWords() {
    if (dateWords.isEmpty()) {
      return this;
    }
    List<Clause> words = new ArrayList<>(clauses);
    List<Clause> date = new ArrayList<>();
    for (String w : dateWords.split(" ")) {
      date.add(new Clause(w, false, false, false));
    }
    words.addAll(Math.min(dateAt, words.size()), date);
    return new SearchQuery(raw, List.copyOf(words), tags, notTags, paths, notPaths, DateRange.ALL, "", 0);
  }

  /** Whether a word can match anything: it has a letter, a digit or a symbol such as an emoji (😀, ✅), which notes use as words. */
  static boolean searchable(String word) {
    return word.codePoints().anyMatch(cp -> Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.OTHER_SYMBOL);
  }

  static boolean isHan(int cp) {
    return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
  }

  /** Text taken literally, without syntax: every word may match (for evaluations and "related" lookups). */
  public static SearchQuery plain(String text) {
    List<Clause> clauses = new ArrayList<>();
    for (String word : text.strip().split("[\\s\u3000]+")) {
      if (clauses.size() == MAX_CLAUSES) {
        break;
      }
      if (searchable(word)) {
        clauses.add(new Clause(word, false, false, false));
      }
    }
    return new SearchQuery(text, List.copyOf(clauses), List.of(), List.of(), List.of(), List.of(), DateRange.ALL, "", 0);
  }

  public static SearchQuery parse(String raw, LocalDate today) throws QuerySyntaxException {
    return new Parser(raw == null ? "" : raw, today).parse();
  }

  private static final class Parser {
    final String s;
    final LocalDate today;
    int pos;
    final List<Clause> clauses = new ArrayList<>();
    final List<String> tags = new ArrayList<>();
    final List<String> notTags = new ArrayList<>();
    final List<String> paths = new ArrayList<>();
    final List<String> notPaths = new ArrayList<>();
    DateRange when = DateRange.ALL;
    String dateWords = "";
    int dateAt;

    Parser(String s, LocalDate today) {
      this.s = s;
      this.today = today;
    }

    SearchQuery parse() throws QuerySyntaxException {
      if (s.length() > MAX_LENGTH) {
        throw new QuerySyntaxException("query too long (" + s.length() + " characters; the limit is " + MAX_LENGTH + ")", MAX_LENGTH);
      }
      while (true) {
        skipSpace();
        if (pos >= s.length()) {
          break;
        }
        int start = pos;
        boolean negated = false;
        boolean required = false;
        char c = s.charAt(pos);
        if ((c == '-' || c == '+') && pos + 1 < s.length() && !isSpace(s.charAt(pos + 1))) {
          negated = c == '-';
          required = c == '+';
          pos++;
        }
        if (isOpenQuote(s.charAt(pos))) {
          String phrase = quoted();
          if (!phrase.isBlank()) {
            add(new Clause(phrase.strip(), true, required, negated), start);
          }
          continue;
        }
        String token = bare();
        int colon = token.indexOf(':');
        String key = colon > 0 ? token.substring(0, colon).toLowerCase(Locale.ROOT) : "";
        if (colon > 0 && isFilterKey(key)) {
          String value = token.substring(colon + 1);
          if (value.isEmpty() && pos < s.length() && isOpenQuote(s.charAt(pos))) {
            value = quoted();
          }
          filter(key, value.strip(), negated, start);
          continue;
        }
        if (token.startsWith("#") && token.length() > 1 && !token.substring(1).chars().allMatch(Character::isDigit)) {
          (negated ? notTags : tags).add(token.substring(1).toLowerCase(Locale.ROOT));
          continue;
        }
        if (token.equals("OR") || token.equals("AND") || token.equals("|")) {
          continue;
        }
        if (!searchable(token)) {
          continue; // punctuation alone finds nothing
        }
        add(new Clause(token, false, required, negated), start);
      }
      naturalDates();
      return new SearchQuery(s, List.copyOf(clauses), List.copyOf(tags), List.copyOf(notTags), List.copyOf(paths),
          List.copyOf(notPaths), when, dateWords, dateAt);
    }

    /** Words that name a day but are mostly written in passing ("today I learned"): kept as words. */
    private static final java.util.Set<String> AMBIGUOUS = java.util.Set.of("today", "yesterday", "今天", "今日", "昨天",
        "昨日", "前天");

    /**
     * Plain words that together say when ({@code 上周}, {@code last week}, {@code August 2023},
     * {@code 2023年8月}, {@code June 6th, 2023}) become a date filter rather than words to match: a
     * journal's dates are in its entries, not in their text. Longest runs first; at most one; a run
     * must hold a digit or be a known relative phrase, so "May" or "march" alone stay words. Chinese
     * is written without spaces, so a date inside a run of Chinese counts too ({@code 上周做了什么},
     * {@code 2023年9月的旅行}); the rest of the run stays words.
     */
    private void naturalDates() {
      if (!when.isAll()) {
        return;
      }
      for (int len = Math.min(4, clauses.size()); len >= 1; len--) {
        for (int i = 0; i + len <= clauses.size(); i++) {
          List<Clause> run = clauses.subList(i, i + len);
          if (run.stream().anyMatch(c -> c.phrase() || c.required() || c.excluded())) {
            continue;
          }
          // A question's mark is no part of its date: "what did I do last week?"
          String text = withoutMarks(String.join(" ", run.stream().map(Clause::text).toList()));
          Optional<DateRange> r = saysWhen(text) ? DateRange.parse(text, today) : Optional.empty();
          if (r.isPresent()) {
            when = r.get();
            dateWords = text;
            dateAt = i;
            run.clear();
            return;
          }
        }
      }
      for (int i = 0; i < clauses.size(); i++) {
        Clause c = clauses.get(i);
        if (!c.phrase() && !c.required() && !c.excluded() && c.text().codePoints().anyMatch(SearchQuery::isHan)
            && dateInside(c.text(), i)) {
          return;
        }
      }
      askedAbout();
    }

    /**
     * A bare year or a day said in passing (today, 昨天) is a word ("1984 book", "today I learned"),
     * unless the rest only asks about it: "what did I write in 2021?", "what did I do yesterday",
     * "我昨天做了什么".
     */
    private void askedAbout() {
      int at = -1;
      String date = null;
      List<Clause> rest = List.of();
      for (int i = 0; i < clauses.size(); i++) {
        Clause c = clauses.get(i);
        if (c.phrase() || c.required() || c.excluded()) {
          return;
        }
        String text = withoutMarks(c.text());
        if (at < 0 && (text.matches("(19|20|21)\\d\\d") || AMBIGUOUS.contains(text.toLowerCase(Locale.ROOT)))) {
          at = i;
          date = text;
          continue;
        }
        if (at < 0 && text.codePoints().anyMatch(SearchQuery::isHan)) {
          String day = AMBIGUOUS.stream().filter(text::contains).findFirst().orElse(null);
          if (day != null) {
            int from = text.indexOf(day);
            String before = text.substring(0, from);
            String after = text.substring(from + day.length());
            if (questionOnly(before) && questionOnly(after)) {
              at = i;
              date = day;
              rest = wordsAround(text, from, from + day.length());
              continue;
            }
          }
        }
        if (!questionOnly(c.text())) {
          return;
        }
      }
      if (at >= 0 && (clauses.size() > 1 || !rest.isEmpty())) {
        when = DateRange.parse(date, today).orElseThrow();
        dateWords = date;
        dateAt = at;
        clauses.remove(at);
        clauses.addAll(at, rest);
      }
    }

    private static final java.util.regex.Pattern TRAILING_MARKS = java.util.regex.Pattern.compile("[?？!！。，,;；:：]+$");

    /** A question's or sentence's closing marks are no part of a date: "last week?" is last week. */
    private static String withoutMarks(String text) {
      return TRAILING_MARKS.matcher(text).replaceAll("");
    }

    /** What is left of a clause around a date in it, {@code [from, to)}: the words before and after. */
    private static List<Clause> wordsAround(String text, int from, int to) {
      return java.util.stream.Stream.of(text.substring(0, from), text.substring(to)).filter(SearchQuery::searchable)
          .map(w -> new Clause(w, false, false, false)).toList();
    }

    /** Whether a text may be read as a date: it holds a digit (not only digits) or is a relative phrase. */
    private static boolean saysWhen(String text) {
      boolean relative = DateRange.isRelative(text) && !AMBIGUOUS.contains(text.toLowerCase(Locale.ROOT));
      String arabic = dev.mnemo.vault.Dates.withArabicNumerals(text);  // 二〇二三年九月 as 2023年9月
      boolean digits = arabic.chars().anyMatch(Character::isDigit);
      // A bare number ("1984 book", "python 3") is a word; a month or a day with its year is a date.
      return relative || digits && !arabic.chars().allMatch(Character::isDigit);
    }

    /**
     * Finds the longest date inside a clause of Chinese ({@code 2023年9月} in {@code 2023年9月做了什么}),
     * not cutting through a number or a word that merely starts with a date's last character
     * ({@code 2023年度}, {@code 9月饼}); the clause's other text stays, as words.
     */
    private boolean dateInside(String text, int at) {
      int n = text.length();
      for (int len = Math.min(n, MAX_DATE_INSIDE); len >= 2; len--) {
        for (int from = 0; from + len <= n; from++) {
          int to = from + len;
          if (len == n || !startsDate(text.charAt(from)) || from > 0 && numeral(text.charAt(from - 1))
              || to < n && (numeral(text.charAt(to)) || continuesWord(text.charAt(to - 1), text.charAt(to)))) {
            continue;
          }
          String inner = text.substring(from, to);
          Optional<DateRange> r = saysWhen(inner) ? DateRange.parse(inner, today) : Optional.empty();
          if (r.isPresent()) {
            when = r.get();
            dateWords = inner;
            dateAt = at;
            clauses.remove(at);
            clauses.addAll(at, wordsAround(text, from, to));
            return true;
          }
        }
      }
      return false;
    }

    private static final int MAX_DATE_INSIDE = 16;

    /** Every date or period phrase starts with a digit or one of these: 上周, 本月, 这周, 今年, 去年, 前天, 最近3天, 过去一周, 近三个月, 昨天. */
    private static boolean startsDate(char c) {
      return numeral(c) || "上本这今去前最过近昨".indexOf(c) >= 0;
    }

    /** A digit, Arabic or Chinese (二〇二三年九月 is a date too). */
    private static boolean numeral(char c) {
      return Character.isDigit(c) || "〇零一二三四五六七八九十".indexOf(c) >= 0;
    }

    /** Words that begin with a date's last character but are no date: 年度, 年级, 年代, 月饼, 月报, 周末... */
    private static boolean continuesWord(char last, char next) {
      String words = switch (last) {
        case '年' -> "度级代纪轻龄华会终";
        case '月' -> "饼亮光球经薪报度子票刊";
        case '周' -> "年报刊末期边";
        case '天' -> "气空然";
        default -> "";
      };
      return words.indexOf(next) >= 0;
    }

    private void add(Clause clause, int at) throws QuerySyntaxException {
      if (clauses.size() >= MAX_CLAUSES) {
        throw new QuerySyntaxException("too many words (the limit is " + MAX_CLAUSES + ")", at);
      }
      clauses.add(clause);
    }

    private static boolean isFilterKey(String key) {
      return switch (key) {
        case "tag", "path", "in", "after", "before", "date", "when", "on" -> true;
        default -> false;
      };
    }

    private void filter(String key, String value, boolean negated, int at) throws QuerySyntaxException {
      if (value.isEmpty()) {
        throw new QuerySyntaxException(key + ": needs a value", at);
      }
      if (value.length() > MAX_FILTER_LENGTH) {
        throw new QuerySyntaxException(key + ": value too long (" + value.length() + " characters; at most "
            + MAX_FILTER_LENGTH + ")", at);
      }
      switch (key) {
        case "tag" -> (negated ? notTags : tags).add((value.startsWith("#") ? value.substring(1) : value).toLowerCase(Locale.ROOT));
        case "path", "in" -> (negated ? notPaths : paths).add(value.toLowerCase(Locale.ROOT));
        default -> {
          if (negated) {
            throw new QuerySyntaxException("-" + key + ": cannot be negated; use before: or after:", at);
          }
          DateRange r = DateRange.parse(value, today).orElseThrow(() -> new QuerySyntaxException(
              key + ": expects a date such as 2023-08-01, 2023-08, 2023, August 2023, 2023年8月 or \"last week\"; got '"
                  + value + "'", at));
          DateRange add = switch (key) {
            case "after" -> new DateRange(r.from(), null);
            case "before" -> new DateRange(null, r.from());
            default -> r;
          };
          when = when.and(add);
        }
      }
    }

    private String quoted() throws QuerySyntaxException {
      int open = pos;
      char q = s.charAt(pos++);
      char close = switch (q) {
        case '“' -> '”';
        case '「' -> '」';
        case '『' -> '』';
        default -> '"';
      };
      int end = s.indexOf(close, pos);
      if (end < 0) {
        throw new QuerySyntaxException("unclosed quote " + q + " at position " + (open + 1), open);
      }
      String text = s.substring(pos, end);
      pos = end + 1;
      return text;
    }

    private String bare() {
      int start = pos;
      while (pos < s.length() && !isSpace(s.charAt(pos))) {
        if (isOpenQuote(s.charAt(pos)) && pos > start && s.charAt(pos - 1) == ':') {
          break; // key:"value"
        }
        pos++;
      }
      return s.substring(start, pos);
    }

    private void skipSpace() {
      while (pos < s.length() && isSpace(s.charAt(pos))) {
        pos++;
      }
    }

    private static boolean isSpace(char c) {
      return Character.isWhitespace(c) || c == '\u3000' || c == '\u00a0';
    }

    private static boolean isOpenQuote(char c) {
      return c == '"' || c == '“' || c == '「' || c == '『';
    }
  }

  /** Reads a {@code --when} value; empty when there is none. */
  public static Optional<DateRange> when(String value, LocalDate today) throws QuerySyntaxException {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(DateRange.parse(value, today).orElseThrow(() -> new QuerySyntaxException(
        "--when expects a date or period such as 2023-08, August 2023, 2023年8月, last week or 上周; got '" + value + "'", 0)));
  }
}
