package dev.mnemo.search;

import dev.mnemo.index.NoteIndex;
import dev.mnemo.json.Json;
import dev.mnemo.semantic.Encoders;
import dev.mnemo.semantic.Language;
import dev.mnemo.semantic.VectorSpace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.BitSet;

/**
 * What fusion is tuned from: with {@code -Dmnemo.eval.features=FILE}, every hybrid query's candidates
 * before fusion, one JSON line per query: {@code {"q": text, "c": [[path, chunk, keyword score or
 * null, cosine or null, "exact"/"title"/"title words" or null, [cosine of each of the chunk's windows]], ...]}}.
 * Each window's cosine is computed again from the stored vectors, also for chunks the vector search
 * did not return, so that other ways of scoring a chunk by its windows can be measured offline.
 */
final class CandidateDump {
  private CandidateDump() {}

  private static final PrintWriter OUT = open(System.getProperty("mnemo.eval.features"));

  /** Whether a dump was asked for. */
  static final boolean ON = OUT != null;

  private static PrintWriter open(String path) {
    try {
      return path == null ? null : new PrintWriter(Files.newBufferedWriter(Path.of(path)), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(NoteIndex index, IndexSearcher searcher, SearchQuery query, Map<Integer, Double> keyword,
      Map<Integer, Double> dense, Map<Integer, String> exact) throws IOException {
    List<VectorSpace> spaces = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    for (VectorSpace space : Searcher.models(index).route(Language.of(query.text()))) {
      if (Searcher.hasVectors(searcher, space.windowField())) {
        spaces.add(space);
        vectors.add(Encoders.get(space.model()).embedQuery(space.input(query.text())));
      }
    }
    Set<Integer> docs = new TreeSet<>(keyword.keySet());
    docs.addAll(dense.keySet());
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    List<Object> rows = new ArrayList<>();
    for (int doc : docs) {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
      int chunk = doc - leaf.docBase;
      // A chunk's windows are the documents of its block before it.
      BitSet parents = Searcher.CHUNKS.getBitSet(leaf);
      int first = chunk == 0 || parents == null ? 0 : parents.prevSetBit(chunk - 1) + 1;
      List<Double> cosines = new ArrayList<>();
      for (int s = 0; s < spaces.size(); s++) {
        FloatVectorValues values = leaf.reader().getFloatVectorValues(spaces.get(s).windowField());
        if (values == null) {
          continue;
        }
        KnnVectorValues.DocIndexIterator it = values.iterator();
        for (int window = it.advance(first); window < chunk; window = it.nextDoc()) {
          cosines.add(dot(values.vectorValue(it.index()), vectors.get(s)));
        }
      }
      rows.add(Arrays.asList(Searcher.path(searcher, doc), doc, keyword.get(doc), dense.get(doc), exact.get(doc),
          cosines));
    }
    String line = Json.write(Map.of("q", query.text(), "c", rows));
    synchronized (OUT) {
      OUT.println(line);
    }
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
