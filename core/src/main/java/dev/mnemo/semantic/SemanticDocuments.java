package dev.mnemo.semantic;

import dev.mnemo.encoder.Encoder;
import dev.mnemo.index.IndexSchema;
import dev.mnemo.index.Indexer;
import dev.mnemo.index.NoteIndex;
import dev.mnemo.vault.Chunk;
import dev.mnemo.vault.Note;
import dev.mnemo.vault.NoteReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * Documents with vectors: each chunk cut into windows of whole sentences ({@link Windows}), each
 * window (with the chunk's title and headings) embedded by the model of the chunk's language and
 * stored in a window document; the chunk itself holds the normalized mean, for related notes. A
 * window whose text is already in the index with a vector from the same model keeps that vector,
 * found by its content hash, so re-indexing after an edit embeds only what changed, and a renamed
 * note embeds nothing.
 */
public final class SemanticDocuments implements Indexer.DocumentMaker {
  private final Models models;
  private final AtomicLong embeddedChunks = new AtomicLong();
  private final AtomicLong embeddedTokens = new AtomicLong();
  private final AtomicLong reusedChunks = new AtomicLong();
  private volatile long began;
  private volatile NoteIndex index;
  private volatile IndexSearcher previous;

  public SemanticDocuments(Models models) {
    this.models = models;
  }

  public Models models() {
    return models;
  }

  @Override
  public String vectors() {
    return models.name();
  }

  @Override
  public void begin(NoteIndex index) throws IOException {
    this.index = index;
    this.previous = index.acquire();
    this.began = System.nanoTime();
  }

  @Override
  public void end() throws IOException {
    if (previous != null) {
      index.release(previous);
      previous = null;
    }
  }

  @Override
  public String status() {
    long tokens = embeddedTokens.get();
    double secs = (System.nanoTime() - began) / 1e9;
    String rate = tokens > 0 && secs > 1 ? String.format(java.util.Locale.ROOT, ", %.0f tok/s", tokens / secs) : "";
    return embeddedChunks.get() + " embedded, " + reusedChunks.get() + " reused" + rate;
  }

  public long embedded() {
    return embeddedChunks.get();
  }

  public long reused() {
    return reusedChunks.get();
  }

  @Override
  public List<Document> documents(Note note, String hash, long size, long mtime) throws IOException {
    List<Chunk> chunks = note.chunks();
    // Per chunk: its windows' texts, and per space the windows' vectors.
    List<List<String>> windowTexts = new ArrayList<>(chunks.size());
    for (Chunk c : chunks) {
      String prefix = IndexSchema.embeddingPrefix(note, c);
      List<String> texts = new ArrayList<>();
      for (String w : Windows.of(c.text(), Windows.BUDGET)) {
        texts.add(prefix + w);
      }
      windowTexts.add(texts);
    }
    Map<Integer, Map<VectorSpace, float[][]>> vectors = new HashMap<>();
    for (VectorSpace space : models.spaces()) {
      List<int[]> missing = new ArrayList<>();
      List<String> inputs = new ArrayList<>();
      for (int i = 0; i < chunks.size(); i++) {
        if (!models.route(Language.of(IndexSchema.embeddingText(note, chunks.get(i)))).contains(space)) {
          continue;
        }
        List<String> texts = windowTexts.get(i);
        float[][] vs = new float[texts.size()][];
        vectors.computeIfAbsent(i, k -> new HashMap<>()).put(space, vs);
        for (int j = 0; j < texts.size(); j++) {
          float[] old = previousVector(space.windowField(), chunkHash(texts.get(j)));
          if (old != null) {
            reusedChunks.incrementAndGet();
            vs[j] = old;
          } else {
            missing.add(new int[] {i, j});
            inputs.add(space.input(texts.get(j)));
          }
        }
      }
      if (!inputs.isEmpty()) {
        Encoder encoder = Encoders.get(space.model());
        long[] tokens = new long[1];
        float[][] embedded = encoder.embedPassages(inputs, 1, (t, n) -> tokens[0] = n);
        embeddedTokens.addAndGet(tokens[0]);
        embeddedChunks.addAndGet(inputs.size());
        for (int m = 0; m < missing.size(); m++) {
          int[] at = missing.get(m);
          vectors.get(at[0]).get(space)[at[1]] = embedded[m];
        }
      }
    }
    return IndexSchema.documents(note, hash, size, mtime,
        (n, c, text) -> {
          List<IndexableField> out = new ArrayList<>();
          vectors.getOrDefault(c.ordinal(), Map.of()).forEach((space, vs) -> out.add(field(space.field(), mean(vs))));
          return out;
        },
        (n, c) -> {
          Map<VectorSpace, float[][]> bySpace = vectors.getOrDefault(c.ordinal(), Map.of());
          if (bySpace.isEmpty()) {
            return List.of();
          }
          List<String> texts = windowTexts.get(c.ordinal());
          List<Document> docs = new ArrayList<>(texts.size());
          for (int j = 0; j < texts.size(); j++) {
            List<IndexableField> fields = new ArrayList<>();
            for (Map.Entry<VectorSpace, float[][]> e : bySpace.entrySet()) {
              fields.add(field(e.getKey().windowField(), e.getValue()[j]));
            }
            docs.add(IndexSchema.window(n, chunkHash(texts.get(j)), fields));
          }
          return docs;
        });
  }

  /** The normalized mean of unit vectors: a chunk's vector from its windows'. */
  static float[] mean(float[][] vs) {
    if (vs.length == 1) {
      return vs[0];
    }
    float[] m = new float[vs[0].length];
    for (float[] v : vs) {
      for (int i = 0; i < m.length; i++) {
        m[i] += v[i];
      }
    }
    dev.mnemo.encoder.Encoder.normalize(m);
    return m;
  }

  private static IndexableField field(String name, float[] v) {
    return new KnnFloatVectorField(name, v, VectorSimilarityFunction.DOT_PRODUCT);
  }

  static String chunkHash(String embeddingText) {
    return NoteReader.sha256(embeddingText.getBytes(StandardCharsets.UTF_8));
  }

  /** The vector the index held before this update for a chunk with this content hash, or null. */
  private float[] previousVector(String field, String chunkHash) throws IOException {
    IndexSearcher s = previous;
    if (s == null) {
      return null;
    }
    for (ScoreDoc sd : s.search(new TermQuery(new Term(IndexSchema.CHUNK_HASH, chunkHash)), 4).scoreDocs) {
      float[] v = vectorOf(s, field, sd.doc);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /** A document's stored vector in a field, or null. */
  public static float[] vectorOf(IndexSearcher s, String field, int doc) throws IOException {
    List<LeafReaderContext> leaves = s.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
    if (values == null) {
      return null;
    }
    KnnVectorValues.DocIndexIterator it = values.iterator();
    int target = doc - leaf.docBase;
    if (it.advance(target) != target) {
      return null;
    }
    return values.vectorValue(it.index()).clone();
  }
}
