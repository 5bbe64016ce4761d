package dev.mnemo.index;

import dev.mnemo.json.Json;
import dev.mnemo.vault.Note;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * A vault's Lucene index on disk. Opened for reading (any number of processes) or for writing (one
 * process, holding Lucene's write lock). Every change becomes visible to other processes only by an
 * atomic commit, so a crash at any moment leaves the last commit intact.
 */
public final class NoteIndex implements Closeable {
  /** BM25 constants, chosen on the training splits (see the README's evaluation section). */
  public static final float BM25_K1 = 0.9f;
  public static final float BM25_B = 0.4f;

  public static final String USER_SCHEMA = "mnemo.schema";
  public static final String USER_VAULT = "mnemo.vault";
  public static final String USER_UPDATED = "mnemo.updated";
  /** The encoder models whose vectors the index holds ({@link dev.mnemo.semantic.Models#name()}), or "". */
  public static final String USER_VECTORS = "mnemo.vectors";
  /** What read the notes in the index ({@link Indexer#readerVersion()}). */
  public static final String USER_PARSER = "mnemo.parser";

  /** What a note's {@code note} document says about the file it was read from. */
  public record FileState(String hash, long size, long mtime) {}

  private final Path dir;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final String notice;

  private NoteIndex(Path dir, Directory directory, IndexWriter writer, SearcherManager searchers, String notice) {
    this.dir = dir;
    this.directory = directory;
    this.writer = writer;
    this.searchers = searchers;
    this.notice = notice;
  }

  public static Similarity similarity() {
    return new BM25Similarity(BM25_K1, BM25_B);
  }

