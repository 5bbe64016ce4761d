package dev.mnemo.search;

import dev.mnemo.index.IndexSchema;
import dev.mnemo.index.NoteIndex;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;

/** Keyword search over an index: BM25 over words and CJK bigrams, grouped so no note fills the page. */
public final class Searcher {
  /** How many results, and how many of them may come from one note. */
  public record Options(int limit, int perNote) {
    public Options {
      if (limit < 1 || limit > 1000) {
        throw new IllegalArgumentException("limit must be between 1 and 1000, got " + limit);
      }
      if (perNote < 1) {
        throw new IllegalArgumentException("perNote must be at least 1, got " + perNote);
      }
    }

    public static Options top(int limit) {
      return new Options(limit, 2);
    }
  }

  /** A result list. */
  public record Results(String query, List<Hit> hits, long matches, long millis) {}

  /** A chunk found by a ranking, before it becomes a {@link Hit}. */
  public record Ranked(int doc, double score) {}

  private final KeywordQuery.Weights weights;

  public Searcher() {
    this(KeywordQuery.Weights.DEFAULT);
  }

  public Searcher(KeywordQuery.Weights weights) {
    this.weights = weights;
  }

  public Results search(NoteIndex index, SearchQuery query, Options options) throws IOException {
    long t0 = System.nanoTime();
    KeywordQuery.Built built = KeywordQuery.build(query, weights);
    IndexSearcher searcher = index.acquire();
    try {
      int fetch = Math.min(2000, Math.max(100, options.limit() * 10));
      TopDocs top;
      if (query.hasText()) {
        top = searcher.search(built.query(), fetch);
      } else {
        // Only filters: newest first.
        top = searcher.search(built.query(), fetch, new Sort(new SortField(IndexSchema.DATE, SortField.Type.INT, true),
            new SortField(IndexSchema.PATH, SortField.Type.STRING)));
      }
      List<Ranked> ranked = new ArrayList<>();
      for (ScoreDoc sd : top.scoreDocs) {
        ranked.add(new Ranked(sd.doc, Float.isNaN(sd.score) ? 0 : sd.score));
      }
      List<Hit> hits = hits(searcher, group(searcher, ranked, options), built, List.of("keyword"));
      return new Results(query.raw(), hits, top.totalHits.value(), (System.nanoTime() - t0) / 1_000_000);
    } finally {
      index.release(searcher);
    }
  }

  /** The best {@code k} notes for a query, each by its best chunk: what evaluations measure. */
  public List<Ranked> rankNotes(NoteIndex index, SearchQuery query, int k, List<String> pathsOut) throws IOException {
    KeywordQuery.Built built = KeywordQuery.build(query, weights);
    IndexSearcher searcher = index.acquire();
    try {
      TopDocs top = searcher.search(built.query(), Math.max(k * 5, 200));
      List<Ranked> ranked = new ArrayList<>();
      for (ScoreDoc sd : top.scoreDocs) {
        ranked.add(new Ranked(sd.doc, sd.score));
      }
      List<Ranked> best = group(searcher, ranked, new Options(Math.min(k, 1000), 1));
      StoredFields stored = searcher.storedFields();
      for (Ranked r : best) {
        pathsOut.add(stored.document(r.doc(), java.util.Set.of(IndexSchema.PATH)).get(IndexSchema.PATH));
      }
      return best;
    } finally {
      index.release(searcher);
    }
  }

  /** Keeps at most {@code perNote} chunks of each note, each note's chunks together, best note first. */
  public static List<Ranked> group(IndexSearcher searcher, List<Ranked> ranked, Options options) throws IOException {
    StoredFields stored = searcher.storedFields();
    Map<String, List<Ranked>> byNote = new LinkedHashMap<>();
    int accepted = 0;
    for (Ranked r : ranked) {
      String path = stored.document(r.doc(), java.util.Set.of(IndexSchema.PATH)).get(IndexSchema.PATH);
      List<Ranked> list = byNote.computeIfAbsent(path, k -> new ArrayList<>());
      if (list.size() < options.perNote()) {
        list.add(r);
        if (++accepted >= options.limit()) {
          break;
        }
      }
    }
    List<Ranked> out = new ArrayList<>();
    byNote.values().forEach(out::addAll);
    return out;
  }

  static List<Hit> hits(IndexSearcher searcher, List<Ranked> ranked, KeywordQuery.Built built, List<String> matched)
      throws IOException {
    StoredFields stored = searcher.storedFields();
    List<Hit> hits = new ArrayList<>(ranked.size());
    for (Ranked r : ranked) {
      hits.add(hit(stored.document(r.doc()), r.score(), built, matched));
    }
    return hits;
  }

  static Hit hit(Document d, double score, KeywordQuery.Built built, List<String> matched) {
    String text = d.get(IndexSchema.TEXT);
    IndexableField date = d.getField(IndexSchema.DATE);
    String iso = date == null ? null : LocalDate.ofEpochDay(date.numericValue().intValue()).toString();
    String snippet = Snippets.of(text, built.wordTerms(), built.gramTerms(), 220);
    return new Hit(d.get(IndexSchema.PATH), d.getField(IndexSchema.START).numericValue().intValue(),
        d.getField(IndexSchema.END).numericValue().intValue(), d.get(IndexSchema.TITLE), d.get(IndexSchema.HEADING),
        iso, Math.round(score * 10000) / 10000.0, snippet, text, matched);
  }
}
