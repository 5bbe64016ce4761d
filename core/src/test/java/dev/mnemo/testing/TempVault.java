package dev.mnemo.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/** A vault in a temporary folder, written file by file by a test. */
public final class TempVault {
  private final Path root;

  public TempVault(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path write(String relative, String text) throws IOException {
    return write(relative, text.getBytes(StandardCharsets.UTF_8));
  }

  public Path write(String relative, byte[] bytes) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    boolean existed = Files.exists(p);
    FileTime before = existed ? Files.getLastModifiedTime(p) : null;
    Files.write(p, bytes);
    // Make sure a rewrite is visible to size/mtime checks even within one clock tick.
    if (before != null && Files.getLastModifiedTime(p).equals(before)) {
      Files.setLastModifiedTime(p, FileTime.fromMillis(before.toMillis() + 1000));
    }
    return p;
  }

  public void delete(String relative) throws IOException {
    Files.delete(root.resolve(relative));
  }

  public void move(String from, String to) throws IOException {
    Path target = root.resolve(to);
    Files.createDirectories(target.getParent());
    Files.move(root.resolve(from), target);
  }

  /**
   * Indexes the vault at {@code vaultRoot} into {@code indexDir} for keyword search (no vectors), on
   * two threads, as {@code mnemo index} does, and returns what the indexer reported.
   */
  public static dev.mnemo.index.Indexer.Report indexKeywordOnly(Path vaultRoot, Path indexDir) throws Exception {
    dev.mnemo.vault.Vault vault = dev.mnemo.vault.Vault.open(vaultRoot);
    try (dev.mnemo.index.NoteIndex index = dev.mnemo.index.NoteIndex.openForWriting(indexDir, vault.root())) {
      return new dev.mnemo.index.Indexer(new dev.mnemo.vault.NoteReader(new dev.mnemo.vault.NoteParser()),
          dev.mnemo.index.Indexer.DocumentMaker.KEYWORD_ONLY, 2, dev.mnemo.vault.Vault.DEFAULT_MAX_FILE_SIZE)
          .update(vault, index, dev.mnemo.progress.Progress.NONE);
    }
  }

  /** The repository's own sample vault. */
  public static Path sample() {
    String repo = System.getProperty("mnemo.repo");
    Path base = repo != null ? Path.of(repo) : Path.of("..");
    return base.resolve("examples").resolve("vault").toAbsolutePath().normalize();
  }

  /** The shared data folder beside the repository, which may be absent. */
  public static Path shared() {
    String shared = System.getProperty("mnemo.shared");
    return (shared != null ? Path.of(shared) : Path.of("..", "..", "shared")).toAbsolutePath().normalize();
  }
}
