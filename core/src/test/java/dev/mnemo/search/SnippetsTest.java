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

  @Test
  void rareTermsChooseThePassageAndCommonOnesAreNotMarked() {
    java.util.Map<String, Double> idf = java.util.Map.of("i", 0.3, "did", 0.4, "plan", 2.5, "week", 2.0);
    String text = "I did this and I did that, and I did it again because I did. ".repeat(6)
        + "The plan for the week: finish the draft. " + "Filler that goes on. ".repeat(20);
    String s = Snippets.of(text, Set.of("i", "did", "plan", "week"), Set.of(), t -> idf.getOrDefault(t, 1.0), 120);
    assertTrue(s.contains("**plan**") && s.contains("**week**"), s);
    assertTrue(!s.contains("**I**") && !s.contains("**did**"), s);
    assertEquals("**I** **did** it.", Snippets.of("I did it.", Set.of("i", "did", "plan"), Set.of(),
        t -> idf.getOrDefault(t, 1.0), 120), "when only common terms match, they are what is marked");
  }
}
