package dev.mnemo.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The two analyses every text gets.
 *
 * <ul>
 *   <li>{@link #words()}: Chinese cut into words, English lower-cased, folded, stemmed and stripped of
 *       stop words, and identifiers split into their parts as well as kept whole:
 *       {@code KnnFloatVectorField} is findable as {@code vector}, {@code pdb.set_trace()} as
 *       {@code set_trace}, {@code BBDown视频下载} as {@code bbdown} or {@code 视频}.
 *   <li>{@link #grams()}: CJK characters and their bigrams (so any Chinese substring of any length is
 *       a phrase of bigrams), other words lower-cased but otherwise verbatim: for exact phrases.
 * </ul>
 */
public final class Analyzers {
  private Analyzers() {}

  private static final int WORD_FLAGS = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
      | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS
      | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
      | WordDelimiterGraphFilter.SPLIT_ON_NUMERICS
      | WordDelimiterGraphFilter.PRESERVE_ORIGINAL
      | WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE;

  private static final Analyzer WORDS = new Analyzer() {
    @Override
    protected TokenStreamComponents createComponents(String field) {
      StandardTokenizer source = new StandardTokenizer();
      TokenStream t = new CJKWidthFilter(source);
      t = new WordDelimiterGraphFilter(t, true, org.apache.lucene.analysis.miscellaneous.WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE, WORD_FLAGS, null);
      t = new FlattenGraphFilter(t);
      t = new LowerCaseFilter(t);
      t = new ASCIIFoldingFilter(t);
      t = new ChineseWordFilter(t);
      t = new EnglishPossessiveFilter(t);
      t = new StopFilter(t, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
      t = new PorterStemFilter(t);
      t = new RemoveDuplicatesTokenFilter(t);
      return new TokenStreamComponents(source, t);
    }

    @Override
    protected TokenStream normalize(String field, TokenStream in) {
      return new ASCIIFoldingFilter(new LowerCaseFilter(new CJKWidthFilter(in)));
    }
  };

  private static final Analyzer GRAMS = new Analyzer() {
    @Override
    protected TokenStreamComponents createComponents(String field) {
      StandardTokenizer source = new StandardTokenizer();
      TokenStream t = new CJKWidthFilter(source);
      t = new LowerCaseFilter(t);
      t = new ASCIIFoldingFilter(t);
      t = new CJKBigramFilter(t, CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA
          | CJKBigramFilter.HANGUL, true);
      return new TokenStreamComponents(source, t);
    }
  };

  public static Analyzer words() {
    return WORDS;
  }

  public static Analyzer grams() {
    return GRAMS;
  }
}
