package dev.mnemo.search;

import dev.mnemo.index.Analyzers;
import dev.mnemo.index.IndexSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;

/**
 * Turns a {@link SearchQuery} into a Lucene query over the chunk documents.
 *
 * <p>Each word becomes one unit that may match: Latin words in the stemmed word field (identifier
 * parts as a phrase, or the whole identifier); Chinese runs are cut into words like the index cuts
 * them, and each word also matches as a phrase of CJK bigrams, so that words the segmenter cuts
 * differently are still found. Titles and headings weigh more. Units add up: a chunk that matches
 * more of the query ranks higher, and none is required unless written {@code +word}.
 */
public final class KeywordQuery {
  /**
   * Extra weight of a match in the note's title or the chunk's headings (the body already holds
   * them once). Tuned on the training splits only: more than this buried the right passage on
   * SciFact train (0.690 at 0, 0.684 at 0.3, 0.579 at 3); a little helped CMRC trial (0.968 to 0.977).
   */
  public record Weights(float title, float heading) {
    public static final Weights DEFAULT = new Weights(0.3f, 0.3f);
  }

  /** A built query and the analysed terms it looks for, for marking snippets. */
  public record Built(Query query, Set<String> wordTerms, Set<String> gramTerms) {}

  private KeywordQuery() {}

