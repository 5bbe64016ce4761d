package dev.mnemo.vault;

import java.time.LocalDate;
import java.util.List;

/**
 * A piece of a note small enough to index and embed, never cut off: its exact 1-based line span,
 * the headings above it, its date (from its entry, else from the note), and its text.
 *
 * @param ordinal position among the note's chunks, from 0
 * @param startLine first line, 1-based
 * @param endLine last line, inclusive (equal to startLine for pieces of one long line)
 * @param headingPath the headings above the chunk, outermost first
 * @param date the date of the entry it belongs to, else the note's date, else null
 * @param text the chunk's text: whole lines, or a piece of one line too long to keep whole
 * @param entry index of the entry it belongs to in {@link Note#entries()}, or -1
 */
public record Chunk(int ordinal, int startLine, int endLine, List<String> headingPath, LocalDate date, String text, int entry) {
  public Chunk {
    headingPath = List.copyOf(headingPath);
  }

  public String heading() {
    return String.join(" > ", headingPath);
  }
}
