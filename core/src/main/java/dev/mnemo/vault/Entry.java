package dev.mnemo.vault;

import java.time.LocalDate;
import java.util.List;

/**
 * A dated entry of a journal: a heading, list item or paragraph that opens with a date, running to
 * the next entry of the same or a higher level; or a whole note dated by its file name or front matter.
 *
 * @param date the entry's date
 * @param title what the entry is about, without the date (may be empty)
 * @param startLine first line, 1-based
 * @param endLine last line, inclusive
 * @param level 0 for a whole note, 1 to 6 for a heading, 7 and deeper for paragraphs and list items
 * @param headingPath the headings above the entry
 */
public record Entry(LocalDate date, String title, int startLine, int endLine, int level, List<String> headingPath) {
  public Entry {
    headingPath = List.copyOf(headingPath);
  }

  public boolean contains(int line) {
    return line >= startLine && line <= endLine;
  }
}
