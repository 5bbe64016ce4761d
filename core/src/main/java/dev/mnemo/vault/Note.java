package dev.mnemo.vault;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A parsed note: what mnemo understands of one file.
 *
 * @param path vault-relative path, {@code /}-separated
 * @param title front matter {@code title}, else the first H1, else the file name
 * @param aliases front matter {@code aliases}
 * @param tags tags from front matter and body, without {@code #}, in order of first appearance
 * @param date the note's own date (front matter {@code date}/{@code created}, else the file name), or null
 * @param properties front matter as parsed YAML
 * @param headings every heading, in order
 * @param links every link, in order
 * @param tasks every task, in order
 * @param entries dated entries, in order
 * @param chunks the note cut into chunks, in order, covering every non-blank body line
 * @param lineCount number of lines in the file
 * @param warnings problems that did not stop parsing (for example front matter that is not YAML)
 */
public record Note(
    String path,
    String title,
    List<String> aliases,
    List<String> tags,
    LocalDate date,
    Map<String, Object> properties,
    List<Heading> headings,
    List<Link> links,
    List<Task> tasks,
    List<Entry> entries,
    List<Chunk> chunks,
    int lineCount,
    List<String> warnings) {

  /** The file name without directory and extension. */
  public String name() {
    return Paths.stem(path);
  }
}
