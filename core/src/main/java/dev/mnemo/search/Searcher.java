package dev.mnemo.search;

import dev.mnemo.encoder.Encoder;
import dev.mnemo.index.IndexSchema;
import dev.mnemo.index.NoteIndex;
import dev.mnemo.semantic.Bilingual;
import dev.mnemo.semantic.Encoders;
import dev.mnemo.semantic.Language;
import dev.mnemo.semantic.Models;
import dev.mnemo.semantic.VectorSpace;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;

/**
 * Search over an index by words (BM25 over words and CJK bigrams), by meaning (HNSW over the
 * encoder's vectors, the query embedded by the model of its language) or both fused, grouped so no
 * note fills the page.
 *
 * <p>Hybrid fusion is a convex combination of the two scores, each divided by the best of its list,
 * which measured better than reciprocal-rank fusion on the training splits (README, ranking). Exact
 * hits are protected: a chunk holding the whole query verbatim, or of a note whose title is the
 * query, ranks above every chunk that does not.
 */
public final class Searcher {
  /** How results are found. */
  public enum Mode {
    KEYWORD, SEMANTIC, HYBRID;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Mode parse(String s) {
      try {
        return valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown mode '" + s + "'; choose keyword, semantic or hybrid");
      }
    }
  }

  /** How many results, how many of them may come from one note, and how they are found. */
  public record Options(int limit, int perNote, Mode mode) {
    public Options {
      if (limit < 1 || limit > 1000) {
        throw new IllegalArgumentException("limit must be between 1 and 1000, got " + limit);
      }
      if (perNote < 1) {
        throw new IllegalArgumentException("perNote must be at least 1, got " + perNote);
      }
    }

    public Options(int limit, int perNote) {
      this(limit, perNote, Mode.HYBRID);
    }

    public static Options top(int limit) {
      return new Options(limit, 2);
    }
  }

  /**
   * One page of hits, and the mode that produced it (hybrid becomes keyword on an index without
   * vectors). {@code notice} says how the query was read where that is not plain to see
   * (words taken as a date filter, and whether they found nothing so the words were searched
   * instead); empty otherwise.
   */
  public record Results(String query, List<Hit> hits, long matches, long millis, String mode, String notice) {}

  /** A chunk found by a ranking, before it becomes a {@link Hit}. */
  public record Ranked(int doc, double score, List<String> matched) {
    public Ranked(int doc, double score) {
      this(doc, score, List.of("keyword"));
    }
  }

  /**
   * Weight of the keyword score in hybrid fusion (the rest goes to the vector score), and the
   * bonus that lifts exact hits above the rest. 0.4 was best on SciFact train (0.3: 0.7665, 0.4:
   * 0.7690, 0.5: 0.7659, 0.6: 0.7558); {@code -Dmnemo.fusion.keyword} overrides it for experiments.
   */
  public record Fusion(double keywordWeight, double keywordWeightZh, double exactBonus) {
    public static final Fusion DEFAULT = new Fusion(Double.parseDouble(System.getProperty("mnemo.fusion.keyword", "0.4")),
        Double.parseDouble(System.getProperty("mnemo.fusion.keyword.zh", "0.6")), 1.0);

    /**
     * The keyword weight for a query: Chinese questions have their own, tuned on CMRC trial and DRCD
     * dev (0.4: 0.9826 / 0.9335; 0.6: 0.9859 / 0.9612; 0.75: 0.9850 / 0.9626), where the Chinese
     * encoder is weaker than character-pair BM25, on Traditional Chinese most of all.
     */
    double keywordWeight(String query) {
      return Language.of(query) == Language.ZH ? keywordWeightZh : keywordWeight;
    }
  }

  private static final int DENSE_K = 100;

  private final KeywordQuery.Weights weights;
  private final Fusion fusion;
  private boolean crossLanguage = true;

  /** Without the bilingual dictionary: each query searched in its own language only (for measuring). */
  public Searcher monolingual() {
    crossLanguage = false;
    return this;
  }

  public Searcher() {
    this(KeywordQuery.Weights.DEFAULT, Fusion.DEFAULT);
  }

  public Searcher(KeywordQuery.Weights weights) {
    this(weights, Fusion.DEFAULT);
  }

  public Searcher(KeywordQuery.Weights weights, Fusion fusion) {
    this.weights = weights;
    this.fusion = fusion;
  }

  /** The encoder models an index holds vectors of, if any. */
  public static Models models(NoteIndex index) throws IOException {
    String name = index.commitData().getOrDefault(NoteIndex.USER_VECTORS, "");
    return name.isEmpty() ? null : Models.named(name).orElse(null);
  }

