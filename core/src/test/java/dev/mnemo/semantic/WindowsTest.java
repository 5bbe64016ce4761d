package dev.mnemo.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
  void windowsCoverTheWholeTextInOrderWithinTheBudget() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      sb.append("第").append(i).append("句话讲的是一件完全不同的事情。");
    }
    sb.append("And then an English sentence about something else entirely. ");
    String text = sb.toString();
    List<String> windows = Windows.of(text, 60);
    assertTrue(windows.size() > 5, windows.toString());
    assertEquals(text.replaceAll("\\s", ""), String.join("", windows).replaceAll("\\s", ""));
    for (String w : windows) {
      assertTrue(Windows.cost(w) <= 60, w);
    }
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
