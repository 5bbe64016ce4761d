package dev.mnemo.index;

import dev.mnemo.json.Json;
import dev.mnemo.vault.Chunk;
import dev.mnemo.vault.Note;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene documents of one note: one {@code note} document holding what the journal needs
 * (links, entries, tasks...) and one {@code chunk} document per chunk, all sharing the note's
 * {@link #PATH} so that a note is replaced or removed in one atomic step.
 */
public final class IndexSchema {
  private IndexSchema() {}

  /** Bumped whenever documents change shape; an index of another schema is rebuilt. */
  public static final String VERSION = "2";

  /**
   * Bumped when chunk documents gain a field that reading the notes again fills in, with no new
   * embeddings: an index of other fields reads every note again (as after a parser change), and
   * until then its documents simply lack the field.
   */
  public static final String FIELDS = "2";

  /** A chunk's share of link characters, in thousandths ({@link Navigation}). */
  public static final String NAV = "nav";

  public static final String KIND = "kind";
  public static final String KIND_NOTE = "note";
  public static final String KIND_CHUNK = "chunk";
  /** A window of a chunk's sentences with its vectors, just before its chunk in the note's block. */
  public static final String KIND_WINDOW = "window";

  public static final String PATH = "path";
  public static final String PATH_LOWER = "path_lc";
  public static final String HASH = "hash";
  public static final String SIZE = "size";
  public static final String MTIME = "mtime";
  public static final String NOTE_JSON = "note";

  public static final String TITLE = "title";
  public static final String TITLE_GRAMS = "title_gram";
  public static final String HEADING = "heading";
  public static final String BODY = "body";
  public static final String GRAMS = "gram";
  public static final String TEXT = "text";
  public static final String TAG = "tag";
  public static final String DATE = "date";
  public static final String START = "start";
  public static final String END = "end";
  public static final String ORDINAL = "ordinal";
  public static final String ENTRY = "entry";
  public static final String CHUNK_HASH = "chash";

  /** Index-time analysis per field. */
  public static Analyzer analyzer() {
    return new PerFieldAnalyzerWrapper(Analyzers.words(), Map.of(
        GRAMS, Analyzers.grams(),
        TITLE_GRAMS, Analyzers.grams()));
  }

  /** The text an encoder sees for a chunk: title and headings give it context. */
  public static String embeddingText(Note note, Chunk chunk) {
    return embeddingPrefix(note, chunk) + chunk.text();
  }

  /** What goes before a chunk's text, or a part of it, for an encoder: its title and headings. */
  public static String embeddingPrefix(Note note, Chunk chunk) {
    StringBuilder sb = new StringBuilder();
    String heading = chunk.heading();
    if (!note.title().isBlank() && !heading.startsWith(note.title())) {
      sb.append(note.title()).append('\n');
    }
    if (!heading.isBlank() && !chunk.text().startsWith("#")) {
      sb.append(heading).append('\n');
    }
    return sb.toString();
  }

  /**
   * The folders a note sits in, one per line after a line break ({@code "\nclojure"} for
   * {@code clojure/get-the-value-of-an-environment-variable.md}), or nothing at the vault's top. They
   * are searched with the note's titles: people file notes by subject, and then leave the subject out
   * of the note ("read an env var in clojure" is answered by a note in {@code clojure/} that never
   * says Clojure). Folders that start with a dot or an underscore are housekeeping, not subjects.
   */
  public static String folders(String path) {
    StringBuilder sb = new StringBuilder();
    String[] parts = path.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      if (!parts[i].isEmpty() && parts[i].charAt(0) != '.' && parts[i].charAt(0) != '_') {
        sb.append('\n').append(parts[i]);
      }
    }
    return sb.toString();
  }

  /** The documents of a note; {@code extra} may add fields to each chunk document (vectors). */
  public static List<Document> documents(Note note, String hash, long size, long mtime, ChunkFields extra) {
    return documents(note, hash, size, mtime, extra, null);
  }

  /**
   * The documents of a note; {@code extra} may add fields to each chunk document, and {@code windows}
   * the window documents that go just before it (see {@link #window}).
   */
  public static List<Document> documents(Note note, String hash, long size, long mtime, ChunkFields extra,
      ChunkWindows windows) {
    List<Document> docs = new ArrayList<>(note.chunks().size() + 1);
    Document n = new Document();
    n.add(new StringField(KIND, KIND_NOTE, Field.Store.YES));
    n.add(new StringField(PATH, note.path(), Field.Store.YES));
    n.add(new SortedDocValuesField(PATH, new BytesRef(note.path())));
    n.add(new StringField(PATH_LOWER, note.path().toLowerCase(Locale.ROOT), Field.Store.NO));
    n.add(new StringField(HASH, hash, Field.Store.YES));
    n.add(new StoredField(SIZE, size));
    n.add(new StoredField(MTIME, mtime));
    n.add(new StoredField(NOTE_JSON, Json.write(withoutChunks(note))));
    n.add(new TextField(TITLE, note.title(), Field.Store.NO));
    n.add(new TextField(TITLE_GRAMS, note.title(), Field.Store.NO));
    for (String alias : note.aliases()) {
      n.add(new TextField(TITLE, alias, Field.Store.NO));
    }
    docs.add(n);

    String titles = note.title() + (note.aliases().isEmpty() ? "" : "\n" + String.join("\n", note.aliases()))
        + folders(note.path());
    for (Chunk c : note.chunks()) {
      Document d = new Document();
      d.add(new StringField(KIND, KIND_CHUNK, Field.Store.NO));
      d.add(new StringField(PATH, note.path(), Field.Store.YES));
      d.add(new SortedDocValuesField(PATH, new BytesRef(note.path())));
      d.add(new StringField(PATH_LOWER, note.path().toLowerCase(Locale.ROOT), Field.Store.NO));
      d.add(new StoredField(TITLE, note.title()));
      d.add(new TextField(TITLE, titles, Field.Store.NO));
      d.add(new TextField(TITLE_GRAMS, titles, Field.Store.NO));
      String heading = c.heading();
      d.add(new StoredField(HEADING, heading));
      d.add(new TextField(HEADING, heading, Field.Store.NO));
      d.add(new TextField(BODY, c.text(), Field.Store.NO));
      d.add(new TextField(GRAMS, c.text(), Field.Store.NO));
      d.add(new StoredField(TEXT, c.text()));
      int nav = Navigation.permille(c.text());
      if (nav > 0) {
        d.add(new NumericDocValuesField(NAV, nav));
      }
      for (String tag : note.tags()) {
        d.add(new StringField(TAG, tag.toLowerCase(Locale.ROOT), Field.Store.NO));
      }
      LocalDate date = c.date();
      if (date != null) {
        int day = (int) date.toEpochDay();
        d.add(new IntPoint(DATE, day));
        d.add(new NumericDocValuesField(DATE, day));
        d.add(new StoredField(DATE, day));
      }
      d.add(new StoredField(START, c.startLine()));
      d.add(new StoredField(END, c.endLine()));
      d.add(new StoredField(ORDINAL, c.ordinal()));
      d.add(new StoredField(ENTRY, c.entry()));
      String embed = embeddingText(note, c);
      d.add(new StringField(CHUNK_HASH, dev.mnemo.vault.NoteReader.sha256(embed.getBytes(java.nio.charset.StandardCharsets.UTF_8)), Field.Store.YES));
      if (extra != null) {
        for (IndexableField f : extra.fields(note, c, embed)) {
          d.add(f);
        }
      }
      if (windows != null) {
        docs.addAll(windows.documents(note, c));
      }
      docs.add(d);
    }
    return docs;
  }

  /** Adds fields to a chunk's document: the hook through which vectors enter the index. */
  @FunctionalInterface
  public interface ChunkFields {
    List<IndexableField> fields(Note note, Chunk chunk, String embeddingText);
  }

  /** Window documents to put before a chunk's document. */
  @FunctionalInterface
  public interface ChunkWindows {
    List<Document> documents(Note note, Chunk chunk);
  }

  /**
   * A window document: part of a chunk (its parent, the next chunk document in the block) with its
   * vectors; found by its content hash to reuse them; removed with its note by {@link #PATH}.
   */
  public static Document window(Note note, String windowHash, List<IndexableField> vectors) {
    Document w = new Document();
    w.add(new StringField(KIND, KIND_WINDOW, Field.Store.NO));
    w.add(new StringField(PATH, note.path(), Field.Store.NO));
    w.add(new SortedDocValuesField(PATH, new BytesRef(note.path())));
    w.add(new StringField(CHUNK_HASH, windowHash, Field.Store.NO));
    vectors.forEach(w::add);
    return w;
  }

  static Note withoutChunks(Note n) {
    return new Note(n.path(), n.title(), n.aliases(), n.tags(), n.date(), n.properties(), n.headings(), n.links(),
        n.tasks(), n.entries(), List.of(), n.lineCount(), n.warnings());
  }
}
