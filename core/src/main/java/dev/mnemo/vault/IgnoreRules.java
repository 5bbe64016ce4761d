package dev.mnemo.vault;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Paths to leave out of a vault, in gitignore syntax: {@code #} comments, {@code !} negation, a
 * trailing {@code /} for directories only, a {@code /} elsewhere to anchor at the vault root,
 * {@code *}, {@code ?}, {@code [a-z]} and {@code **}. The last rule that matches decides.
 */
public final class IgnoreRules {
  private record Rule(Pattern pattern, boolean negated, boolean directoryOnly, String source) {}

  private final List<Rule> rules;

  private IgnoreRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public static IgnoreRules none() {
    return new IgnoreRules(List.of());
  }

  /** Parses the text of an ignore file; lines that cannot be read as a pattern are ignored. */
  public static IgnoreRules parse(String text) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : text.split("\r\n|\r|\n")) {
      String line = trimTrailingSpaces(raw);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean negated = false;
      if (line.startsWith("!")) {
        negated = true;
        line = line.substring(1);
      } else if (line.startsWith("\\!") || line.startsWith("\\#")) {
        line = line.substring(1);
      }
      boolean dirOnly = line.endsWith("/");
      if (dirOnly) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isEmpty()) {
        continue;
      }
      boolean anchored = line.indexOf('/') >= 0;
      if (line.startsWith("/")) {
        line = line.substring(1);
      }
      String regex = (anchored ? "^" : "^(?:.*/)?") + globToRegex(line) + "$";
      rules.add(new Rule(Pattern.compile(regex), negated, dirOnly, raw));
    }
    return new IgnoreRules(rules);
  }

  /** Whether a vault-relative path ({@code /}-separated) is ignored. */
  public boolean isIgnored(String relativePath, boolean directory) {
    boolean ignored = false;
    for (Rule rule : rules) {
      if (rule.directoryOnly && !directory) {
        continue;
      }
      if (rule.pattern.matcher(relativePath).matches()) {
        ignored = !rule.negated;
      }
    }
    return ignored;
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  private static String trimTrailingSpaces(String line) {
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == ' ' && !(end > 1 && line.charAt(end - 2) == '\\')) {
      end--;
    }
    return line.substring(0, end);
  }

  static String globToRegex(String glob) {
    StringBuilder re = new StringBuilder();
    int n = glob.length();
    for (int i = 0; i < n; i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
          boolean doubleStar = i + 1 < n && glob.charAt(i + 1) == '*';
          if (doubleStar) {
            boolean atSegmentStart = i == 0 || glob.charAt(i - 1) == '/';
            boolean atSegmentEnd = i + 2 == n || glob.charAt(i + 2) == '/';
            i++;
            if (atSegmentStart && atSegmentEnd) {
              if (i + 1 < n) {
                re.append("(?:.*/)?"); // "**/" : any number of directories, including none
                i++;
              } else {
                re.append(".*"); // trailing "/**": everything inside
              }
            } else {
              re.append("[^/]*");
            }
          } else {
            re.append("[^/]*");
          }
        }
        case '?' -> re.append("[^/]");
        case '[' -> {
          int close = glob.indexOf(']', i + 2);
          if (close < 0) {
            re.append("\\[");
          } else {
            String body = glob.substring(i + 1, close);
            if (body.startsWith("!")) {
              body = "^" + body.substring(1);
            }
            re.append('[').append(body.replace("\\", "\\\\")).append(']');
            i = close;
          }
        }
        case '\\' -> {
          if (i + 1 < n) {
            re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
          }
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }
}
