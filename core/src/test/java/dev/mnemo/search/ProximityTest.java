package dev.mnemo.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProximityTest {
  static final Map<String, Double> IDF = Map.of("残差", 3.0, "梯度", 2.0, "residual", 1.5);

  @Test
  void termsMeetingInOneOrTwoSentencesCountTogether() {
    assertEquals(5.0, Searcher.proximity("残差连接让梯度直接流到前面的层。后面是别的话。", IDF), 1e-9);
    assertEquals(5.0, Searcher.proximity("先说残差。再说梯度。", IDF), 1e-9, "two consecutive sentences");
    assertEquals(3.0, Searcher.proximity("先说残差。中间一句。再中间一句。最后说梯度。", IDF), 1e-9,
        "far apart: the best window holds one of them");
  }

  @Test
  void latinWordsCountAndRepeatsDoNot() {
    assertEquals(4.5, Searcher.proximity("The residual path keeps 残差 alive. residual residual.", IDF), 1e-9);
    assertEquals(0.0, Searcher.proximity("nothing here", IDF), 1e-9);
    assertEquals(0.0, Searcher.proximity(null, IDF), 1e-9);
    assertTrue(Searcher.proximity("残差梯度", IDF) > Searcher.proximity("残差", IDF));
  }

  @Test
  void verbatimMeansTheWholeQueryWithWhiteSpaceAndCaseIgnored() {
    String q = Searcher.normalize("Tomato  Soup");
    assertTrue(Searcher.containsVerbatim("We made TOMATO\n soup tonight.", q));
    assertFalse(Searcher.containsVerbatim("Soup with a tomato on top.", q), "both words, not the phrase");
    assertFalse(Searcher.containsVerbatim("tomatosoup", q));
    assertFalse(Searcher.containsVerbatim(null, q));
    assertTrue(Searcher.containsVerbatim("为什么除以 √d：softmax", Searcher.normalize("除以 √d")));
  }
}
