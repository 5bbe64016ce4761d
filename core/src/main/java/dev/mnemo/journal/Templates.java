package dev.mnemo.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Note templates: the built-in ones (a bilingual daily journal and a reading note of fixed
 * questions) and any {@code NAME.md} in the vault's templates folder, which win over built-ins of the
 * same name. Placeholders: {@code {{date}}} (ISO), {@code {{date:PATTERN}}}, {@code {{weekday}}},
 * {@code {{星期}}}, {@code {{week}}}, {@code {{time}}}, {@code {{title}}}.
 */
public final class Templates {
  static final Map<String, String> BUILTIN = Map.of(
      "journal", """
          ---
          date: {{date}}
          tags: [journal]
          ---
          # {{date}} {{weekday}} · {{星期}}

          ## 随笔 Notes

          ## 困惑 Questions

          ## 成就 Wins

          ## 思考 Thoughts

          ## 明日规划 Plans for tomorrow
          - [ ] 

          ## Log
          """,
      "reading", """
          ---
          date: {{date}}
          tags: [reading]
          ---
          # {{title}}

          ## Q1 这本书试图解决什么问题？ What problem does it try to solve?

          ## Q2 作者的核心观点是什么？ What is the author's central claim?

          ## Q3 我同意吗？为什么？ Do I agree, and why?

          ## Q4 它和我已经知道的有什么联系？ How does it connect to what I know?

          ## Q5 我会因此做什么不同的事？ What will I do differently?

          ## 摘录 Quotes
          """);

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}:\\s]+)(?::([^}]*))?\\s*}}");
  private static final String[] ZH_WEEKDAYS = {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};

  private final Path folder;

  public Templates(Path vaultRoot, VaultConfig config) {
    this.folder = vaultRoot.resolve(config.templatesFolder());
  }

  /** Every template name there is. */
  public TreeSet<String> names() throws IOException {
    TreeSet<String> out = new TreeSet<>(BUILTIN.keySet());
    if (Files.isDirectory(folder)) {
      try (var s = Files.list(folder)) {
        s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md")).forEach(n -> out.add(n.substring(0, n.length() - 3)));
      }
    }
    return out;
  }

  public String source(String name) throws IOException {
    if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
      throw new IllegalArgumentException("bad template name: " + name);
    }
    Path file = folder.resolve(name + ".md");
    if (Files.isRegularFile(file)) {
      return Files.readString(file, StandardCharsets.UTF_8);
    }
    String builtin = BUILTIN.get(name);
    if (builtin == null) {
      throw new IllegalArgumentException("no template '" + name + "'; there are: " + String.join(", ", names()));
    }
    return builtin;
  }

  public static String render(String template, LocalDate date, LocalTime time, String title) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String key = m.group(1);
      String arg = m.group(2);
      String value = switch (key) {
        case "date" -> arg == null ? date.toString() : date.format(DateTimeFormatter.ofPattern(arg.strip(), Locale.ROOT));
        case "weekday" -> date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        case "星期" -> ZH_WEEKDAYS[date.getDayOfWeek().getValue() - 1];
        case "week" -> String.format(Locale.ROOT, "%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        case "time" -> time.format(DateTimeFormatter.ofPattern("HH:mm"));
        case "title" -> title;
        default -> m.group();
      };
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