  /**
   * Searches; where words of the query were read as a date ("last 7 days") and nothing of that time
   * matches, the words are searched as words instead, and the results say so.
   */
  /** The mode a search with filters only reports: its hits are listed newest first, not ranked. */
  public static final String LISTING = "by date";

  public Results search(NoteIndex index, SearchQuery query, Options options) throws IOException {
    long t0 = System.nanoTime();
    SearchQuery asked = query.asksOnlyWhen() ? query.withoutWords() : query;
    Results dated = searchAsParsed(index, asked, options);
    if (query.dateWords().isEmpty()) {
      return dated;
    }
    String range = query.when().toString();
    if (!dated.hits().isEmpty()) {
      // Vectors always have nearest neighbours: say so when no entry of that time holds the words.
      boolean byMeaningOnly = asked.hasText() && dated.hits().stream().noneMatch(h -> h.matched().contains("keyword"));
      return new Results(dated.query(), dated.hits(), dated.matches(), dated.millis(), dated.mode(),
          "Dated " + range + ", read from \"" + query.dateWords() + "\" (put it in quotes to search for the words)"
              + (byMeaningOnly ? "; no entry of that time has the words, these are the nearest in meaning." : "."));
    }
    Results words = searchAsParsed(index, query.withoutDateWords(), options);
    String notice = "Nothing dated " + range + " (read from \"" + query.dateWords() + "\")"
        + (words.hits().isEmpty() ? "; nothing for the words either." : "; these hits are for the words instead.");
    return new Results(words.query(), words.hits(), words.matches(), (System.nanoTime() - t0) / 1_000_000, words.mode(),
        notice);
  }

  private Results searchAsParsed(NoteIndex index, SearchQuery query, Options options) throws IOException {
    long t0 = System.nanoTime();
    KeywordQuery.Built built = KeywordQuery.build(query, weights);
    IndexSearcher searcher = index.acquire();
    try {
      int fetch = Math.min(2000, Math.max(100, options.limit() * 10));
      Mode mode = effectiveMode(index, query, options.mode());
      List<Ranked> ranked;
      long matches;
      if (!query.hasText()) {
        // Only filters: newest first.
        TopDocs top = searcher.search(built.query(), fetch, new Sort(
            new SortField(IndexSchema.DATE, SortField.Type.INT, true), new SortField(IndexSchema.PATH, SortField.Type.STRING)));
        ranked = new ArrayList<>();
        Set<String> entries = new HashSet<>();
        StoredFields stored = searcher.storedFields();
        for (ScoreDoc sd : top.scoreDocs) {
          if (ranked.size() == options.limit()) {
            break;
          }
          // A listing of a time shows each entry once, by its first chunk, however long the entry.
          Document d = stored.document(sd.doc, Set.of(IndexSchema.PATH, IndexSchema.ENTRY));
          IndexableField entry = d.getField(IndexSchema.ENTRY);
          if (entry != null && entry.numericValue().intValue() >= 0
              && !entries.add(d.get(IndexSchema.PATH) + "\u0000" + entry.numericValue())) {
            continue;
          }
          ranked.add(new Ranked(sd.doc, 0, List.of()));
        }
        matches = top.totalHits.value();
      } else {
        ranked = rank(index, searcher, query, built, mode, fetch);
        matches = ranked.size();
      }
      // A listing (filters only) shows every entry of its time; a ranking keeps a few chunks per note.
      List<Ranked> shown = query.hasText() ? group(searcher, ranked, options) : ranked;
      List<Hit> hits = hits(searcher, shown, built);
      return new Results(query.raw(), hits, matches, (System.nanoTime() - t0) / 1_000_000,
          query.hasText() ? mode.label() : LISTING, "");
    } finally {
      index.release(searcher);
    }
  }

  /** The best {@code k} notes for a query, each by its best chunk: what evaluations measure. */
  public List<Ranked> rankNotes(NoteIndex index, SearchQuery query, Mode mode, int k, List<String> pathsOut)
      throws IOException {
    KeywordQuery.Built built = KeywordQuery.build(query, weights);
    IndexSearcher searcher = index.acquire();
    try {
      List<Ranked> ranked = rank(index, searcher, query, built, effectiveMode(index, query, mode), Math.max(k * 5, 200));
      List<Ranked> best = group(searcher, ranked, new Options(Math.min(k, 1000), 1));
      for (Ranked r : best) {
        pathsOut.add(path(searcher, r.doc()));
      }
      return best;
    } finally {
      index.release(searcher);
    }
  }

