package dev.mnemo.search;

import java.util.List;

/**
 * One search result: a chunk of a note, cited by file and lines. The JSON shape of this record is a
 * contract shared by {@code mnemo search --json}, the HTTP API and MCP: fields may be added, never
 * renamed or removed.
 *
 * @param path vault-relative path of the note
 * @param startLine first line of the chunk, 1-based
 * @param endLine last line of the chunk, inclusive
 * @param title the note's title
 * @param heading the headings above the chunk, joined by " > "
 * @param date the chunk's date (its entry's, else the note's) as ISO yyyy-mm-dd, or null
 * @param score the ranking score (higher is better; comparable within one result list only)
 * @param snippet the best part of the chunk with matched terms marked {@code **like this**}
 * @param text the whole chunk
 * @param matched how it was found: "keyword", "semantic", or both
 */
public record Hit(String path, int startLine, int endLine, String title, String heading, String date, double score,
    String snippet, String text, List<String> matched) {

  public String location() {
    return path + ":" + startLine + "-" + endLine;
  }
}
