package dev.mnemo.cli;

import java.util.Map;

/** What the output stream is: a terminal that takes colour, or a pipe. */
final class Terminal {
  private Terminal() {}

  static boolean isInteractive() {
    java.io.Console console = System.console();
    return console != null && console.isTerminal();
  }

  static boolean colour(Map<String, String> env, boolean json) {
    return !json && isInteractive() && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
  }

  static String bold(String s, boolean on) {
    return on ? "\033[1m" + s + "\033[0m" : s;
  }

  static String colour(String s, int code, boolean on) {
    return on ? "\033[" + code + "m" + s + "\033[0m" : s;
  }

  static final int RED = 31;
  static final int GREEN = 32;
  static final int YELLOW = 33;
  static final int MAGENTA = 35;
  static final int CYAN = 36;
  static final int DIM = 2;
}
