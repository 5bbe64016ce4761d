package dev.mnemo.journal;

import dev.mnemo.index.IndexSchema;
import dev.mnemo.index.NoteIndex;
import dev.mnemo.search.KeywordQuery;
import dev.mnemo.search.SearchQuery;
import dev.mnemo.vault.Note;
import dev.mnemo.vault.SourceText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;

/**
 * Unlinked mentions: lines in other notes that name a note's title or an alias without linking to
 * it. Candidates come from the index (the name as a phrase, which finds Chinese names inside
 * unspaced text too), then each line is checked in the file itself.
 */
public final class Mentions {
  /** A line naming the note. */
  public record Mention(String path, int line, String text, String name) {}

  private Mentions() {}

  public static List<Mention> unlinked(NoteIndex index, LinkGraph graph, Journal.Texts texts, String path, int limit)
      throws IOException {
    Note note = graph.note(path).orElseThrow(() -> new IllegalArgumentException("no such note: " + path));
    Set<String> names = new LinkedHashSet<>();
    names.add(note.title());
    names.add(dev.mnemo.vault.Paths.stem(path));
    names.addAll(note.aliases());
    List<Mention> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    IndexSearcher s = index.acquire();
    try {
      for (String name : names) {
        String n = name.strip();
        boolean cjk = n.codePoints().anyMatch(KeywordQuery::isCjk);
        if (n.codePointCount(0, n.length()) < (cjk ? 2 : 3) || n.contains("\"")) {
          continue;
        }
        SearchQuery q;
        try {
          q = SearchQuery.parse("\"" + n + "\"", java.time.LocalDate.now());
        } catch (dev.mnemo.search.QuerySyntaxException e) {
          continue;
        }
        KeywordQuery.Built built = KeywordQuery.build(q, KeywordQuery.Weights.DEFAULT);
        for (ScoreDoc sd : s.search(built.query(), 500).scoreDocs) {
          Document d = s.storedFields().document(sd.doc, Set.of(IndexSchema.PATH, IndexSchema.START, IndexSchema.END));
          String other = d.get(IndexSchema.PATH);
          if (other.equals(path) || linksTo(graph, other, path)) {
            continue;
          }
          SourceText text = texts.text(other);
          if (text == null) {
            continue;
          }
          int a = d.getField(IndexSchema.START).numericValue().intValue();
          int b = Math.min(text.lineCount(), d.getField(IndexSchema.END).numericValue().intValue());
          for (int line = a; line <= b; line++) {
            String l = text.line(line);
            if (mentions(l, n) && seen.add(other + ":" + line)) {
              out.add(new Mention(other, line, l.strip(), n));
              if (out.size() >= limit) {
                return out;
              }
            }
          }
        }
      }
    } finally {
      index.release(s);
    }
    return out;
  }

  private static boolean linksTo(LinkGraph graph, String from, String to) {
    return graph.outgoing(from).stream().anyMatch(e -> to.equals(e.to()));
  }

  /** Whether a line names {@code name} outside a link, on word boundaries for Latin names. */
  static boolean mentions(String line, String name) {
    String lower = line.replaceAll("!?\\[\\[[^\\]]*]]", " ").replaceAll("\\[[^\\]]*]\\([^)]*\\)", " ")
        .toLowerCase(Locale.ROOT);
    String n = name.toLowerCase(Locale.ROOT);
    int i = lower.indexOf(n);
    while (i >= 0) {
      boolean startOk = i == 0 || !Character.isLetterOrDigit(lower.charAt(i - 1)) || KeywordQuery.isCjk(n.codePointAt(0));
      int end = i + n.length();
      boolean endOk = end >= lower.length() || !Character.isLetterOrDigit(lower.charAt(end))
          || KeywordQuery.isCjk(n.codePointBefore(n.length()));
      if (startOk && endOk) {
        return true;
      }
      i = lower.indexOf(n, i + 1);
    }
    return false;
  }
}
