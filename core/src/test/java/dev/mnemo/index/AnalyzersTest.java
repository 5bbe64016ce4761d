package dev.mnemo.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

class AnalyzersTest {
  static List<String> terms(Analyzer a, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = a.tokenStream("f", text)) {
      CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(t.toString());
      }
      ts.end();
    }
    return out;
  }

  @Test
  void identifiersAreKeptWholeAndSplitIntoParts() throws IOException {
    List<String> t = terms(Analyzers.words(), "KnnFloatVectorField pdb.set_trace() word2vec");
    assertTrue(t.containsAll(List.of("knnfloatvectorfield", "knn", "float", "vector", "field")), t.toString());
    assertTrue(t.containsAll(List.of("pdb", "set", "trace")), t.toString());
    assertTrue(t.containsAll(List.of("word2vec", "word", "vec")), t.toString());
  }

  @Test
  void chineseIsCutIntoWordsAndMixedTextSplitsByScript() throws IOException {
    assertEquals(List.of("大", "模型", "时代", "显然", "需要"), terms(Analyzers.words(), "大模型时代显然需要"));
    List<String> mixed = terms(Analyzers.words(), "BBDown视频下载");
    assertEquals(List.of("bbdown", "视频", "下载"), mixed);
  }

  @Test
  void englishIsLowerCasedStemmedAndFolded() throws IOException {
    assertEquals(List.of("run", "cafe", "attent"),
        terms(Analyzers.words(), "The Running Café's Attention"));
  }

  @Test
  void gramsHoldEveryCharacterAndPairSoAnySubstringIsAPhrase() throws IOException {
    assertEquals(List.of("新", "新冠", "冠", "冠疫", "疫", "疫情", "情"), terms(Analyzers.grams(), "新冠疫情"));
    assertEquals(List.of("multi", "head", "attention"), terms(Analyzers.grams(), "Multi-Head Attention"));
  }

  @Test
  void aHugeUnpunctuatedChineseLineIsSegmentedInLinearTime() throws IOException {
    String line = "注意力机制".repeat(40_000);
    List<String> t = terms(Analyzers.words(), line);
    assertTrue(t.size() >= 40_000, "tokens: " + t.size());
  }
}
