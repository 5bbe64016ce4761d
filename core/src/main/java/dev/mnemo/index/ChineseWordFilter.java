package dev.mnemo.index;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.hhmm.HHMMSegmenter;
import org.apache.lucene.analysis.cn.smart.hhmm.SegToken;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Joins the single Han characters that {@link StandardTokenizer} emits back into runs and cuts each
 * run into words with SmartChinese's HMM segmenter: 大模型时代 becomes 大|模型|时代. Words are marked
 * as keywords so that English stemmers leave them alone. Runs are segmented in windows of at most
 * {@value #MAX_RUN} characters so that a huge unpunctuated line costs linear time.
 */
public final class ChineseWordFilter extends TokenFilter {
  static final String WORD_TYPE = "<CN_WORD>";
  private static final String IDEOGRAPHIC = StandardTokenizer.TOKEN_TYPES[StandardTokenizer.IDEOGRAPHIC];
  private static final int MAX_RUN = 200;

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
  private final TypeAttribute type = addAttribute(TypeAttribute.class);
  private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
  private final PositionLengthAttribute posLen = addAttribute(PositionLengthAttribute.class);
  private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
  private final HHMMSegmenter segmenter = new HHMMSegmenter();

  private record Word(String text, int start, int end) {}

  private final Deque<Word> words = new ArrayDeque<>();
  private final StringBuilder run = new StringBuilder();
  private State lookahead;
  private int firstIncrement;

  public ChineseWordFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!words.isEmpty()) {
      emit(words.poll());
      return true;
    }
    if (lookahead != null) {
      restoreState(lookahead);
      lookahead = null;
      return true;
    }
    if (!input.incrementToken()) {
      return false;
    }
    if (!IDEOGRAPHIC.equals(type.type())) {
      return true;
    }
    // Gather a run of adjacent ideographs.
    run.setLength(0);
    int runStart = offset.startOffset();
    int runEnd = offset.endOffset();
    firstIncrement = posInc.getPositionIncrement();
    run.append(term);
    while (input.incrementToken()) {
      if (IDEOGRAPHIC.equals(type.type()) && offset.startOffset() == runEnd && run.length() < 100_000) {
        run.append(term);
        runEnd = offset.endOffset();
      } else {
        lookahead = captureState();
        break;
      }
    }
    segment(run, runStart, runEnd);
    emit(words.poll());
    posInc.setPositionIncrement(firstIncrement);
    return true;
  }

  private void segment(CharSequence text, int start, int end) {
    boolean offsetsMatch = end - start == text.length();
    for (int from = 0; from < text.length(); from += MAX_RUN) {
      String window = text.subSequence(from, Math.min(text.length(), from + MAX_RUN)).toString();
      List<SegToken> tokens = segmenter.process(window);
      // The segmenter brackets its output with sentence begin/end markers.
      for (int i = 1; i < tokens.size() - 1; i++) {
        SegToken t = tokens.get(i);
        if (t.endOffset <= t.startOffset) {
          continue;
        }
        int s = from + t.startOffset;
        int e = from + t.endOffset;
        String w = window.substring(t.startOffset, t.endOffset);
        words.add(offsetsMatch ? new Word(w, start + s, start + e) : new Word(w, start, end));
      }
    }
    if (words.isEmpty()) {
      words.add(new Word(text.toString(), start, end));
    }
  }

  private void emit(Word w) {
    clearAttributes();
    term.setEmpty().append(w.text());
    offset.setOffset(w.start(), w.end());
    type.setType(WORD_TYPE);
    posInc.setPositionIncrement(1);
    posLen.setPositionLength(1);
    keyword.setKeyword(true);
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    words.clear();
    lookahead = null;
    run.setLength(0);
  }
}
