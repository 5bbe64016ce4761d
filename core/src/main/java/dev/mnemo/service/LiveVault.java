package dev.mnemo.service;

import dev.mnemo.index.IndexException;
import dev.mnemo.index.Indexer;
import dev.mnemo.index.NoteIndex;
import dev.mnemo.index.Watcher;
import dev.mnemo.progress.Progress;
import dev.mnemo.vault.NoteParser;
import dev.mnemo.vault.NoteReader;
import dev.mnemo.vault.Vault;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A vault whose index follows it while a server runs: indexed when opened (incrementally), then kept
 * up to date by a {@link Watcher}. When another mnemo process already writes the index, this one
 * reads it and picks up that process's commits before each request instead.
 */
public final class LiveVault implements AutoCloseable {
  private final NoteIndex index;
  private final Watcher watcher;
  private final VaultService service;
  private final boolean writer;

  private LiveVault(NoteIndex index, Watcher watcher, VaultService service, boolean writer) {
    this.index = index;
    this.watcher = watcher;
    this.service = service;
    this.writer = writer;
  }

  public static LiveVault open(Vault vault, Path indexDir, Indexer.DocumentMaker maker, Supplier<LocalDate> today,
      Progress progress, Consumer<Indexer.Report> onUpdate) throws IOException, IndexException {
    NoteIndex index;
    try {
      index = NoteIndex.openForWriting(indexDir, vault.root());
    } catch (IndexException e) {
      if (!e.getMessage().contains("another mnemo process")) {
        throw e;
      }
      index = NoteIndex.openForReading(indexDir);
      progress.warn("another mnemo process keeps this index up to date; reading it");
      return new LiveVault(index, null, new VaultService(vault, index, today), false);
    }
    try {
      Indexer indexer = new Indexer(new NoteReader(new NoteParser()), maker, Runtime.getRuntime().availableProcessors(),
          Vault.DEFAULT_MAX_FILE_SIZE);
      Indexer.Report first = indexer.update(vault, index, progress);
      onUpdate.accept(first);
      Watcher watcher = new Watcher(vault, index, indexer, onUpdate);
      return new LiveVault(index, watcher, new VaultService(vault, index, today), true);
    } catch (IOException | RuntimeException e) {
      index.close();
      throw e;
    }
  }

  public VaultService service() {
    return service;
  }

  public NoteIndex index() {
    return index;
  }

  /** Whether this process keeps the index up to date (else another does). */
  public boolean writer() {
    return writer;
  }

  /** Before a request: a reader picks up the writer process's latest commit. */
  public void refresh() {
    if (!writer) {
      try {
        index.refresh();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (watcher != null) {
        watcher.close();
      }
    } finally {
      index.close();
    }
  }
}
