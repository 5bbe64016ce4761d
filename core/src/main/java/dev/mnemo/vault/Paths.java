package dev.mnemo.vault;

import java.util.Locale;

/** Small helpers for vault-relative paths, which always use {@code /}. */
public final class Paths {
  private Paths() {}

  /** The file name without directory and extension: {@code journal/2023-09-03.md} gives {@code 2023-09-03}. */
  public static String stem(String path) {
    String name = fileName(path);
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  public static String fileName(String path) {
    int slash = path.lastIndexOf('/');
    return slash >= 0 ? path.substring(slash + 1) : path;
  }

  /** The directory part, without a trailing slash; empty at the vault root. */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash >= 0 ? path.substring(0, slash) : "";
  }

  /** Whether mnemo reads a file of this name as a note. */
  public static boolean isNoteFile(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".md") || lower.endsWith(".markdown") || lower.endsWith(".txt");
  }
}
