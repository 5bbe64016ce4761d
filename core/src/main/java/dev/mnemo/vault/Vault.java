package dev.mnemo.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A folder of notes. Knows which files are notes, reads them, and resolves vault-relative paths
 * so that none can escape the folder: not by {@code ..}, not by an absolute path, not by a symlink.
 */
public final class Vault {
  /** Directories never scanned, besides every hidden (dot) directory. */
  private static final Set<String> SKIPPED_DIRS = Set.of("node_modules", "__pycache__");
  /** Logseq keeps backups and old versions of pages here; they would duplicate every hit. */
  private static final Set<String> SKIPPED_PATHS = Set.of("logseq/bak", "logseq/version-files");
  public static final String IGNORE_FILE = ".mnemoignore";
  /** Files larger than this are reported and skipped, unless the caller sets another limit. */
  public static final long DEFAULT_MAX_FILE_SIZE = 20L << 20;

  /** A note file found by a scan. */
  public record File(String path, Path absolute, long size, long modified) {}

  /** Something in the vault that could not be read, and why. */
  public record Problem(String path, String message) {
    @Override
    public String toString() {
      return (path.isEmpty() ? "." : path) + ": " + message;
    }
  }

  /** What a scan found: note files in path order, and what it skipped and why. */
  public record Scan(List<File> files, List<Problem> problems) {}

  private final Path root;
  private final IgnoreRules ignore;

  private Vault(Path root, IgnoreRules ignore) {
    this.root = root;
    this.ignore = ignore;
  }

