package dev.mnemo.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs every example of {@code parser-spec.md}: the parser's contract, readable and cheap to extend. */
class ParserSpecTest {
  private static final String FENCE = "`".repeat(32);

  record Example(String section, String file, String input, List<String> expected, int line) {}

  @TestFactory
  Stream<DynamicTest> spec() throws IOException {
    return examples().stream().map(ex -> DynamicTest.dynamicTest(
        "line " + ex.line() + ": " + ex.section(), () -> check(ex)));
  }

  private static void check(Example ex) {
    Note note = new NoteParser().parse(ex.file(), SourceText.of(ex.input()));
    Set<String> kinds = new LinkedHashSet<>();
    List<String> expected = new ArrayList<>();
    for (String e : ex.expected()) {
      String kind = e.substring(0, e.indexOf(':'));
      kinds.add(kind);
      if (!e.endsWith(":")) {
        expected.add(e);
      }
    }
    List<String> actual = NoteOutline.of(note).stream()
        .filter(l -> kinds.contains(l.substring(0, l.indexOf(':'))))
        .toList();
    assertEquals(String.join("\n", expected), String.join("\n", actual),
        () -> "spec line " + ex.line() + " (" + ex.section() + "), input " + ex.file() + ":\n" + ex.input());
  }

  static List<Example> examples() throws IOException {
    List<Example> out = new ArrayList<>();
    try (InputStream in = ParserSpecTest.class.getResourceAsStream("/parser-spec.md")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      String section = "";
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.startsWith("#")) {
          section = line.replaceFirst("^#+\\s*", "");
        }
        if (!line.startsWith(FENCE + " example ")) {
          continue;
        }
        String file = line.substring((FENCE + " example ").length()).strip();
        int start = i + 1;
        StringBuilder input = new StringBuilder();
        List<String> expected = new ArrayList<>();
        int j = i + 1;
        for (; !lines.get(j).equals("."); j++) {
          input.append(lines.get(j)).append('\n');
        }
        for (j++; !lines.get(j).equals(FENCE); j++) {
          expected.add(lines.get(j));
        }
        out.add(new Example(section, file, input.toString(), expected, start));
        i = j;
      }
    }
    return out;
  }
}
