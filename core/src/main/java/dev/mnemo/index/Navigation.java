package dev.mnemo.index;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much of a chunk is navigation rather than writing: the share of its visible characters that
 * sit inside links. A table of contents (a README listing every note, an Obsidian map of content)
 * holds the words of each title it lists, so it matches a search for a note about as well as the
 * note does; the note is what the person is looking for. Stored per chunk at index time ({@link
 * IndexSchema#NAV}), applied as a discount at search time.
 */
public final class Navigation {
  private Navigation() {}

  /** Markdown links and images, wikilinks and embeds, bare web addresses. */
  private static final Pattern LINK = Pattern.compile(
      "!?\\[\\[[^\\]\\n]+]]|!?\\[[^\\]\\n]*]\\([^)\\n]*\\)|\\bhttps?://\\S+");

  /** Below this share of link characters a chunk is writing, and keeps its whole score. */
  static final double FREE_SHARE = 0.4;
  /** What a chunk that is nothing but links keeps of its score. */
  static final double FLOOR = 0.5;

  /** The share of non-blank characters inside links, in thousandths. */
  public static int permille(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    int total = visible(text, 0, text.length());
    if (total == 0) {
      return 0;
    }
    int inLinks = 0;
    Matcher m = LINK.matcher(text);
    while (m.find()) {
      inLinks += visible(text, m.start(), m.end());
    }
    return (int) Math.round(1000.0 * inLinks / total);
  }

  /** The factor a score is multiplied by: 1 for writing, down to {@link #FLOOR} for a list of links. */
  public static double factor(int permille) {
    double share = permille / 1000.0;
    if (share <= FREE_SHARE) {
      return 1.0;
    }
    return 1.0 - (1.0 - FLOOR) * Math.min(1.0, (share - FREE_SHARE) / (1.0 - FREE_SHARE));
  }

  private static int visible(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!Character.isWhitespace(c) && c != '-' && c != '*' && c != '+') {
        n++;
      }
    }
    return n;
  }
}
