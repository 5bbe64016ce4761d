package dev.mnemo.vault;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * YAML front matter: a block between a {@code ---} first line and the next {@code ---} or
 * {@code ...} line. Parsed safely (no types, bounded aliases, nesting and size).
 *
 * @param properties the parsed mapping (empty if there is none or it is not a mapping)
 * @param endLine the line of the closing fence, or 0 when the note has no front matter
 * @param error why the block could not be read, or null
 */
public record FrontMatter(Map<String, Object> properties, int endLine, String error) {
  private static final int MAX_LINES = 2000;

  static final FrontMatter NONE = new FrontMatter(Map.of(), 0, null);

  static FrontMatter read(SourceText text) {
    if (text.lineCount() < 2 || !text.line(1).stripTrailing().equals("---")) {
      return NONE;
    }
    int limit = Math.min(text.lineCount(), MAX_LINES);
    for (int n = 2; n <= limit; n++) {
      String line = text.line(n).stripTrailing();
      if (line.equals("---") || line.equals("...")) {
        String yaml = n > 2 ? text.lines(2, n - 1) : "";
        return parse(yaml, n);
      }
    }
    return NONE;
  }

  private static FrontMatter parse(String yaml, int endLine) {
    if (yaml.isBlank()) {
      return new FrontMatter(Map.of(), endLine, null);
    }
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(20);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(32);
    options.setCodePointLimit(1 << 20);
    options.setAllowDuplicateKeys(true);
    try {
      Object loaded = new Yaml(new SafeConstructor(options)).load(yaml);
      if (loaded instanceof Map<?, ?> map) {
        Map<String, Object> props = new LinkedHashMap<>();
        map.forEach((k, v) -> props.put(String.valueOf(k), normalise(v)));
        return new FrontMatter(props, endLine, null);
      }
      return new FrontMatter(Map.of(), endLine, loaded == null ? null : "front matter is not a mapping");
    } catch (YAMLException | ClassCastException | IllegalArgumentException | StackOverflowError e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
      return new FrontMatter(Map.of(), endLine, "front matter is not valid YAML: " + msg);
    }
  }

  private static Object normalise(Object v) {
    if (v instanceof Date d) {
      return d.toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), normalise(x)));
      return out;
    }
    if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>();
      c.forEach(x -> out.add(normalise(x)));
      return out;
    }
    return v;
  }

  /** A property read as a list of strings: YAML lists, {@code [a, b]} written inline, or {@code a, b}. */
  public static List<String> stringList(Map<String, Object> props, String... keys) {
    List<String> out = new ArrayList<>();
    for (String key : keys) {
      Object v = props.get(key);
      if (v instanceof Collection<?> c) {
        for (Object x : c) {
          if (x != null && !String.valueOf(x).isBlank()) {
            out.add(String.valueOf(x).strip());
          }
        }
      } else if (v != null) {
        String s = String.valueOf(v).strip();
        if (s.startsWith("[") && s.endsWith("]")) {
          s = s.substring(1, s.length() - 1);
        }
        for (String part : s.split("[,，]")) {
          String p = part.strip();
          if (p.length() >= 2 && (p.startsWith("\"") && p.endsWith("\"") || p.startsWith("'") && p.endsWith("'"))) {
            p = p.substring(1, p.length() - 1);
          }
          if (!p.isEmpty()) {
            out.add(p);
          }
        }
      }
    }
    return out;
  }

  /** The first of {@code keys} that holds a date. */
  public static Optional<LocalDate> date(Map<String, Object> props, String... keys) {
    for (String key : keys) {
      Object v = props.get(key);
      // Unquoted, YAML reads Obsidian's "date: [[2024-03-25]]" as a list in a list.
      while (v instanceof java.util.List<?> list && list.size() == 1) {
        v = list.get(0);
      }
      if (v != null) {
        Optional<LocalDate> d = Dates.parse(LINKED.matcher(String.valueOf(v).strip()).replaceFirst("$1"));
        if (d.isPresent()) {
          return d;
        }
      }
    }
    return Optional.empty();
  }

  /** A date written as a link to its daily note: {@code [[2024-03-25]]}, {@code [[2024-03-25|Monday]]}. */
  private static final java.util.regex.Pattern LINKED = java.util.regex.Pattern.compile("^\\[\\[([^\\]|#]+)(?:[|#][^\\]]*)?]]$");

  /** A property as a single string, or null. */
  public static String string(Map<String, Object> props, String key) {
    Object v = props.get(key);
    if (v == null || v instanceof Map || v instanceof Collection) {
      return null;
    }
    String s = String.valueOf(v).strip();
    return s.isEmpty() ? null : s;
  }
}
