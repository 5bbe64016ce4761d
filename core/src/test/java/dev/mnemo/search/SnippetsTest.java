package dev.mnemo.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SnippetsTest {
  @Test
  void marksStemmedWordsAndChineseSubstrings() {
    String s = Snippets.of("I went running. 我们讨论了注意力机制。", Set.of("run"), Set.of("注意", "意力"), 200);
    assertEquals("I went **running**. 我们讨论了**注意力**机制。", s);
  }

  @Test
  void longTextIsCutAroundTheMatchesWithEllipses() {
    String text = "filler words here. ".repeat(40) + "The thermostat clicks at night. " + "more filler. ".repeat(40);
    String s = Snippets.of(text, Set.of("thermostat"), Set.of(), 120);
    assertTrue(s.startsWith("…") && s.endsWith("…"), s);
    assertTrue(s.contains("**thermostat**"), s);
    assertTrue(s.length() < 140, s);
  }

  @Test
  void literalEmphasisIsDroppedSoMarksAreUnambiguous() {
    assertEquals("a bold **word**", Snippets.of("a **bold** word", Set.of("word"), Set.of(), 100));
  }
}