  /** Opens an existing index for searching; fails with a clear message if there is none. */
  public static NoteIndex openForReading(Path dir) throws IndexException {
    if (!Files.isDirectory(dir)) {
      throw new IndexException.NotIndexed(dir);
    }
    try {
      Directory directory = FSDirectory.open(dir);
      if (!DirectoryReader.indexExists(directory)) {
        directory.close();
        throw new IndexException.NotIndexed(dir);
      }
      SearcherManager sm = new SearcherManager(directory, searcherFactory());
      return new NoteIndex(dir, directory, null, sm, null);
    } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException e) {
      throw new IndexException("the index at " + dir + " cannot be read (" + e.getClass().getSimpleName()
          + "); run `mnemo index` to rebuild it");
    } catch (IOException e) {
      throw new IndexException("cannot open the index at " + dir + ": " + e.getMessage());
    }
  }

  /**
   * Opens or creates the index for writing. An index of another schema, or one Lucene cannot read, is
   * moved aside and rebuilt; {@link #notice()} says so.
   */
  public static NoteIndex openForWriting(Path dir, Path vaultRoot) throws IndexException {
    String notice = null;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IndexException("cannot create the index folder " + dir + ": " + e.getMessage());
    }
    try {
      Directory directory = FSDirectory.open(dir);
      if (DirectoryReader.indexExists(directory)) {
        try {
          Map<String, String> data = SegmentInfos.readLatestCommit(directory).getUserData();
          String vault = data.get(USER_VAULT);
          if (vault != null && !vault.equals(vaultRoot.toString())) {
            directory.close();
            throw new IndexException("the index at " + dir + " belongs to another vault (" + vault
                + "); choose another --index folder");
          }
          if (!IndexSchema.VERSION.equals(data.get(USER_SCHEMA))) {
            notice = "the index was built by another version of mnemo; rebuilding it";
            directory.close();
            moveAside(dir);
            directory = FSDirectory.open(dir);
          }
        } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException e) {
          notice = "the index could not be read (" + e.getClass().getSimpleName() + "); moved it aside and rebuilding";
          directory.close();
          moveAside(dir);
          directory = FSDirectory.open(dir);
        }
      }
      IndexWriterConfig config = new IndexWriterConfig(IndexSchema.analyzer())
          .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
          .setSimilarity(similarity())
          .setRAMBufferSizeMB(64)
          .setCommitOnClose(false);
      IndexWriter writer;
      try {
        writer = new IndexWriter(directory, config);
      } catch (LockObtainFailedException e) {
        directory.close();
        throw new IndexException("another mnemo process is writing the index at " + dir
            + " (for example `mnemo serve` on this vault, which keeps it up to date by itself)");
      }
      if (writer.getLiveCommitData() == null || !writer.getLiveCommitData().iterator().hasNext()) {
        writer.setLiveCommitData(Map.of(USER_SCHEMA, IndexSchema.VERSION, USER_VAULT, vaultRoot.toString()).entrySet());
      }
      SearcherManager sm = new SearcherManager(writer, searcherFactory());
      return new NoteIndex(dir, directory, writer, sm, notice);
    } catch (IOException e) {
      throw new IndexException("cannot open the index at " + dir + " for writing: " + e.getMessage());
    }
  }

  private static void moveAside(Path dir) throws IOException {
    Path aside = dir.resolveSibling(dir.getFileName() + ".broken-" + System.currentTimeMillis());
    Files.move(dir, aside);
    Files.createDirectories(dir);
  }

  private static SearcherFactory searcherFactory() {
    return new SearcherFactory() {
      @Override
      public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
        IndexSearcher s = new IndexSearcher(reader);
        s.setSimilarity(similarity());
        return s;
      }
    };
  }

  public Path dir() {
    return dir;
  }

  /** What opening had to do (rebuild, repair), for the person to read; or null. */
  public String notice() {
    return notice;
  }

  public boolean writable() {
    return writer != null;
  }

  public IndexWriter writer() {
    if (writer == null) {
      throw new IllegalStateException("index opened read-only");
    }
    return writer;
  }

  public IndexSearcher acquire() throws IOException {
    return searchers.acquire();
  }

  public void release(IndexSearcher searcher) throws IOException {
    searchers.release(searcher);
  }

  /** Makes changes visible to searchers of this process (without a commit). */
  public void refresh() throws IOException {
    searchers.maybeRefreshBlocking();
  }

  /** Commits everything written so far, atomically. */
  public void commit(Map<String, String> extra) throws IOException {
    Map<String, String> data = new LinkedHashMap<>();
    if (writer.getLiveCommitData() != null) {
      writer.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
    }
    data.putAll(extra);
    data.put(USER_UPDATED, Instant.now().toString());
    writer.setLiveCommitData(data.entrySet());
    writer.commit();
    searchers.maybeRefreshBlocking();
  }

  /** The user data of the last commit (schema, vault, model...), as this process sees the index now. */
  public Map<String, String> commitData() throws IOException {
    if (writer != null && writer.getLiveCommitData() != null) {
      Map<String, String> data = new HashMap<>();
      writer.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
      return data;
    }
    IndexSearcher s = acquire();
    try {
      if (s.getIndexReader() instanceof DirectoryReader d) {
        return d.getIndexCommit().getUserData();
      }
    } finally {
      release(s);
    }
    return SegmentInfos.readLatestCommit(directory).getUserData();
  }

  /** Path to the state of each indexed file. */
  public Map<String, FileState> fileStates() throws IOException {
    Map<String, FileState> out = new HashMap<>();
    forEachNoteDoc(d -> out.put(d.get(IndexSchema.PATH), new FileState(d.get(IndexSchema.HASH),
        d.getField(IndexSchema.SIZE).numericValue().longValue(), d.getField(IndexSchema.MTIME).numericValue().longValue())));
    return out;
  }

  /** Every indexed note (without chunks), in path order. */
  public List<Note> notes() throws IOException {
    List<Note> out = new ArrayList<>();
    forEachNoteDoc(d -> out.add(Json.read(d.get(IndexSchema.NOTE_JSON), Note.class)));
    out.sort((a, b) -> a.path().compareTo(b.path()));
    return out;
  }

  /** One indexed note (without chunks), or null. */
  public Note note(String path) throws IOException {
    IndexSearcher s = acquire();
    try {
      var top = s.search(new org.apache.lucene.search.BooleanQuery.Builder()
          .add(new TermQuery(new Term(IndexSchema.PATH, path)), org.apache.lucene.search.BooleanClause.Occur.FILTER)
          .add(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_NOTE)), org.apache.lucene.search.BooleanClause.Occur.FILTER)
          .build(), 1);
      if (top.scoreDocs.length == 0) {
        return null;
      }
      Document d = s.storedFields().document(top.scoreDocs[0].doc);
      return Json.read(d.get(IndexSchema.NOTE_JSON), Note.class);
    } finally {
      release(s);
    }
  }

  private interface DocConsumer {
    void accept(Document d) throws IOException;
  }

  private void forEachNoteDoc(DocConsumer consumer) throws IOException {
    IndexSearcher s = acquire();
    try {
      TermQuery q = new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_NOTE));
      int count = Math.max(1, s.count(q));
      StoredFields stored = s.storedFields();
      for (ScoreDoc sd : s.search(q, count).scoreDocs) {
        consumer.accept(stored.document(sd.doc));
      }
    } finally {
      release(s);
    }
  }

  /** Closes without committing: whatever was not committed is dropped, as after a crash. */
  @Override
  public void close() throws IOException {
    try {
      searchers.close();
    } finally {
      try {
        if (writer != null) {
          writer.rollback();
        }
      } finally {
        directory.close();
      }
    }
  }
}
