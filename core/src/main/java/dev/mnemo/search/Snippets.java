package dev.mnemo.search;

import dev.mnemo.index.Analyzers;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Picks the part of a chunk that best shows why it matched, and marks the matched terms with
 * {@code **…**}. Terms are found by analysing the text exactly as the index did, so a search for
 * "running" marks "run", and a Chinese phrase marks its characters wherever they occur.
 */
public final class Snippets {
  private Snippets() {}

  public static final String MARK = "**";

  /** A snippet of at most about {@code width} characters (CJK characters count double), every matched term weighing the same. */
  public static String of(String text, Set<String> wordTerms, Set<String> gramTerms, int width) {
    return of(text, wordTerms, gramTerms, term -> 1.0, width);
  }

  /**
   * A snippet of at most about {@code width} characters (CJK characters count double), around the
   * passage whose distinct matched terms weigh most. A term is marked only if it weighs at least half
   * as much as the heaviest term the chunk holds: in "what did I plan for the week", "plan" and "week"
   * are marked and "I" and "did", in nearly every journal entry, are not (unless nothing else matched).
   */
  public static String of(String text, Set<String> wordTerms, Set<String> gramTerms, ToDoubleFunction<String> weight,
      int width) {
    List<Mark> all = marks(text, wordTerms, gramTerms, weight);
    double heaviest = all.stream().mapToDouble(Mark::weight).max().orElse(0);
    List<int[]> marks = new ArrayList<>();
    for (Mark m : all) {
      if (m.weight() >= heaviest * SHOWN_SHARE) {
        marks.add(new int[] {m.start(), m.end()});
      }
    }
    int start = 0;
    int end = text.length();
    if (displayWidth(text, 0, text.length()) > width) {
      int anchor = all.isEmpty() ? 0 : bestAnchor(text, all, width);
      start = backToBoundary(text, anchor, width / 4);
      end = forwardByWidth(text, start, width);
    }
    StringBuilder sb = new StringBuilder();
    if (start > 0) {
      sb.append('…');
    }
    int m = 0;
    boolean lastSpace = false;
    for (int i = start; i < end; i++) {
      while (m < marks.size() && marks.get(m)[1] <= i) {
        m++;
      }
      boolean marked = m < marks.size() && marks.get(m)[0] <= i;
      if (m < marks.size() && (marks.get(m)[0] == i || (i == start && marked))) {
        sb.append(MARK);
      }
      char c = text.charAt(i);
      // Literal emphasis markers would be confused with ours.
      if (!marked && (c == '*' || c == '_') && i + 1 < end && text.charAt(i + 1) == c) {
        i++;
        continue;
      }
      if (Character.isWhitespace(c)) {
        if (!lastSpace) {
          sb.append(' ');
        }
        lastSpace = true;
      } else {
        sb.append(c);
        lastSpace = false;
      }
      if (m < marks.size() && marked && (marks.get(m)[1] == i + 1 || i + 1 == end)) {
        sb.append(MARK);
      }
    }
    if (end < text.length()) {
      sb.append('…');
    }
    return sb.toString().strip();
  }

  /** What part of the heaviest matched term's weight a term needs to be marked. */
  static final double SHOWN_SHARE = 0.5;

  /** A matched stretch of text and what it weighs (its heaviest term's weight, where terms touch). */
  record Mark(int start, int end, double weight) {}

  /** Character ranges of matched terms with their weights, merged where they touch. */
  static List<Mark> marks(String text, Set<String> wordTerms, Set<String> gramTerms, ToDoubleFunction<String> weight) {
    List<Mark> raw = new ArrayList<>();
    if (!wordTerms.isEmpty()) {
      for (KeywordQuery.Token t : KeywordQuery.analyze(Analyzers.words(), text)) {
        if (wordTerms.contains(t.term()) && t.end() > t.start()) {
          raw.add(new Mark(t.start(), t.end(), weight.applyAsDouble(t.term())));
        }
      }
    }
    if (!gramTerms.isEmpty()) {
      for (KeywordQuery.Token t : KeywordQuery.analyze(Analyzers.grams(), text)) {
        if (gramTerms.contains(t.term()) && t.end() > t.start()) {
          raw.add(new Mark(t.start(), t.end(), weight.applyAsDouble(t.term())));
        }
      }
    }
    raw.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(b.end(), a.end()));
    List<Mark> merged = new ArrayList<>();
    for (Mark r : raw) {
      Mark last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && r.start() <= last.end()) {
        merged.set(merged.size() - 1, new Mark(last.start(), Math.max(last.end(), r.end()), Math.max(last.weight(), r.weight())));
      } else {
        merged.add(r);
      }
    }
    return merged;
  }

  /** The start of the window whose distinct marked strings weigh most. */
  private static int bestAnchor(String text, List<Mark> marks, int width) {
    String[] marked = new String[marks.size()];
    for (int i = 0; i < marked.length; i++) {
      marked[i] = text.substring(marks.get(i).start(), marks.get(i).end()).toLowerCase(java.util.Locale.ROOT);
    }
    int best = marks.get(0).start();
    double bestScore = -1;
    java.util.Map<String, Double> seen = new java.util.HashMap<>();
    for (int i = 0; i < marks.size(); i++) {
      int windowEnd = forwardByWidth(text, marks.get(i).start(), width * 3 / 4);
      seen.clear();
      for (int j = i; j < marks.size() && marks.get(j).end() <= windowEnd; j++) {
        seen.put(marked[j], marks.get(j).weight());
      }
      double score = seen.values().stream().mapToDouble(Double::doubleValue).sum();
      if (score > bestScore) {
        bestScore = score;
        best = marks.get(i).start();
      }
    }
    return best;
  }

  private static int backToBoundary(String text, int anchor, int maxBack) {
    int limit = Math.max(0, anchor - maxBack);
    for (int i = anchor; i > limit; i--) {
      char c = text.charAt(i - 1);
      if (c == '\n' || c == '。' || c == '！' || c == '？' || ((c == '.' || c == '!' || c == '?') && i < text.length()
          && Character.isWhitespace(text.charAt(i)))) {
        return i;
      }
    }
    for (int i = limit; i < anchor; i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i + 1;
      }
    }
    return Character.isLowSurrogate(text.charAt(limit)) && limit > 0 ? limit - 1 : limit;
  }

  private static int forwardByWidth(String text, int from, int width) {
    int w = 0;
    int i = from;
    while (i < text.length() && w < width) {
      int cp = text.codePointAt(i);
      w += KeywordQuery.isCjk(cp) || cp > 0xFFFF ? 2 : 1;
      i += Character.charCount(cp);
    }
    if (i < text.length()) {
      // End at a word boundary when one is near.
      for (int j = i; j > from + (i - from) * 3 / 4; j--) {
        if (Character.isWhitespace(text.charAt(j - 1))) {
          return j - 1;
        }
      }
    }
    return i;
  }

  static int displayWidth(String text, int from, int to) {
    int w = 0;
    for (int i = from; i < to; ) {
      int cp = text.codePointAt(i);
      w += KeywordQuery.isCjk(cp) || cp > 0xFFFF ? 2 : 1;
      i += Character.charCount(cp);
    }
    return w;
  }
}