  /** Opens a vault folder, reading its {@code .mnemoignore} if there is one. */
  public static Vault open(Path dir) throws VaultException {
    if (!Files.exists(dir)) {
      throw new VaultException("vault not found: " + dir + " (no such directory)");
    }
    if (!Files.isDirectory(dir)) {
      throw new VaultException("not a vault: " + dir + " is a file, not a directory");
    }
    Path real;
    try {
      real = dir.toRealPath();
    } catch (IOException e) {
      throw new VaultException("cannot open vault " + dir + ": " + e.getMessage());
    }
    if (!Files.isReadable(real)) {
      throw new VaultException("cannot read vault " + dir + ": permission denied");
    }
    IgnoreRules rules = IgnoreRules.none();
    Path ignoreFile = real.resolve(IGNORE_FILE);
    if (Files.isRegularFile(ignoreFile)) {
      try {
        rules = IgnoreRules.parse(Files.readString(ignoreFile, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new VaultException("cannot read " + ignoreFile + ": " + e.getMessage());
      }
    }
    return new Vault(real, rules);
  }

  /** The vault's real, absolute path. */
  public Path root() {
    return root;
  }

  /** Finds every note file, skipping hidden and ignored folders, and reports what it could not read. */
  public Scan scan(long maxFileSize) {
    List<File> files = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Set<Path> visited = new HashSet<>();
    visited.add(root);
    Deque<String> dirs = new ArrayDeque<>();
    dirs.push("");
    while (!dirs.isEmpty()) {
      String rel = dirs.pop();
      Path dir = rel.isEmpty() ? root : root.resolve(rel);
      List<Path> children = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
        stream.forEach(children::add);
      } catch (AccessDeniedException e) {
        problems.add(new Problem(rel, "cannot read folder: permission denied, skipped"));
        continue;
      } catch (NoSuchFileException e) {
        problems.add(new Problem(rel, "folder disappeared during the scan, skipped"));
        continue;
      } catch (IOException e) {
        problems.add(new Problem(rel, "cannot read folder: " + e.getMessage() + ", skipped"));
        continue;
      }
      children.sort(null);
      List<String> subdirs = new ArrayList<>();
      for (Path child : children) {
        String name = child.getFileName().toString();
        String childRel = rel.isEmpty() ? name : rel + "/" + name;
        visit(child, name, childRel, maxFileSize, files, subdirs, problems, visited);
      }
      for (int i = subdirs.size() - 1; i >= 0; i--) {
        dirs.push(subdirs.get(i));
      }
    }
    files.sort((a, b) -> a.path().compareTo(b.path()));
    return new Scan(List.copyOf(files), List.copyOf(problems));
  }

  private void visit(Path child, String name, String rel, long maxFileSize, List<File> files,
      List<String> subdirs, List<Problem> problems, Set<Path> visited) {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attrs.isSymbolicLink()) {
        Path target;
        try {
          target = child.toRealPath();
        } catch (IOException e) {
          if (Paths.isNoteFile(name)) {
            problems.add(new Problem(rel, "broken symlink, skipped"));
          }
          return;
        }
        if (!target.startsWith(root)) {
          problems.add(new Problem(rel, "symlink leads outside the vault, skipped"));
          return;
        }
        attrs = Files.readAttributes(target, BasicFileAttributes.class);
        if (attrs.isDirectory() && !visited.add(target)) {
          problems.add(new Problem(rel, "symlink loop, skipped"));
          return;
        }
      } else if (attrs.isDirectory()) {
        try {
          if (!visited.add(child.toRealPath())) {
            problems.add(new Problem(rel, "folder seen twice (loop), skipped"));
            return;
          }
        } catch (IOException e) {
          problems.add(new Problem(rel, "cannot resolve folder: " + e.getMessage() + ", skipped"));
          return;
        }
      }
    } catch (NoSuchFileException e) {
      problems.add(new Problem(rel, "removed during the scan, skipped"));
      return;
    } catch (IOException e) {
      problems.add(new Problem(rel, "cannot read: " + e.getMessage() + ", skipped"));
      return;
    }
    if (attrs.isDirectory()) {
      if (name.startsWith(".") || SKIPPED_DIRS.contains(name) || SKIPPED_PATHS.contains(rel.toLowerCase(Locale.ROOT))
          || ignore.isIgnored(rel, true)) {
        return;
      }
      subdirs.add(rel);
      return;
    }
    if (!attrs.isRegularFile() || !Paths.isNoteFile(name) || name.equals(IGNORE_FILE) || ignore.isIgnored(rel, false)) {
      return;
    }
    if (attrs.size() > maxFileSize) {
      problems.add(new Problem(rel, String.format(Locale.ROOT, "too large (%s, limit %s), skipped",
          humanSize(attrs.size()), humanSize(maxFileSize))));
      return;
    }
    files.add(new File(rel, child, attrs.size(), attrs.lastModifiedTime().toMillis()));
  }

  /**
   * Resolves a vault-relative path to a file inside the vault, refusing anything that would leave
   * it: absolute paths, {@code ..} segments, NUL bytes, and symlinks whose target lies outside.
   * The file need not exist (write commands create files), but its parent must resolve inside.
   */
  public Path resolve(String relative) throws VaultException {
    if (relative == null || relative.isBlank()) {
      throw new VaultException("empty path");
    }
    if (relative.indexOf('\0') >= 0) {
      throw new VaultException("path contains a NUL byte");
    }
    String p = relative.replace('\\', '/');
    if (p.startsWith("/") || p.matches("^[A-Za-z]:.*") || p.startsWith("~")) {
      throw new VaultException("path must be relative to the vault: " + relative);
    }
    for (String segment : p.split("/")) {
      if (segment.equals("..")) {
        throw new VaultException("path leaves the vault: " + relative);
      }
    }
    Path candidate = root.resolve(p).normalize();
    if (!candidate.startsWith(root)) {
      throw new VaultException("path leaves the vault: " + relative);
    }
    // Follow symlinks of whatever part already exists; it too must stay inside.
    Path existing = candidate;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing != null) {
      try {
        Path real = existing.toRealPath();
        if (!real.startsWith(root)) {
          throw new VaultException("path leaves the vault through a symlink: " + relative);
        }
      } catch (IOException e) {
        throw new VaultException("cannot resolve " + relative + ": " + e.getMessage());
      }
    }
    return candidate;
  }

  /** The vault-relative path of a file inside the vault, {@code /}-separated. */
  public String relativize(Path file) {
    return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  public boolean isIgnored(String relative) {
    String name = Paths.fileName(relative);
    if (!Paths.isNoteFile(name) || ignore.isIgnored(relative, false)) {
      return true;
    }
    String[] parts = relative.split("/");
    StringBuilder sofar = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      if (sofar.length() > 0) {
        sofar.append('/');
      }
      sofar.append(parts[i]);
      String dir = sofar.toString();
      if (parts[i].startsWith(".") || SKIPPED_DIRS.contains(parts[i]) || SKIPPED_PATHS.contains(dir.toLowerCase(Locale.ROOT))
          || ignore.isIgnored(dir, true)) {
        return true;
      }
    }
    return false;
  }

  static String humanSize(long bytes) {
    if (bytes >= 1L << 20) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
    }
    if (bytes >= 1L << 10) {
      return String.format(Locale.ROOT, "%.1f KB", bytes / (double) (1L << 10));
    }
    return bytes + " B";
  }
}
