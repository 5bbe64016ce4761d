package dev.mnemo.search;

import dev.mnemo.index.IndexSchema;
import dev.mnemo.index.NoteIndex;
import dev.mnemo.journal.LinkGraph;
import dev.mnemo.semantic.Models;
import dev.mnemo.semantic.SemanticDocuments;
import dev.mnemo.semantic.VectorSpace;
import dev.mnemo.vault.Entry;
import dev.mnemo.vault.Note;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * Entries elsewhere in the vault closest in meaning to a note, or to the entry (or chunk) around one
 * of its lines: each chunk of the source looks for its nearest chunks in every vector space it has a
 * vector in; a found chunk keeps its best similarity; one per note, notes linked either way hidden.
 * An entry's relatives also include the other entries of its own note (one each, at most half the
 * list), since many people keep a whole journal in one file.
 */
public final class Related {
  /** What to find relatives of; {@code line} 0 for the whole note. */
  public record Source(String path, int line) {
    /** {@code path} or {@code path:line}. */
    public static Source parse(String s) {
      int colon = s.lastIndexOf(':');
      if (colon > 0 && colon < s.length() - 1 && s.substring(colon + 1).chars().allMatch(Character::isDigit)) {
        return new Source(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
      }
      return new Source(s, 0);
    }
  }

  /** The related entries, and what they were related to. */
  public record Result(String path, int startLine, int endLine, List<Hit> hits, int hiddenLinked) {}

  private Related() {}

  public static Result find(NoteIndex index, LinkGraph graph, Source source, int limit) throws IOException {
    Models models = Searcher.models(index);
    if (models == null) {
      throw new IllegalStateException("this index has no vectors: run 'mnemo index' without --keyword-only");
    }
    Note note = index.note(source.path());
    if (note == null) {
      throw new IllegalArgumentException("not in the index: " + source.path());
    }
    int from = 1;
    int to = Math.max(1, note.lineCount());
    if (source.line() > 0) {
      if (source.line() > note.lineCount()) {
        throw new IllegalArgumentException(source.path() + " has " + note.lineCount() + " lines, not " + source.line());
      }
      Entry entry = note.entries().stream().filter(e -> e.level() > 0 && e.contains(source.line()))
          .max(Comparator.comparingInt(Entry::level)).orElse(null);
      if (entry != null) {
        from = entry.startLine();
        to = entry.endLine();
      } else {
        from = source.line();
        to = source.line();
      }
    }
    IndexSearcher s = index.acquire();
    try {
      StoredFields stored = s.storedFields();
      Query own = new BooleanQuery.Builder()
          .add(new TermQuery(new Term(IndexSchema.PATH, note.path())), Occur.FILTER)
          .add(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_CHUNK)), Occur.FILTER).build();
      List<Integer> sourceDocs = new ArrayList<>();
      int spanStart = Integer.MAX_VALUE;
      int spanEnd = 0;
      for (ScoreDoc sd : s.search(own, 10_000).scoreDocs) {
        var d = stored.document(sd.doc, Set.of(IndexSchema.START, IndexSchema.END));
        int a = d.getField(IndexSchema.START).numericValue().intValue();
        int b = d.getField(IndexSchema.END).numericValue().intValue();
        if (b >= from && a <= to) {
          sourceDocs.add(sd.doc);
          spanStart = Math.min(spanStart, a);
          spanEnd = Math.max(spanEnd, b);
        }
      }
      Query others = new BooleanQuery.Builder()
          .add(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_CHUNK)), Occur.FILTER)
          .add(new TermQuery(new Term(IndexSchema.PATH, note.path())), Occur.MUST_NOT).build();
      // An entry's relatives include the other entries of its own note: a journal kept in one file.
      Query sameNote = source.line() > 0 ? own : null;
      Set<Integer> sourceSet = new java.util.HashSet<>(sourceDocs);
      Map<Integer, Double> best = new HashMap<>();
      int k = Math.max(50, limit * 5);
      for (int doc : sourceDocs) {
        for (VectorSpace space : models.spaces()) {
          float[] v = SemanticDocuments.vectorOf(s, space.field(), doc);
          if (v == null) {
            continue;
          }
          for (Query filter : sameNote == null ? List.of(others) : List.of(others, sameNote)) {
            for (ScoreDoc sd : s.search(new KnnFloatVectorQuery(space.field(), v, k, filter), k).scoreDocs) {
              if (!sourceSet.contains(sd.doc)) {
                best.merge(sd.doc, 2.0 * sd.score - 1.0, Math::max);
              }
            }
          }
        }
      }
      List<Searcher.Ranked> ranked = new ArrayList<>();
      Map<String, Boolean> linkedCache = new HashMap<>();
      for (Map.Entry<Integer, Double> e : best.entrySet()) {
        String path = stored.document(e.getKey(), Set.of(IndexSchema.PATH)).get(IndexSchema.PATH);
        if (!path.equals(note.path()) && linkedCache.computeIfAbsent(path, p -> graph.linked(note.path(), p))) {
          continue;
        }
        ranked.add(new Searcher.Ranked(e.getKey(), e.getValue(), List.of("semantic")));
      }
      ranked.sort(Comparator.comparingDouble(Searcher.Ranked::score).reversed().thenComparingInt(Searcher.Ranked::doc));
      List<Searcher.Ranked> grouped = onePerEntry(s, ranked, note.path(), limit);
      KeywordQuery.Built none = new KeywordQuery.Built(new org.apache.lucene.search.MatchNoDocsQuery(), Set.of(), Set.of());
      List<Hit> hits = Searcher.hits(s, grouped, none);
      // Every note found was looked up once above: the linked ones are the hidden ones.
      long hiddenNotes = linkedCache.values().stream().filter(Boolean::booleanValue).count();
      return new Result(note.path(), spanStart == Integer.MAX_VALUE ? from : spanStart, spanEnd == 0 ? to : spanEnd,
          hits, (int) hiddenNotes);
    } finally {
      index.release(s);
    }
  }

  /** A chunk with almost nothing to say (a year on its own line, a lone link) is no one's relative. */
  private static boolean tooShort(String text) {
    return text == null || text.codePoints().filter(Character::isLetter).limit(MIN_LETTERS).count() < MIN_LETTERS;
  }

  private static final int MIN_LETTERS = 8;

  /**
   * The best chunk of each other note, and of each other entry of the source's own note, which may
   * fill at most half the list: a long journal does not crowd out the rest of the vault.
   */
  private static List<Searcher.Ranked> onePerEntry(IndexSearcher s, List<Searcher.Ranked> ranked, String own, int limit)
      throws IOException {
    StoredFields stored = s.storedFields();
    Set<String> seen = new java.util.HashSet<>();
    int ownLeft = Math.max(1, limit / 2);
    List<Searcher.Ranked> out = new ArrayList<>();
    for (Searcher.Ranked r : ranked) {
      if (out.size() == limit) {
        break;
      }
      var d = stored.document(r.doc(), Set.of(IndexSchema.PATH, IndexSchema.ENTRY, IndexSchema.TEXT));
      String path = d.get(IndexSchema.PATH);
      boolean isOwn = path.equals(own);
      String key = isOwn ? path + "\u0000" + d.getField(IndexSchema.ENTRY).numericValue() : path;
      if (isOwn && ownLeft == 0 || tooShort(d.get(IndexSchema.TEXT)) || !seen.add(key)) {
        continue;
      }
      if (isOwn) {
        ownLeft--;
      }
      out.add(r);
    }
    return out;
  }
}