  public static Built build(SearchQuery q, Weights w) {
    Set<String> words = new LinkedHashSet<>();
    Set<String> grams = new LinkedHashSet<>();
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_CHUNK)), Occur.FILTER);
    boolean anyPositive = false;
    boolean anyRequired = false;
    int budget = MAX_LEAVES;
    for (SearchQuery.Clause c : q.clauses()) {
      Query unit = c.phrase() ? phrase(c.text(), w, c.excluded() ? null : grams) : word(c.text(), w,
          c.excluded() ? null : words, c.excluded() ? null : grams);
      if (unit == null) {
        continue;
      }
      budget -= leaves(unit);
      if (budget < 0) {
        break;
      }
      if (c.excluded()) {
        b.add(unit, Occur.MUST_NOT);
      } else {
        b.add(unit, c.required() ? Occur.MUST : Occur.SHOULD);
        anyPositive = true;
        anyRequired |= c.required();
      }
    }
    if (!anyPositive) {
      b.add(new MatchAllDocsQuery(), Occur.MUST);
    } else if (!anyRequired) {
      // With a FILTER clause present Lucene would make every SHOULD optional: at least one must match.
      b.setMinimumNumberShouldMatch(1);
    }
    Query filter = filter(q);
    if (filter != null) {
      b.add(filter, Occur.FILTER);
    }
    return new Built(b.build(), words, grams);
  }

  /**
   * What every hit of any mode must satisfy: a chunk, within the filters, holding each required word
   * or phrase and none of the excluded ones. Dense retrieval runs under it.
   */
  public static Query constraints(SearchQuery q, Weights w) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_CHUNK)), Occur.FILTER);
    for (SearchQuery.Clause c : q.clauses()) {
      if (!constrains(c)) {
        continue;
      }
      Query unit = c.phrase() ? phrase(c.text(), w, null) : word(c.text(), w, null, null);
      if (unit != null && leaves(unit) <= MAX_LEAVES / 4) {
        b.add(unit, c.excluded() ? Occur.MUST_NOT : Occur.FILTER);
      }
    }
    Query filter = filter(q);
    if (filter != null) {
      b.add(filter, Occur.FILTER);
    }
    return b.build();
  }

  /** Whether {@link #constraints} would hold more than "a chunk": filters, required, excluded words or phrases. */
  public static boolean hasConstraints(SearchQuery q) {
    if (q.hasFilters()) {
      return true;
    }
    for (SearchQuery.Clause c : q.clauses()) {
      if (constrains(c)) {
        return true;
      }
    }
    return false;
  }

  /** A required or excluded word, or a phrase: what every hit of any mode must respect. */
  private static boolean constrains(SearchQuery.Clause c) {
    return c.required() || c.excluded() || c.phrase();
  }

  /** Tag, path and date filters as one query, or null when there are none. */
  public static Query filter(SearchQuery q) {
    if (!q.hasFilters()) {
      return null;
    }
    BooleanQuery.Builder f = new BooleanQuery.Builder();
    boolean positive = false;
    for (String tag : q.tags()) {
      f.add(tagQuery(tag), Occur.FILTER);
      positive = true;
    }
    for (String tag : q.notTags()) {
      f.add(tagQuery(tag), Occur.MUST_NOT);
    }
    for (String path : q.paths()) {
      f.add(pathQuery(path), Occur.FILTER);
      positive = true;
    }
    for (String path : q.notPaths()) {
      f.add(pathQuery(path), Occur.MUST_NOT);
    }
    if (!q.when().isAll()) {
      int from = q.when().from() == null ? Integer.MIN_VALUE : (int) q.when().from().toEpochDay();
      int to = q.when().to() == null ? Integer.MAX_VALUE : (int) q.when().to().toEpochDay() - 1;
      f.add(IntPoint.newRangeQuery(IndexSchema.DATE, from, to), Occur.FILTER);
      positive = true;
    }
    if (!positive) {
      f.add(new MatchAllDocsQuery(), Occur.FILTER);
    }
    return f.build();
  }

  private static Query tagQuery(String tag) {
    return new BooleanQuery.Builder()
        .add(new TermQuery(new Term(IndexSchema.TAG, tag)), Occur.SHOULD)
        .add(new PrefixQuery(new Term(IndexSchema.TAG, tag + "/")), Occur.SHOULD)
        .build();
  }

  private static Query pathQuery(String path) {
    String escaped = path.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
    return new WildcardQuery(new Term(IndexSchema.PATH_LOWER, "*" + escaped + "*"));
  }

  /** An exact phrase: consecutive in the chunk's verbatim (bigram) field; a title holding it too weighs more. */
  private static Query phrase(String text, Weights w, Set<String> grams) {
    Query body = gramPhrase(IndexSchema.GRAMS, text, grams);
    if (body == null) {
      return null;
    }
    Query title = gramPhrase(IndexSchema.TITLE_GRAMS, text, null);
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(body, Occur.MUST);
    if (title != null) {
      b.add(new BoostQuery(title, w.title()), Occur.SHOULD);
    }
    return b.build();
  }

  /** One query word: Latin parts and Chinese words, each a unit of its own. */
  /**
   * Most character pairs or words one query word may expand to (a long Chinese question is one
   * word); repeats count once.
   */
  static final int MAX_UNITS_PER_WORD = 120;

  /** Leaf clauses a query may hold in all (Lucene's limit is 1,024): words past it are left out. */
  static final int MAX_LEAVES = 900;

  static int leaves(Query q) {
    if (q instanceof BooleanQuery b) {
      int n = 0;
      for (var c : b.clauses()) {
        n += leaves(c.query());
      }
      return n;
    }
    if (q instanceof org.apache.lucene.search.BoostQuery bq) {
      return leaves(bq.getQuery());
    }
    return 1;
  }

  /**
   * Weight of a character pair that touches a question word (如何, 什么, 哪...): a question's
   * 如何查看 says nothing about what to look for, and a note whose heading asks 如何查看 something
   * else should not outrank the one about the thing asked. Tuned on CMRC2018 trial and DRCD dev
   * (keyword: 0.9784 to 0.9812 and 0.9608 to 0.9612; hybrid unchanged), 0.05 to 0.5 all alike.
   */
  static final float QUESTION_WEIGHT = 0.1f;
  private static final List<String> QUESTION_WORDS = List.of("为什么", "為什麼", "为何", "為何", "什么", "什麼", "甚么",
      "甚麼", "怎么", "怎麼", "怎样", "怎樣", "如何", "哪里", "哪裡", "哪儿", "哪兒", "哪些", "哪个", "哪個", "哪", "多少",
      "何时", "何時", "何处", "何處", "何地", "谁", "誰", "是否", "吗", "嗎");

  /** Which characters of a Chinese run belong to a question word. */
  static boolean[] questionChars(String run) {
    boolean[] out = new boolean[run.length() + 1];
    for (String q : QUESTION_WORDS) {
      for (int i = run.indexOf(q); i >= 0; i = run.indexOf(q, i + 1)) {
        java.util.Arrays.fill(out, i, i + q.length(), true);
      }
    }
    return out;
  }

  private static Query word(String text, Weights w, Set<String> words, Set<String> grams) {
    List<Query> units = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (String run : scriptRuns(text)) {
      if (isCjk(run.codePointAt(0))) {
        // Chinese: every bigram of the run may match (a single character alone matches itself). On
        // question-to-passage sets this beat segmented words, alone or combined (README, evaluation).
        boolean single = run.codePointCount(0, run.length()) == 1;
        boolean[] asking = questionChars(run);
        for (Token t : analyze(Analyzers.grams(), run)) {
          if ((single || t.type().equals("<DOUBLE>")) && units.size() < MAX_UNITS_PER_WORD && seen.add(t.term())) {
            Query gram = cjkGram(t.term(), w, grams);
            units.add(asking[t.start()] || asking[t.end() - 1] ? new BoostQuery(gram, QUESTION_WEIGHT) : gram);
          }
        }
      } else {
        Query q = units.size() < MAX_UNITS_PER_WORD && seen.add(run) ? latin(run, w, words) : null;
        if (q != null) {
          units.add(q);
        }
      }
    }
    if (units.isEmpty()) {
      return null;
    }
    if (units.size() == 1) {
      return units.get(0);
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    units.forEach(u -> b.add(u, Occur.SHOULD));
    return b.build();
  }

  private static Query latin(String run, Weights w, Set<String> words) {
    List<Token> tokens = analyze(Analyzers.words(), run);
    if (tokens.isEmpty()) {
      return null;
    }
    if (words != null) {
      tokens.forEach(t -> words.add(t.term()));
    }
    if (tokens.size() == 1) {
      return fields(new TermQuery(new Term(IndexSchema.BODY, tokens.get(0).term())),
          new TermQuery(new Term(IndexSchema.TITLE, tokens.get(0).term())),
          new TermQuery(new Term(IndexSchema.HEADING, tokens.get(0).term())), w);
    }
    // An identifier: the whole (a token spanning the others) or its parts in order.
    Token whole = null;
    List<Token> parts = new ArrayList<>();
    for (Token t : tokens) {
      if (t.length() > 1 && whole == null) {
        whole = t;
      } else {
        parts.add(t);
      }
    }
    List<Query> alternatives = new ArrayList<>();
    for (String field : List.of(IndexSchema.BODY, IndexSchema.TITLE, IndexSchema.HEADING)) {
      List<Query> perField = new ArrayList<>();
      if (whole != null) {
        perField.add(new TermQuery(new Term(field, whole.term())));
      }
      if (!parts.isEmpty()) {
        perField.add(phraseOf(field, parts));
      }
      alternatives.add(perField.size() == 1 ? perField.get(0) : new DisjunctionMaxQuery(perField, 0f));
    }
    return fields(alternatives.get(0), alternatives.get(1), alternatives.get(2), w);
  }

  private static Query cjkGram(String gram, Weights w, Set<String> grams) {
    if (grams != null) {
      grams.add(gram);
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(new TermQuery(new Term(IndexSchema.GRAMS, gram)), Occur.SHOULD);
    if (w.title() > 0) {
      b.add(new BoostQuery(new TermQuery(new Term(IndexSchema.TITLE_GRAMS, gram)), w.title()), Occur.SHOULD);
    }
    return b.build();
  }

  private static Query fields(Query body, Query title, Query heading, Weights w) {
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(body, Occur.SHOULD);
    if (w.title() > 0) {
      b.add(new BoostQuery(title, w.title()), Occur.SHOULD);
    }
    if (w.heading() > 0) {
      b.add(new BoostQuery(heading, w.heading()), Occur.SHOULD);
    }
    return b.build();
  }

  private static Query phraseOf(String field, List<Token> tokens) {
    if (tokens.size() == 1) {
      return new TermQuery(new Term(field, tokens.get(0).term()));
    }
    PhraseQuery.Builder pb = new PhraseQuery.Builder();
    int base = tokens.get(0).position();
    for (Token t : tokens) {
      pb.add(new Term(field, t.term()), t.position() - base);
    }
    return pb.build();
  }

  /**
   * A phrase over a bigram field. The index holds every CJK character and every pair; a phrase keeps
   * the pairs and only the characters no pair covers, at their index positions.
   */
  static Query gramPhrase(String field, String text, Set<String> collect) {
    List<Token> tokens = analyze(Analyzers.grams(), text);
    List<Token> kept = new ArrayList<>();
    for (Token t : tokens) {
      if (t.type().equals("<SINGLE>") && coveredByPair(t, tokens)) {
        continue;
      }
      kept.add(t);
    }
    if (kept.isEmpty()) {
      return null;
    }
    if (collect != null) {
      kept.forEach(t -> collect.add(t.term()));
    }
    return phraseOf(field, kept);
  }

  private static boolean coveredByPair(Token single, List<Token> all) {
    for (Token t : all) {
      if (t.type().equals("<DOUBLE>") && t.start() <= single.start() && t.end() >= single.end()) {
        return true;
      }
    }
    return false;
  }

  /** An analysed token. */
  record Token(String term, int position, int length, String type, int start, int end) {}

  static List<Token> analyze(Analyzer analyzer, String text) {
    List<Token> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream("f", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      PositionLengthAttribute len = ts.addAttribute(PositionLengthAttribute.class);
      TypeAttribute type = ts.addAttribute(TypeAttribute.class);
      OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      int pos = -1;
      while (ts.incrementToken()) {
        pos += inc.getPositionIncrement();
        out.add(new Token(term.toString(), pos, len.getPositionLength(), type.type(), off.startOffset(), off.endOffset()));
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Splits text into runs of CJK and of everything else. */
  static List<String> scriptRuns(String text) {
    List<String> runs = new ArrayList<>();
    int start = 0;
    Boolean cjk = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      boolean c = isCjk(cp);
      if (cjk != null && c != cjk) {
        runs.add(text.substring(start, i));
        start = i;
      }
      cjk = c;
      i += Character.charCount(cp);
    }
    if (start < text.length()) {
      runs.add(text.substring(start));
    }
    return runs;
  }

  public static boolean isCjk(int cp) {
    if (cp < 0x1100) {
      // Below Hangul Jamo no script of these four has a character; most text is here, so skip the lookup.
      return false;
    }
    Character.UnicodeScript s = Character.UnicodeScript.of(cp);
    return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
        || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL;
  }
}
