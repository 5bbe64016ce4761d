package dev.mnemo.vault;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cuts a note into chunks of bounded size that together hold every non-blank line of the body.
 *
 * <p>A heading or an entry always starts a new chunk. Inside a section, lines are packed until the
 * budget is reached, cutting preferably at a blank line or a top-level block. A single line over
 * budget is cut at sentence ends, then at spaces, then anywhere; no text is ever dropped (only lines without a letter or digit, such as a lone {@code ---}), and each
 * piece keeps its line number. Size is measured in estimated model tokens: one per CJK character or
 * punctuation mark, one per four or five letters of other scripts.
 */
public final class Chunker {
  /** About 300 model tokens: fits a 512-token encoder with room for a title. */
  public static final Chunker DEFAULT = new Chunker(300);

  private final int budget;
  private final int minimum;

  public Chunker(int budget) {
    if (budget < 16) {
      throw new IllegalArgumentException("chunk budget must be at least 16 tokens, got " + budget);
    }
    this.budget = budget;
    this.minimum = budget / 3;
  }

  public int budget() {
    return budget;
  }

  List<Chunk> chunk(SourceText src, int bodyStart, List<Heading> headings, List<Entry> entries,
      Set<Integer> blockStarts, LocalDate noteDate) {
    int lines = src.lineCount();
    if (bodyStart > lines) {
      return List.of();
    }
    TreeSet<Integer> breaks = new TreeSet<>();
    for (Heading h : headings) {
      breaks.add(h.line());
    }
    for (Entry e : entries) {
      if (e.level() > 0) {
        breaks.add(e.startLine());
      }
    }
    List<int[]> segments = new ArrayList<>();
    int segStart = bodyStart;
    for (int b : breaks) {
      if (b > segStart && b <= lines) {
        segments.add(new int[] {segStart, b - 1});
        segStart = b;
      }
    }
    segments.add(new int[] {segStart, lines});

    HeadingIndex index = new HeadingIndex(headings);
    Set<Integer> entryStarts = new java.util.HashSet<>();
    for (Entry e : entries) {
      if (e.level() > 0) {
        entryStarts.add(e.startLine());
      }
    }
    Builder out = new Builder(src, index, entries, noteDate);
    int pendingHeading = -1;
    for (int[] seg : segments) {
      int from = seg[0];
      int to = seg[1];
      while (from <= to && src.isBlank(from)) {
        from++;
      }
      while (to >= from && src.isBlank(to)) {
        to--;
      }
      if (from > to) {
        continue;
      }
      // A section holding only its heading joins the next one, so "## A" then "### B" make one chunk.
      if (from == to && index.isHeading(from) && !entryStarts.contains(from)) {
        if (pendingHeading < 0) {
          pendingHeading = from;
        }
        continue;
      }
      out.anchor = from;
      if (pendingHeading > 0) {
        from = pendingHeading;
        pendingHeading = -1;
      }
      pack(src, from, to, blockStarts, out);
    }
    if (pendingHeading > 0) {
      out.anchor = pendingHeading;
      out.emitLines(pendingHeading, src.lineCount());
    }
    return List.copyOf(out.chunks);
  }

  private void pack(SourceText src, int from, int to, Set<Integer> blockStarts, Builder out) {
    int start = from;
    int size = 0;
    for (int n = from; n <= to; n++) {
      String line = src.line(n);
      int cost = estimate(line) + 1;
      if (cost > budget) {
        if (n > start) {
          out.emitLines(start, n - 1);
        }
        splitLine(line, n, out);
        start = n + 1;
        size = 0;
        continue;
      }
      if (size + cost > budget && n > start) {
        int cut = bestCut(src, start, n, blockStarts);
        out.emitLines(start, cut - 1);
        size = 0;
        for (int k = cut; k < n; k++) {
          size += estimate(src.line(k)) + 1;
        }
        start = cut;
        if (size + cost > budget && n > start) {
          out.emitLines(start, n - 1);
          start = n;
          size = 0;
        }
      }
      size += cost;
    }
    if (start <= to) {
      out.emitLines(start, to);
    }
  }

