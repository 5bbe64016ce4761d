package dev.mnemo.index;

import dev.mnemo.progress.Progress;
import dev.mnemo.vault.Note;
import dev.mnemo.vault.NoteReader;
import dev.mnemo.vault.UnreadableNoteException;
import dev.mnemo.vault.Vault;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;

/**
 * Brings an index up to date with its vault. Files whose size and modification time are unchanged
 * are not read; files read again but with the same content hash are not re-indexed; files gone from
 * the vault are removed. Each note is replaced atomically, and the work is committed every few
 * seconds, so a kill at any moment loses at most the last few seconds and never leaves half a note.
 */
public final class Indexer {
  private static final long COMMIT_EVERY_MILLIS = 10_000;

  /** What an update did. */
  public record Report(
      int files, int added, int changed, int unchanged, int removed, int chunks,
      List<Vault.Problem> problems, long millis, String notice) {

    public boolean changedAnything() {
      return added + changed + removed > 0;
    }
  }

  /** Parses a note and hands its documents over; the hybrid stage adds vectors here. */
  public interface DocumentMaker {
    List<Document> documents(Note note, String hash, long size, long mtime) throws IOException;

    /** The name of the vectors it adds ("" for none); when an index holds others, every note is redone. */
    default String vectors() {
      return "";
    }

    /** Called before the first note of an update, with the index as it was. */
    default void begin(NoteIndex index) throws IOException {}

    /** Called after the last note of an update. */
    default void end() throws IOException {}

    /** A few words on its own progress (for example embedding rate), or "". */
    default String status() {
      return "";
    }

    DocumentMaker KEYWORD_ONLY = (note, hash, size, mtime) -> IndexSchema.documents(note, hash, size, mtime, null);
  }

  private final NoteReader reader;
  private final DocumentMaker maker;
  private final int threads;
  private final long maxFileSize;

  public Indexer(NoteReader reader, DocumentMaker maker, int threads, long maxFileSize) {
    this.reader = reader;
    this.maker = maker;
    this.threads = Math.max(1, threads);
    this.maxFileSize = maxFileSize;
  }

  public Report update(Vault vault, NoteIndex index, Progress progress) throws IOException {
    return update(vault, index, progress, true);
  }

  /**
   * As {@link #update(Vault, NoteIndex, Progress)}; with {@code commit} false the changes are made
   * visible to this process's searchers at once but made durable only by a later commit (the
   * watcher's way: a commit's fsync is the slow part of a one-note update, and a crash before it only
   * means the next run reads those notes again).
   */
  /** What read the notes in an index: the parser's version and the chunk fields' ({@link IndexSchema#FIELDS}). */
  public static String readerVersion() {
    return dev.mnemo.vault.NoteParser.VERSION + "+" + IndexSchema.FIELDS;
  }

