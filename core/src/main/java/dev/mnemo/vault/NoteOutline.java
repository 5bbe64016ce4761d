package dev.mnemo.vault;

import java.util.ArrayList;
import java.util.List;

/**
 * A note's structure as plain lines, one fact per line: what the golden parser tests compare and
 * what {@code mnemo inspect} prints. Each line starts with its kind ({@code entry:}, {@code link:}...).
 */
public final class NoteOutline {
  private NoteOutline() {}

  public static List<String> of(Note note) {
    List<String> out = new ArrayList<>();
    out.add("title: " + note.title());
    if (note.date() != null) {
      out.add("date: " + note.date());
    }
    for (String a : note.aliases()) {
      out.add("alias: " + a);
    }
    for (String t : note.tags()) {
      out.add("tag: " + t);
    }
    for (Heading h : note.headings()) {
      out.add("heading: h" + h.level() + " L" + h.line() + " " + quote(h.text()));
    }
    for (Entry e : note.entries()) {
      out.add("entry: " + e.date() + " L" + e.startLine() + "-" + e.endLine() + " level=" + e.level() + " " + quote(e.title()));
    }
    for (Link l : note.links()) {
      StringBuilder sb = new StringBuilder("link: ").append(l.kind().name().toLowerCase()).append(" L").append(l.line())
          .append(' ').append(quote(l.target()));
      if (l.subpath() != null) {
        sb.append(" #").append(quote(l.subpath()));
      }
      if (l.display() != null) {
        sb.append(" |").append(quote(l.display()));
      }
      out.add(sb.toString());
    }
    for (Task t : note.tasks()) {
      out.add("task: [" + (t.done() ? "x" : " ") + "] L" + t.line() + " " + quote(t.text()));
    }
    for (Chunk c : note.chunks()) {
      out.add("chunk: L" + c.startLine() + "-" + c.endLine() + " date=" + c.date() + " heading=" + quote(c.heading()));
    }
    for (String w : note.warnings()) {
      out.add("warning: " + w);
    }
    return out;
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
