package dev.mnemo.search;

import dev.mnemo.index.Analyzers;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Picks the part of a chunk that best shows why it matched, and marks the matched terms with
 * {@code **…**}. Terms are found by analysing the text exactly as the index did, so a search for
 * "running" marks "run", and a Chinese phrase marks its characters wherever they occur.
 */
public final class Snippets {
  private Snippets() {}

  public static final String MARK = "**";

  /** A snippet of at most about {@code width} characters (CJK characters count double). */
  public static String of(String text, Set<String> wordTerms, Set<String> gramTerms, int width) {
    List<int[]> marks = marks(text, wordTerms, gramTerms);
    int start = 0;
    int end = text.length();
    if (displayWidth(text, 0, text.length()) > width) {
      int anchor = marks.isEmpty() ? 0 : bestAnchor(text, marks, width);
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

  /** Character ranges of matched terms, merged where they touch. */
  static List<int[]> marks(String text, Set<String> wordTerms, Set<String> gramTerms) {
    List<int[]> raw = new ArrayList<>();
    if (!wordTerms.isEmpty()) {
      for (KeywordQuery.Token t : KeywordQuery.analyze(Analyzers.words(), text)) {
        if (wordTerms.contains(t.term()) && t.end() > t.start()) {
          raw.add(new int[] {t.start(), t.end()});
        }
      }
    }
    if (!gramTerms.isEmpty()) {
      for (KeywordQuery.Token t : KeywordQuery.analyze(Analyzers.grams(), text)) {
        if (gramTerms.contains(t.term()) && t.end() > t.start()) {
          raw.add(new int[] {t.start(), t.end()});
        }
      }
    }
    raw.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(b[1], a[1]));
    List<int[]> merged = new ArrayList<>();
    for (int[] r : raw) {
      if (!merged.isEmpty() && r[0] <= merged.get(merged.size() - 1)[1]) {
        int[] last = merged.get(merged.size() - 1);
        last[1] = Math.max(last[1], r[1]);
      } else {
        merged.add(new int[] {r[0], r[1]});
      }
    }
    return merged;
  }

  /** The start of the window holding the most distinct marked strings. */
  private static int bestAnchor(String text, List<int[]> marks, int width) {
    String[] marked = new String[marks.size()];
    for (int i = 0; i < marked.length; i++) {
      marked[i] = text.substring(marks.get(i)[0], marks.get(i)[1]).toLowerCase(java.util.Locale.ROOT);
    }
    int best = marks.get(0)[0];
    int bestScore = -1;
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < marks.size(); i++) {
      int windowEnd = forwardByWidth(text, marks.get(i)[0], width * 3 / 4);
      seen.clear();
      for (int j = i; j < marks.size() && marks.get(j)[1] <= windowEnd; j++) {
        seen.add(marked[j]);
      }
      if (seen.size() > bestScore) {
        bestScore = seen.size();
        best = marks.get(i)[0];
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
