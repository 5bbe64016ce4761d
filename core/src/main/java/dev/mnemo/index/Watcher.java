package dev.mnemo.index;

import dev.mnemo.progress.Progress;
import dev.mnemo.vault.Vault;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps an index up to date while a server runs: file-system events (saves, creations, renames,
 * deletions, new folders) wake it, it waits for a short quiet spell so a burst of saves is one update,
 * then runs the incremental indexer, which reads only what changed. A slow poll covers file systems
 * that send no events.
 */
public final class Watcher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("dev.mnemo.watcher");
  private static final long QUIET_MILLIS = 150;
  private static final long POLL_MILLIS = 30_000;

  private final Vault vault;
  private final NoteIndex index;
  private final Indexer indexer;
  private final Consumer<Indexer.Report> onUpdate;
  private final WatchService watch;
  private final Thread thread;
  private volatile boolean running = true;
  /** Changes searchable but not yet committed, and when the last commit was. */
  private boolean dirty;
  private long lastCommit = System.currentTimeMillis();
  private static final long COMMIT_MILLIS = 5_000;

  public Watcher(Vault vault, NoteIndex index, Indexer indexer, Consumer<Indexer.Report> onUpdate) throws IOException {
    this.vault = vault;
    this.index = index;
    this.indexer = indexer;
    this.onUpdate = onUpdate;
    this.watch = FileSystems.getDefault().newWatchService();
    registerTree(vault.root());
    this.thread = Thread.ofPlatform().daemon().name("mnemo-watcher").start(this::loop);
  }

  private void registerTree(Path dir) throws IOException {
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
        String name = d.getFileName() == null ? "" : d.getFileName().toString();
        if (!d.equals(vault.root()) && (name.startsWith(".") || name.equals("node_modules"))) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        d.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
            StandardWatchEventKinds.ENTRY_MODIFY);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException exc) {
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private void loop() {
    while (running) {
      try {
        WatchKey key = watch.poll(dirty ? COMMIT_MILLIS : POLL_MILLIS, TimeUnit.MILLISECONDS);
        boolean woke = key != null;
        boolean newDirs = false;
        if (key != null) {
          // Gather the burst: keep draining until the vault is quiet.
          do {
            Path dir = (Path) key.watchable();
            for (var event : key.pollEvents()) {
              if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && event.context() instanceof Path p
                  && Files.isDirectory(dir.resolve(p))) {
                newDirs = true;
                registerTree(dir.resolve(p));
              }
            }
            key.reset();
            key = watch.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS);
          } while (key != null && running);
        }
        if (!running) {
          break;
        }
        Indexer.Report r = indexer.update(vault, index, Progress.NONE, false);
        if (r.changedAnything()) {
          dirty = true;
        }
        long now = System.currentTimeMillis();
        if (dirty && (!woke || now - lastCommit > COMMIT_MILLIS)) {
          index.commit(java.util.Map.of());
          lastCommit = now;
          dirty = false;
        }
        if (r.changedAnything() || newDirs) {
          onUpdate.accept(r);
        }
      } catch (ClosedWatchServiceException | InterruptedException e) {
        break;
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "updating the index failed, will retry: " + e.getMessage());
      }
    }
  }

  @Override
  public void close() throws IOException {
    running = false;
    watch.close();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (dirty) {
      index.commit(java.util.Map.of());
    }
  }
}
