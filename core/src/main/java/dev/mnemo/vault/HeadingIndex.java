package dev.mnemo.vault;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The headings of a note with each one's path precomputed, answering "which headings are above line n" in log time. */
final class HeadingIndex {
  private final List<Heading> headings;
  private final int[] lines;
  private final List<List<String>> paths;

  HeadingIndex(List<Heading> headings) {
    this.headings = headings;
    this.lines = new int[headings.size()];
    this.paths = new ArrayList<>(headings.size());
    int[] parent = new int[headings.size()];
    for (int i = 0; i < headings.size(); i++) {
      Heading h = headings.get(i);
      lines[i] = h.line();
      int p = i - 1;
      while (p >= 0 && headings.get(p).level() >= h.level()) {
        p = parent[p];
      }
      parent[i] = p;
      List<String> path = new ArrayList<>(p >= 0 ? paths.get(p) : List.of());
      path.add(h.text());
      paths.add(List.copyOf(path));
    }
  }

  /** Headings above line {@code n}, a heading on line {@code n} included when {@code inclusive}. */
  List<String> pathAt(int line, boolean inclusive) {
    int i = lastIndexAtOrBefore(inclusive ? line : line - 1);
    return i >= 0 ? paths.get(i) : List.of();
  }

  boolean isHeading(int line) {
    return Arrays.binarySearch(lines, line) >= 0;
  }

  /** Index of the first heading after {@code line}, or size() if none. */
  int firstAfter(int line) {
    return lastIndexAtOrBefore(line) + 1;
  }

  Heading get(int i) {
    return headings.get(i);
  }

  int size() {
    return headings.size();
  }

  private int lastIndexAtOrBefore(int line) {
    int lo = 0;
    int hi = lines.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (lines[mid] <= line) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}