  private static Mode effectiveMode(NoteIndex index, SearchQuery query, Mode asked) throws IOException {
    if (asked == Mode.KEYWORD || !query.hasText()) {
      return Mode.KEYWORD;
    }
    if (models(index) == null) {
      if (asked == Mode.SEMANTIC) {
        throw new IllegalStateException("this index has no vectors: run 'mnemo index' without --keyword-only");
      }
      return Mode.KEYWORD;
    }
    return asked;
  }

  /**
   * Runs the keyword side of hybrid queries while the query is being embedded, and loads what a cold
   * process lacks (encoders, the dictionary) side by side.
   */
  private static final java.util.concurrent.ExecutorService SIDE = java.util.concurrent.Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "mnemo-search-side");
    t.setDaemon(true);
    return t;
  });

  /**
   * Chunks ranked by the mode, best first, every one within the query's constraints; the best ones
   * that are mostly links (a table of contents) discounted below the notes they list.
   */
  List<Ranked> rank(NoteIndex index, IndexSearcher searcher, SearchQuery query, KeywordQuery.Built built, Mode mode,
      int fetch) throws IOException {
    return discountNavigation(searcher, rankChunks(index, searcher, query, built, mode, fetch));
  }

  /** How many of the best chunks are checked for being navigation. */
  static final int NAVIGATION_CHECKS = 30;

  /**
   * Multiplies the scores of the best chunks by their {@link dev.mnemo.index.Navigation#factor}
   * (from a doc value stored at index time) and sorts them again; the rest keep their order, below.
   */
  static List<Ranked> discountNavigation(IndexSearcher searcher, List<Ranked> ranked) throws IOException {
    int checks = Math.min(NAVIGATION_CHECKS, ranked.size());
    List<Ranked> head = new ArrayList<>(ranked.subList(0, checks));
    boolean changed = false;
    List<org.apache.lucene.index.LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    for (int i = 0; i < checks; i++) {
      Ranked r = head.get(i);
      if (r.score() <= 0) {
        continue;
      }
      org.apache.lucene.index.LeafReaderContext leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(r.doc(), leaves));
      org.apache.lucene.index.NumericDocValues nav = leaf.reader().getNumericDocValues(IndexSchema.NAV);
      if (nav != null && nav.advanceExact(r.doc() - leaf.docBase)) {
        double factor = dev.mnemo.index.Navigation.factor((int) nav.longValue());
        if (factor < 1) {
          head.set(i, new Ranked(r.doc(), r.score() * factor, r.matched()));
          changed = true;
        }
      }
    }
    if (!changed) {
      return ranked;
    }
    head.sort(Comparator.comparingDouble(Ranked::score).reversed());
    List<Ranked> out = new ArrayList<>(head);
    out.addAll(ranked.subList(checks, ranked.size()));
    return out;
  }

  private List<Ranked> rankChunks(NoteIndex index, IndexSearcher searcher, SearchQuery query, KeywordQuery.Built built,
      Mode mode, int fetch) throws IOException {
    Map<Integer, Double> keyword = new LinkedHashMap<>();
    if (mode == Mode.KEYWORD) {
      List<Ranked> out = new ArrayList<>();
      for (ScoreDoc sd : keywordHits(searcher, query, built, fetch, false).hits()) {
        out.add(new Ranked(sd.doc, sd.score));
      }
      return out;
    }
    warm(index, searcher);
    java.util.concurrent.Future<KeywordSide> keywordSide = mode == Mode.HYBRID
        ? SIDE.submit(() -> keywordHits(searcher, query, built, fetch, true)) : null;
    int k = Math.max(DENSE_K, fetch / 2);
    // The query in the other language, when the dictionary has it: more candidates, at a discount. Its
    // embedding (by the other language's model, in a bilingual vault) runs on another core meanwhile.
    String other = crossLanguage ? Bilingual.get().translate(query.text(), c -> vaultFrequency(searcher, c)) : "";
    java.util.concurrent.Future<Map<Integer, Double>> translatedDense = other.isBlank() ? null
        : SIDE.submit(() -> dense(index, searcher, query, other, k, TRANSLATION_DISCOUNT));
    Map<Integer, Double> dense = dense(index, searcher, query, query.text(), k, 1.0);
    Map<Integer, String> exact = Map.of();
    if (keywordSide != null) {
      KeywordSide side = join(keywordSide);
      for (ScoreDoc sd : side.hits()) {
        keyword.put(sd.doc, (double) sd.score);
      }
      exact = side.exact();
    }
    if (translatedDense != null) {
      // Two models' cosines are on different scales, and a word-by-word rendering can land on a
      // common word of the other language ("连接" as the "join" of "joined the company"). Where the
      // query's own language has vectors, the translation's best counts at most the discount times
      // the own best, as on the keyword side; where it has none (an English question in a Chinese
      // vault), the translation is all there is and counts as it is.
      Map<Integer, Double> txDense = join(translatedDense);
      double maxOwn = dense.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
      double maxTxDense = txDense.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
      double cap = TRANSLATION_DISCOUNT * maxOwn;
      double scale = maxOwn > 0 && maxTxDense > cap ? cap / maxTxDense : 1;
      txDense.forEach((doc, cos) -> dense.merge(doc, cos * scale, Math::max));
      if (mode == Mode.HYBRID && !keyword.isEmpty()) {
        SearchQuery translated = query.withText(other);
        double maxKw = keyword.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        Query both = new org.apache.lucene.search.BooleanQuery.Builder()
            .add(KeywordQuery.build(translated, weights).query(), org.apache.lucene.search.BooleanClause.Occur.MUST)
            .add(KeywordQuery.constraints(query, weights), org.apache.lucene.search.BooleanClause.Occur.FILTER).build();
        ScoreDoc[] tx = searcher.search(both, fetch).scoreDocs;
        double maxTx = tx.length == 0 ? 1 : tx[0].score;
        double translatedShare = translatedKeywordShare(index, searcher, Language.of(query.text()));
        for (ScoreDoc sd : tx) {
          keyword.merge(sd.doc, TRANSLATION_DISCOUNT * sd.score / maxTx * maxKw * translatedShare, Math::max);
        }
      }
    }
    if (mode == Mode.SEMANTIC) {
      List<Ranked> out = new ArrayList<>();
      dense.forEach((doc, score) -> out.add(new Ranked(doc, score, List.of("semantic"))));
      out.sort(Comparator.comparingDouble(Ranked::score).reversed());
      return out;
    }
    if (CandidateDump.ON) {
      CandidateDump.write(index, searcher, query, keyword, dense, exact);
    }
    return fuse(query, keyword, dense, exact);
  }

  /** The result of work handed to another thread, its failure rethrown as this thread's. */
  private static <T> T join(java.util.concurrent.Future<T> work) throws IOException {
    try {
      return work.get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /**
   * Starts loading what a search by meaning will need and this process has not loaded yet: the
   * encoder of each vector space the index holds vectors in, and the bilingual dictionary. Loaded one
   * after another on first use their times add up; side by side they overlap where a core is free.
   * The search itself then waits for whichever it needs (each loads once per process).
   */
  private static void warm(NoteIndex index, IndexSearcher searcher) throws IOException {
    if (!Bilingual.loaded()) {
      SIDE.submit(Bilingual::get);
    }
    Models models = models(index);
    if (models == null) {
      return;
    }
    for (VectorSpace space : models.spaces()) {
      if (!Encoders.loaded(space.model()) && hasVectors(searcher, space.windowField())) {
        SIDE.submit(() -> {
          try {
            Encoders.get(space.model());
          } catch (RuntimeException e) {
            // The search's own call loads it again and reports the failure.
          }
        });
      }
    }
  }

  /** How many of the best keyword hits are read again to see how close together their matches are. */
  static final int PROXIMITY_CHECKS = 30;

  /**
   * Weight of the proximity score against BM25's. BM25 adds up matches wherever they are in a chunk;
   * a chunk where the query's words meet in one or two sentences answers it better. Tuned on DRCD
   * dev only (keyword nDCG@10 0.9525 without; pairs only at 0.45: 0.9541; pairs and characters at
   * 0.3: 0.9599, 0.6: 0.9608, 1.0: 0.9608).
   */
  static final double PROXIMITY_WEIGHT = Double.parseDouble(System.getProperty("mnemo.proximity", "0.6"));

  /**
   * The keyword side of a query: BM25 hits, the best rescored by proximity, and (when asked) which of
   * the best hold the whole query verbatim ("exact") or belong to a note titled by it ("title").
   */
  record KeywordSide(ScoreDoc[] hits, Map<Integer, String> exact) {}

  /**
   * BM25 hits, the best ones rescored by proximity: the most weight of the query's terms (their
   * inverse document frequency) found within two consecutive sentences of the chunk. Each of the best
   * hits is read once, for proximity and for the verbatim check.
   */
  KeywordSide keywordHits(IndexSearcher searcher, SearchQuery query, KeywordQuery.Built built, int fetch,
      boolean findExact) throws IOException {
    ScoreDoc[] hits = searcher.search(built.query(), fetch).scoreDocs;
    String verbatim = normalize(query.text());
    boolean checkExact = findExact && verbatim.codePointCount(0, verbatim.length()) >= 2;
    HitFields fields = new HitFields(searcher.storedFields(), hits);
    Map<Integer, String> exact = checkExact ? exactHits(hits, fields, verbatim, built) : Map.of();
    if (PROXIMITY_WEIGHT <= 0 || hits.length < 2) {
      return new KeywordSide(hits, exact);
    }
    Map<String, Double> idf = new HashMap<>();
    long n = searcher.getIndexReader().numDocs();
    boolean[] asking = KeywordQuery.questionChars(query.text());
    for (KeywordQuery.Token t : KeywordQuery.analyze(dev.mnemo.index.Analyzers.grams(), query.text())) {
      // Chinese characters count one by one as well as in pairs: a rare character shared with the
      // answer matters even where the pair around it differs. Asking words (如何, 什么) weigh little.
      int df = searcher.getIndexReader().docFreq(new org.apache.lucene.index.Term(IndexSchema.GRAMS, t.term()));
      if (df > 0) {
        double weight = asking[t.start()] || asking[t.end() - 1] ? KeywordQuery.QUESTION_WEIGHT : 1;
        idf.merge(t.term(), weight * Math.log(1 + (n - df + 0.5) / (df + 0.5)), Math::max);
      }
    }
    if (idf.size() < 2) {
      return new KeywordSide(hits, exact);
    }
    int checks = Math.min(PROXIMITY_CHECKS, hits.length);
    ScoreDoc[] head = new ScoreDoc[checks];
    for (int i = 0; i < checks; i++) {
      String text = fields.get(i).get(IndexSchema.TEXT);
      head[i] = new ScoreDoc(hits[i].doc, (float) (hits[i].score + PROXIMITY_WEIGHT * proximity(text, idf)));
    }
    java.util.Arrays.sort(head, (a, b) -> Float.compare(b.score, a.score));
    // The rest keep their order and scores, which the bonus only lifted the head further above.
    ScoreDoc[] out = hits.clone();
    System.arraycopy(head, 0, out, 0, checks);
    return new KeywordSide(out, exact);
  }

  /**
   * Which of the best BM25 hits hold {@code verbatim} (a normalized query) in their text ("exact")
   * or belong to a note whose title it is ("title"). Verbatim hits are always among the best keyword
   * hits, so only those are read.
   */
  private static Map<Integer, String> exactHits(ScoreDoc[] hits, HitFields fields, String verbatim,
      KeywordQuery.Built built) throws IOException {
    Map<Integer, String> out = new HashMap<>();
    Set<String> wanted = new HashSet<>(built.wordTerms());
    wanted.addAll(built.gramTerms());
    for (int i = 0; i < Math.min(EXACT_CHECKS, hits.length); i++) {
      Document d = fields.get(i);
      String title = d.get(IndexSchema.TITLE);
      if (containsVerbatim(d.get(IndexSchema.TEXT), verbatim)) {
        out.put(hits[i].doc, "exact");
      } else if (normalize(title).equals(verbatim)) {
        out.put(hits[i].doc, "title");
      } else if (wanted.size() >= 2 && titleHoldsAll(title + IndexSchema.folders(d.get(IndexSchema.PATH)), wanted)) {
        out.put(hits[i].doc, TITLE_WORDS);
      }
    }
    return out;
  }

  /** What marks a hit of a note whose title (with its folders) holds every word of the query. */
  static final String TITLE_WORDS = "title words";

  /**
   * The lift of a note whose title and folders hold every word of the query, in any order: what a
   * person looking for a note they remember types ("session rename tmux"). Less than a verbatim hit's,
   * which ranks above all others, since a short query's words can all sit in a title by chance.
   */
  static final double TITLE_WORDS_BONUS = Double.parseDouble(System.getProperty("mnemo.fusion.titleWords", "0.3"));

  /** Whether {@code title}, analysed like the index analyses titles, holds every one of {@code terms}. */
  static boolean titleHoldsAll(String title, Set<String> terms) {
    if (title == null || title.isBlank()) {
      return false;
    }
    Set<String> have = new HashSet<>();
    for (KeywordQuery.Token t : KeywordQuery.analyze(dev.mnemo.index.Analyzers.words(), title)) {
      have.add(t.term());
    }
    for (KeywordQuery.Token t : KeywordQuery.analyze(dev.mnemo.index.Analyzers.grams(), title)) {
      have.add(t.term());
    }
    return have.containsAll(terms);
  }

  /**
   * Whether {@code text}, normalized, contains {@code verbatim} (normalized): the query's longest
   * stretch without white space is looked for first, which rules out most texts cheaply.
   */
  static boolean containsVerbatim(String text, String verbatim) {
    if (text == null) {
      return false;
    }
    String longest = "";
    for (String part : verbatim.split(" ")) {
      longest = part.length() > longest.length() ? part : longest;
    }
    return text.toLowerCase(Locale.ROOT).contains(longest) && normalize(text).contains(verbatim);
  }

  /** The text and title of the best hits, each read from the index at most once. */
  private static final class HitFields {
    private final StoredFields stored;
    private final ScoreDoc[] hits;
    private final Document[] read;

    HitFields(StoredFields stored, ScoreDoc[] hits) {
      this.stored = stored;
      this.hits = hits;
      this.read = new Document[Math.min(hits.length, Math.max(EXACT_CHECKS, PROXIMITY_CHECKS))];
    }

    Document get(int i) throws IOException {
      if (read[i] == null) {
        read[i] = stored.document(hits[i].doc, Set.of(IndexSchema.TEXT, IndexSchema.TITLE, IndexSchema.PATH));
      }
      return read[i];
    }
  }

  /** The most query-term weight that any two consecutive sentences of {@code text} hold. */
  static double proximity(String text, Map<String, Double> idf) {
    if (text == null) {
      return 0;
    }
    List<String> sentences = dev.mnemo.semantic.Windows.sentences(text);
    List<Set<String>> terms = new ArrayList<>(sentences.size());
    for (String sentence : sentences) {
      Set<String> found = new java.util.HashSet<>();
      for (KeywordQuery.Token t : KeywordQuery.analyze(dev.mnemo.index.Analyzers.grams(), sentence)) {
        if (idf.containsKey(t.term())) {
          found.add(t.term());
        }
      }
      terms.add(found);
    }
    double best = 0;
    for (int i = 0; i < terms.size(); i++) {
      Set<String> window = new java.util.HashSet<>(terms.get(i));
      if (i + 1 < terms.size()) {
        window.addAll(terms.get(i + 1));
      }
      double sum = 0;
      for (String t : window) {
        sum += idf.get(t);
      }
      best = Math.max(best, sum);
    }
    return best;
  }

  /** How many of the best keyword hits are read to see whether they hold the query verbatim. */
  static final int EXACT_CHECKS = 40;

  /** What a translated query's similarities are worth against the original's. */
  static final double TRANSLATION_DISCOUNT = 0.9;

  /**
   * How much the vault backs a word as the rendering of one in the other language: among a
   * dictionary's renderings, the one the notes use is the one that matters. An English sense weighs
   * what {@link #englishFrequency} says; a Chinese word falls in one of three tiers, each above the
   * next: words all of whose character pairs occur (by the rarest pair's count), words only some of whose
   * pairs occur (by the share that do: "相似性" for "similarity" where the notes write "相似度"), and
   * single characters (by their count: "句" occurs wherever "句子" does and in much else, so it is
   * the rendering only when no longer word has support). 0 when the vault has no trace of it.
   */
  static long vaultFrequency(IndexSearcher searcher, String word) {
    try {
      org.apache.lucene.index.IndexReader reader = searcher.getIndexReader();
      if (word.codePoints().noneMatch(KeywordQuery::isCjk)) {
        return englishFrequency(searcher, word);
      }
      if (word.length() == 1) {
        return Math.min(PARTIAL_TIER - 1, reader.docFreq(new org.apache.lucene.index.Term(IndexSchema.GRAMS, word)));
      }
      long min = Long.MAX_VALUE;
      int present = 0;
      int pairs = word.length() - 1;
      for (int i = 0; i < pairs; i++) {
        int df = reader.docFreq(new org.apache.lucene.index.Term(IndexSchema.GRAMS, word.substring(i, i + 2)));
        min = Math.min(min, df);
        present += df > 0 ? 1 : 0;
      }
      if (present == pairs) {
        return FULL_TIER + min;
      }
      return present == 0 ? 0 : PARTIAL_TIER + present * 1000L / pairs;
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * How many chunks hold an English sense ("rename"; "time zone" as a phrase), its words as the index
   * reads them (stemmed, stop words left out): among a Chinese word's senses, the one the notes use.
   */
  private static long englishFrequency(IndexSearcher searcher, String sense) throws IOException {
    List<KeywordQuery.Token> words = KeywordQuery.analyze(dev.mnemo.index.Analyzers.words(), sense);
    if (words.isEmpty()) {
      return 0;
    }
    if (words.size() == 1) {
      return searcher.getIndexReader().docFreq(new org.apache.lucene.index.Term(IndexSchema.BODY, words.get(0).term()));
    }
    // Words of a phrase as a phrase: "add up" is rare where "add" and "up" are everywhere.
    org.apache.lucene.search.PhraseQuery.Builder phrase = new org.apache.lucene.search.PhraseQuery.Builder();
    for (KeywordQuery.Token t : words) {
      phrase.add(new org.apache.lucene.index.Term(IndexSchema.BODY, t.term()), t.position());
    }
    return searcher.count(phrase.build());
  }

  private static final long PARTIAL_TIER = 1L << 24;
  private static final long FULL_TIER = 1L << 40;

  /**
   * What the best keyword hit of a query's translation may weigh against the best hit of its own
   * words: half in a vault written in the query's language, up to all of it in a vault written in the
   * other, where the query's own words match only stray words (code, names, a borrowed term). Read from
   * how many sentence windows each language's model embedded; half when the index cannot tell.
   */
  public static double translatedKeywordShare(NoteIndex index, IndexSearcher searcher, Language queryLanguage) throws IOException {
    Models models = models(index);
    if (models == null || queryLanguage == Language.MIXED) {
      return 0.5;
    }
    long own = 0;
    long other = 0;
    for (VectorSpace space : models.spaces()) {
      if (space.language() == null) {
        return 0.5;
      }
      long n = 0;
      for (org.apache.lucene.index.LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        org.apache.lucene.index.FloatVectorValues values = leaf.reader().getFloatVectorValues(space.windowField());
        n += values == null ? 0 : values.size();
      }
      if (space.language() == queryLanguage) {
        own += n;
      } else {
        other += n;
      }
    }
    return own + other == 0 ? 0.5 : 0.5 + 0.5 * other / (double) (own + other);
  }

  /** Whether any document of the index has a vector in {@code field}. */
  static boolean hasVectors(IndexSearcher searcher, String field) throws IOException {
    for (org.apache.lucene.index.LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      org.apache.lucene.index.FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
      if (values != null && values.size() > 0) {
        return true;
      }
    }
    return false;
  }

  /** Chunk documents: the parents of window documents. */
  static final org.apache.lucene.search.join.BitSetProducer CHUNKS =
      new org.apache.lucene.search.join.QueryBitSetProducer(
          new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(IndexSchema.KIND, IndexSchema.KIND_CHUNK)));

  /**
   * Cosine similarity of the best chunks to a text, in every vector space the text's language routes
   * to: a chunk scores as its best sentence window.
   */
  private Map<Integer, Double> dense(NoteIndex index, IndexSearcher searcher, SearchQuery query, String text, int k,
      double factor) throws IOException {
    Models models = models(index);
    // Every window belongs to a chunk: without filters or required words, no filter at all (faster).
    Query constraints = KeywordQuery.hasConstraints(query)
        ? new org.apache.lucene.search.join.ToChildBlockJoinQuery(KeywordQuery.constraints(query, weights), CHUNKS)
        : null;
    Map<Integer, Double> best = new HashMap<>();
    List<org.apache.lucene.index.LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    for (VectorSpace space : models.route(Language.of(text))) {
      if (!hasVectors(searcher, space.windowField())) {
        // No note went to this model (an English vault has no Chinese vectors): nothing to embed for.
        continue;
      }
      Encoder encoder = Encoders.get(space.model());
      float[] v = encoder.embedQuery(space.input(text));
      // The nearest windows, at most one per chunk, each counting for its chunk.
      TopDocs top = searcher.search(new org.apache.lucene.search.join.DiversifyingChildrenFloatKnnVectorQuery(
          space.windowField(), v, constraints, k, CHUNKS), k);
      for (ScoreDoc sd : top.scoreDocs) {
        org.apache.lucene.index.LeafReaderContext leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(sd.doc, leaves));
        org.apache.lucene.util.BitSet parents = CHUNKS.getBitSet(leaf);
        if (parents == null) {
          continue;
        }
        int chunk = leaf.docBase + parents.nextSetBit(sd.doc - leaf.docBase);
        // Lucene scores a dot product of unit vectors as (1 + cos) / 2.
        double cos = (2.0 * sd.score - 1.0) * factor;
        best.merge(chunk, cos, Math::max);
      }
    }
    return best;
  }

  private List<Ranked> fuse(SearchQuery query, Map<Integer, Double> keyword, Map<Integer, Double> dense,
      Map<Integer, String> exact) {
    double maxKeyword = keyword.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
    double maxDense = dense.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
    double minDense = dense.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double spread = Math.max(1e-6, maxDense - minDense);
    Map<Integer, Ranked> all = new HashMap<>();
    Set<Integer> docs = new java.util.LinkedHashSet<>(keyword.keySet());
    docs.addAll(dense.keySet());
    double w = fusion.keywordWeight(query.text());
    for (int doc : docs) {
      Double kw = keyword.get(doc);
      Double d = dense.get(doc);
      double score = w * (kw == null ? 0 : kw / maxKeyword) + (1 - w) * (d == null ? 0 : (d - minDense) / spread);
      List<String> matched = new ArrayList<>(2);
      if (kw != null) {
        matched.add("keyword");
      }
      if (d != null) {
        matched.add("semantic");
      }
      String why = exact.get(doc);
      if (why != null) {
        score += why.equals(TITLE_WORDS) ? TITLE_WORDS_BONUS : fusion.exactBonus();
        matched.add(why);
      }
      all.put(doc, new Ranked(doc, score, List.copyOf(matched)));
    }
    List<Ranked> out = new ArrayList<>(all.values());
    out.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparingInt(Ranked::doc));
    return out;
  }

  /** Lower case, runs of white space as one space: how "verbatim" is judged. */
  static String normalize(String s) {
    return s == null ? "" : WHITE_SPACE.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }

  private static final java.util.regex.Pattern WHITE_SPACE = java.util.regex.Pattern.compile("\\s+");

  /** Keeps at most {@code perNote} chunks of each note, each note's chunks together, best note first. */
  public static List<Ranked> group(IndexSearcher searcher, List<Ranked> ranked, Options options) throws IOException {
    Map<String, List<Ranked>> byNote = new LinkedHashMap<>();
    int accepted = 0;
    for (Ranked r : ranked) {
      String path = path(searcher, r.doc());
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

  /** The path of a chunk's note, from its doc values (cheaper than decompressing stored fields). */
  static String path(IndexSearcher searcher, int doc) throws IOException {
    List<org.apache.lucene.index.LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    org.apache.lucene.index.LeafReaderContext leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
    org.apache.lucene.index.SortedDocValues paths = leaf.reader().getSortedDocValues(IndexSchema.PATH);
    if (paths != null && paths.advanceExact(doc - leaf.docBase)) {
      return paths.lookupOrd(paths.ordValue()).utf8ToString();
    }
    return searcher.storedFields().document(doc, Set.of(IndexSchema.PATH)).get(IndexSchema.PATH);
  }

  /** The hits for ranked chunks, in order; their snippets are made in parallel (each analyses its chunk). */
  static List<Hit> hits(IndexSearcher searcher, List<Ranked> ranked, KeywordQuery.Built built) throws IOException {
    StoredFields stored = searcher.storedFields();
    List<Document> docs = new ArrayList<>(ranked.size());
    for (Ranked r : ranked) {
      docs.add(stored.document(r.doc()));
    }
    Map<String, Double> weights = termWeights(searcher.getIndexReader(), built);
    java.util.function.ToDoubleFunction<String> weight = term -> weights.getOrDefault(term, 1.0);
    return java.util.stream.IntStream.range(0, docs.size()).parallel()
        .mapToObj(i -> hit(docs.get(i), ranked.get(i).score(), built, weight, ranked.get(i).matched()))
        .toList();
  }

  /** Each query term's inverse document frequency in the body text (BM25's), for the snippets. */
  static Map<String, Double> termWeights(org.apache.lucene.index.IndexReader reader, KeywordQuery.Built built)
      throws IOException {
    Map<String, Double> out = new HashMap<>();
    for (var field : List.of(Map.entry(IndexSchema.BODY, built.wordTerms()), Map.entry(IndexSchema.GRAMS, built.gramTerms()))) {
      int n = Math.max(1, reader.getDocCount(field.getKey()));
      for (String term : field.getValue()) {
        int df = reader.docFreq(new org.apache.lucene.index.Term(field.getKey(), term));
        out.merge(term, Math.log(1 + (n - df + 0.5) / (df + 0.5)), Math::max);
      }
    }
    return out;
  }

  static Hit hit(Document d, double score, KeywordQuery.Built built, java.util.function.ToDoubleFunction<String> weight,
      List<String> matched) {
    String text = d.get(IndexSchema.TEXT);
    IndexableField date = d.getField(IndexSchema.DATE);
    String iso = date == null ? null : LocalDate.ofEpochDay(date.numericValue().intValue()).toString();
    String snippet = Snippets.of(text, built.wordTerms(), built.gramTerms(), weight, 220);
    return new Hit(d.get(IndexSchema.PATH), d.getField(IndexSchema.START).numericValue().intValue(),
        d.getField(IndexSchema.END).numericValue().intValue(), d.get(IndexSchema.TITLE), d.get(IndexSchema.HEADING),
        iso, Math.round(score * 10000) / 10000.0, snippet, text, matched);
  }
}
