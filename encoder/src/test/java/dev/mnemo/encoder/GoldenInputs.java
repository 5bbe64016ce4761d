package dev.mnemo.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The texts every golden test runs: the committed list, two texts longer than any model takes, and the seeds' paragraphs when present. */
final class GoldenInputs {
  private GoldenInputs() {}

  static List<String> all(boolean withSeeds) throws IOException {
    List<String> out = new ArrayList<>();
    try (InputStream in = GoldenInputs.class.getResourceAsStream("/golden-inputs.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("#")) {
          continue;
        }
        out.add(line.equals("=") ? "" : unescape(line));
      }
    }
    out.add("Attention lets every token look at every other token. ".repeat(120));
    out.add("注意力机制让每个词都能看到其他所有的词，并决定要听谁的。".repeat(40));
    if (withSeeds) {
      out.addAll(seedParagraphs(40));
    }
    return out;
  }

  /** Up to {@code max} blank-line paragraphs of ../shared/seeds, empty when absent. */
  static List<String> seedParagraphs(int max) throws IOException {
    String shared = System.getProperty("mnemo.shared");
    Path seeds = (shared != null ? Path.of(shared) : Path.of("..", "..", "shared")).resolve("seeds");
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(seeds)) {
      return out;
    }
    try (var files = Files.list(seeds)) {
      for (Path f : files.sorted().toList()) {
        for (String p : Files.readString(f).split("\n\\s*\n")) {
          if (!p.isBlank() && out.size() < max) {
            out.add(p.strip());
          }
        }
      }
    }
    return out;
  }

  static String unescape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char e = s.charAt(++i);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case 'u' -> {
            sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
            i += 4;
          }
          default -> sb.append('\\').append(e);
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