  public Report update(Vault vault, NoteIndex index, Progress progress, boolean commit) throws IOException {
    long t0 = System.currentTimeMillis();
    progress.begin("scanning", -1, "files");
    Vault.Scan scan = vault.scan(maxFileSize);
    progress.end(scan.files().size() + " note files");
    List<Vault.Problem> problems = Collections.synchronizedList(new ArrayList<>(scan.problems()));
    for (Vault.Problem p : scan.problems()) {
      progress.warn(p.toString());
    }

    Map<String, NoteIndex.FileState> states = index.fileStates();
    String oldVectors = index.commitData().getOrDefault(NoteIndex.USER_VECTORS, "");
    boolean redoAll = !states.isEmpty() && !oldVectors.equals(maker.vectors());
    String notice = index.notice();
    // Notes read by another version of the parser are read again (their vectors are reused).
    boolean reread = !redoAll && !states.isEmpty()
        && !readerVersion().equals(index.commitData().get(NoteIndex.USER_PARSER));
    if (reread) {
      String why = "this version of mnemo reads notes differently: every note is read again";
      progress.warn(why);
      notice = notice == null ? why : notice + "; " + why;
    }
    if (redoAll) {
      String why = maker.vectors().isEmpty() ? "vectors dropped (keyword only)"
          : "encoder changed from " + (oldVectors.isEmpty() ? "none" : oldVectors) + " to " + maker.vectors()
              + ": every note is embedded again";
      progress.warn(why);
      notice = notice == null ? why : notice + "; " + why;
    }
    List<Vault.File> work = new ArrayList<>();
    Set<String> present = new HashSet<>();
    int unchanged = 0;
    for (Vault.File f : scan.files()) {
      present.add(f.path());
      NoteIndex.FileState st = states.get(f.path());
      if (!redoAll && !reread && st != null && st.size() == f.size() && st.mtime() == f.modified()) {
        unchanged++;
      } else {
        work.add(f);
      }
    }

    AtomicInteger added = new AtomicInteger();
    AtomicInteger changed = new AtomicInteger();
    AtomicInteger same = new AtomicInteger();
    AtomicInteger removed = new AtomicInteger();
    AtomicInteger chunks = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicLong lastCommit = new AtomicLong(System.currentTimeMillis());

    Map<String, String> commitData = Map.of(NoteIndex.USER_VECTORS, maker.vectors(), NoteIndex.USER_PARSER,
        readerVersion());
    // Until every note is done, a commit keeps the old encoder and parser versions, so that a run cut
    // short is taken up again by the next one.
    Map<String, String> partial = redoAll ? Map.of() : reread ? Map.of(NoteIndex.USER_VECTORS, maker.vectors()) : commitData;
    maker.begin(index);
    progress.begin("indexing", work.size(), "files");
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "mnemo-indexer");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Vault.File f : work) {
        futures.add(pool.submit(() -> {
          NoteIndex.FileState st = states.get(f.path());
          NoteReader.Read read = null;
          try {
            byte[] bytes = NoteReader.bytes(f);
            read = reader.parse(f, bytes, NoteReader.sha256(bytes));
          } catch (UnreadableNoteException e) {
            problems.add(new Vault.Problem(f.path(), e.getMessage() + ", skipped"));
            progress.warn(f.path() + ": " + e.getMessage() + ", skipped");
          } catch (RuntimeException | StackOverflowError e) {
            String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            problems.add(new Vault.Problem(f.path(), "could not be parsed (" + why + "), skipped"));
            progress.warn(f.path() + ": could not be parsed (" + why + "), skipped");
          }
          if (read == null) {
            if (st != null) {
              index.writer().deleteDocuments(new Term(IndexSchema.PATH, f.path()));
              removed.incrementAndGet();
            }
          } else {
            for (String w : read.note().warnings()) {
              problems.add(new Vault.Problem(f.path(), w));
              progress.warn(f.path() + ": " + w);
            }
            List<Document> docs = maker.documents(read.note(), read.hash(), f.size(), f.modified());
            index.writer().updateDocuments(new Term(IndexSchema.PATH, f.path()), docs);
            chunks.addAndGet(read.note().chunks().size());
            if (st == null) {
              added.incrementAndGet();
            } else if (st.hash().equals(read.hash())) {
              same.incrementAndGet();
            } else {
              changed.incrementAndGet();
            }
          }
          String status = maker.status();
          progress.update(done.incrementAndGet(), chunks.get() + " chunks" + (status.isEmpty() ? "" : ", " + status));
          long now = System.currentTimeMillis();
          long last = lastCommit.get();
          if (now - last > COMMIT_EVERY_MILLIS && lastCommit.compareAndSet(last, now)) {
            index.commit(partial);
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (java.util.concurrent.ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof IOException io) {
            throw io;
          }
          throw new IOException("indexing failed: " + cause, cause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("indexing interrupted", e);
        }
      }
    } finally {
      pool.shutdownNow();
      maker.end();
    }
    String status = maker.status();
    progress.end(work.size() + " files read, " + chunks.get() + " chunks" + (status.isEmpty() ? "" : ", " + status));

    for (String path : states.keySet()) {
      if (!present.contains(path)) {
        index.writer().deleteDocuments(new Term(IndexSchema.PATH, path));
        removed.incrementAndGet();
      }
    }
    if (commit) {
      index.commit(commitData);
    } else {
      index.refresh();
    }
    return new Report(scan.files().size(), added.get(), changed.get(), unchanged + same.get(), removed.get(),
        chunks.get(), List.copyOf(problems), System.currentTimeMillis() - t0, notice);
  }
}