  /** The line to start the next chunk at: the last blank line or top-level block start far enough in. */
  private int bestCut(SourceText src, int start, int next, Set<Integer> blockStarts) {
    int size = 0;
    int best = -1;
    for (int k = start; k < next; k++) {
      if (k > start && size >= minimum && (src.isBlank(k) || blockStarts.contains(k))) {
        best = k;
      }
      size += estimate(src.line(k)) + 1;
    }
    return best > start ? best : next;
  }

  private void splitLine(String line, int n, Builder out) {
    int pos = 0;
    int len = line.length();
    while (pos < len) {
      int size = 0;
      int i = pos;
      int lastSentence = -1;
      int lastSpace = -1;
      while (i < len) {
        int cp = line.codePointAt(i);
        int w = Character.charCount(cp);
        size += cost(cp);
        if (size > budget * 4) {
          break; // cost() counts quarter tokens
        }
        i += w;
        if (isSentenceEnd(cp)) {
          lastSentence = i;
        } else if (Character.isWhitespace(cp)) {
          lastSpace = i;
        }
      }
      int end = i;
      if (i < len) {
        int floor = pos + (i - pos) / 2;
        if (lastSentence > floor) {
          end = lastSentence;
        } else if (lastSpace > floor) {
          end = lastSpace;
        }
      }
      if (end <= pos) {
        end = Math.min(len, pos + Character.charCount(line.codePointAt(pos)));
      }
      String piece = line.substring(pos, end);
      if (!piece.isBlank()) {
        out.emit(n, n, piece);
      }
      pos = end;
    }
  }

  /** Estimated model tokens of a line. */
  public static int estimate(String s) {
    int quarters = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      quarters += cost(cp);
      i += Character.charCount(cp);
    }
    return (quarters + 3) / 4;
  }

  /** Cost of one code point in quarter tokens. */
  private static int cost(int cp) {
    if (Character.isWhitespace(cp)) {
      return 0;
    }
    if (Character.isIdeographic(cp) || isCjkOrWide(cp)) {
      return 4;
    }
    if (Character.isLetterOrDigit(cp)) {
      return 1;
    }
    return 4; // punctuation and symbols are tokens of their own
  }

  private static boolean isCjkOrWide(int cp) {
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
        || Character.getType(cp) == Character.SURROGATE || cp > 0xFFFF;
  }

  private static boolean isSentenceEnd(int cp) {
    return cp == '.' || cp == '!' || cp == '?' || cp == '。' || cp == '！' || cp == '？' || cp == ';' || cp == '；' || cp == '\n';
  }

  /** Collects chunks and gives each its heading path, entry and date; chunks arrive in line order. */
  private static final class Builder {
    final SourceText src;
    final HeadingIndex headings;
    final List<Entry> entries;
    final LocalDate noteDate;
    final List<Chunk> chunks = new ArrayList<>();
    /** Entries starting at or before the last chunk's first line, and those of them still open. */
    int started;
    /** The first line of the current section after any heading-only sections merged into it. */
    int anchor;
    final java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();

    Builder(SourceText src, HeadingIndex headings, List<Entry> entries, LocalDate noteDate) {
      this.src = src;
      this.headings = headings;
      this.entries = entries;
      this.noteDate = noteDate;
    }

    void emitLines(int from, int to) {
      while (from <= to && src.isBlank(from)) {
        from++;
      }
      while (to >= from && src.isBlank(to)) {
        to--;
      }
      if (from <= to) {
        emit(from, to, src.lines(from, to));
      }
    }

    void emit(int firstLine, int to, String text) {
      if (text.codePoints().noneMatch(Character::isLetterOrDigit)) {
        return; // a thematic break or a lone fence is not content
      }
      // Headings merged in from above do not decide the chunk's place: its first own line does.
      int from = Math.max(firstLine, anchor);
      while (started < entries.size() && entries.get(started).startLine() <= from) {
        open.push(started++);
      }
      // Entries that ended above this line can hold no later chunk; the innermost open one is on top.
      while (!open.isEmpty() && entries.get(open.peek()).endLine() < from) {
        open.pop();
      }
      int entry = open.isEmpty() ? -1 : open.peek();
      LocalDate date = entry >= 0 ? entries.get(entry).date() : noteDate;
      chunks.add(new Chunk(chunks.size(), firstLine, to, headings.pathAt(from, true), date, text, entry));
    }
  }
}
