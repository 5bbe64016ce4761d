package dev.mnemo.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsTest {
  @Test
  void sentencesEndAtChineseAndLatinPunctuationButNotInsideNumbers() {
    assertEquals(List.of("今天下雨。", "我没出门！", "Pi is 3.14 here. ", "Done?"),
        Windows.sentences("今天下雨。我没出门！Pi is 3.14 here. Done?"));
    assertEquals(List.of("他说：「走吧。」", "好。"), Windows.sentences("他说：「走吧。」好。"));
    assertEquals(List.of("line one\n", "line two"), Windows.sentences("line one\nline two"));
  }

  @Test
  void windowsCoverTheWholeTextInOrderWithinTheBudgetAndNeighboursShareOne() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      sb.append("第").append(i).append("句话讲的是一件完全不同的事情。");
    }
    sb.append("And then an English sentence about something else entirely. ");
    String text = sb.toString();
    List<String> sentences = Windows.sentences(text).stream().map(String::strip).toList();
    List<String> windows = Windows.of(text, 60);
    assertTrue(windows.size() > 5, windows.toString());
    for (String w : windows) {
      assertTrue(Windows.cost(w) <= 60, w);
    }
    // Every sentence is in a window, and every two neighbours are in one together, in order.
    int from = 0;
    for (int i = 0; i + 1 < sentences.size(); i++) {
      String pair = sentences.get(i) + sentences.get(i + 1);
      int at = from;
      while (at < windows.size() && !windows.get(at).replace(" ", "").contains(pair.replace(" ", ""))) {
        at++;
      }
      assertTrue(at < windows.size(), "no window holds " + pair + " after window " + from);
      from = at;
    }
    // Each window starts about half-way into the one before, not at its start or past its end.
    for (int i = 1; i < windows.size(); i++) {
      String first = Windows.sentences(windows.get(i)).get(0).strip();
      assertTrue(windows.get(i - 1).contains(first), windows.get(i - 1) + " / " + windows.get(i));
      assertFalse(windows.get(i - 1).startsWith(first), windows.get(i - 1) + " / " + windows.get(i));
    }
  }

  @Test
  void aWindowOfOneSentenceIsFollowedByTheNextSentence() {
    String longSentence = "词".repeat(80) + "。";
    assertEquals(List.of("短句。", longSentence, "又一句。"), Windows.of("短句。" + longSentence + "又一句。", 50));
  }

  @Test
  void aShortTextIsOneWindowAndALongSentenceIsNeverCut() {
    assertEquals(List.of("A short note."), Windows.of("A short note.", 120));
    String longSentence = "词".repeat(300) + "。";
    assertEquals(List.of("短句。", longSentence), Windows.of("短句。" + longSentence, 120));
    assertEquals(List.of(""), Windows.of("", 120));
  }

  @Test
  void costCountsChineseCharactersAndLatinWords() {
    assertEquals(4, Windows.cost("注意力机"));
    assertEquals(4, Windows.cost("one two three"));
  }
}
