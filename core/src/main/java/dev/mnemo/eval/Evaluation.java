package dev.mnemo.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mnemo.index.IndexSchema;
import dev.mnemo.index.NoteIndex;
import dev.mnemo.progress.Progress;
import dev.mnemo.search.SearchQuery;
import dev.mnemo.search.Searcher;
import dev.mnemo.vault.Note;
import dev.mnemo.vault.NoteParser;
import dev.mnemo.vault.SourceText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.Term;

/**
 * Measures ranking on a BEIR collection: indexes its corpus in a temporary index (each document a
 * note, its title a heading, chunked like any note), runs every judged query of a split, and
 * reports nDCG@10, Recall@100, MRR@10, indexing time and query latency.
 */
public final class Evaluation {

  /** One evaluation's figures; the JSON names are the ones the README and scripts use. */
  public record Result(
      String dataset, String split, String mode, String model, int queries, int documents,
      @JsonProperty("ndcg_at_10") double ndcgAt10,
      @JsonProperty("recall_at_100") double recallAt100,
      @JsonProperty("mrr_at_10") double mrrAt10,
      @JsonProperty("index_seconds") double indexSeconds,
      @JsonProperty("query_ms_p50") double queryMsP50,
      @JsonProperty("query_ms_p99") double queryMsP99) {}

  /** Ranks notes for a query; a search mode is one of these. */
  public interface Retriever {
    List<String> top(NoteIndex index, SearchQuery query, int k) throws IOException;
  }

  public static Retriever of(Searcher searcher, Searcher.Mode mode) {
    return (index, query, k) -> {
      List<String> paths = new ArrayList<>();
      searcher.rankNotes(index, query, mode, k, paths);
      return paths;
    };
  }

  private final NoteParser parser = new NoteParser();

  /** The note a corpus document becomes. */
  public Note note(BeirDataset.Doc doc) {
    String text = doc.title().isBlank() ? doc.text() : "# " + doc.title().replace('\n', ' ') + "\n\n" + doc.text();
    return parser.parse(doc.id(), SourceText.of(text));
  }

  /** Indexes a corpus into {@code dir} (which must be empty or absent); returns the seconds it took. */
  public double index(BeirDataset ds, Path dir, dev.mnemo.index.Indexer.DocumentMaker maker, int threads,
      Progress progress) throws IOException {
    long t0 = System.nanoTime();
    try (NoteIndex index = NoteIndex.openForWriting(dir, dir.toAbsolutePath())) {
      maker.begin(index);
      progress.begin("indexing " + ds.name(), ds.corpus().size(), "docs");
      AtomicInteger done = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (BeirDataset.Doc doc : ds.corpus()) {
          futures.add(pool.submit(() -> {
            Note note = note(doc);
            index.writer().updateDocuments(new Term(IndexSchema.PATH, note.path()), maker.documents(note, "", 0, 0));
            progress.update(done.incrementAndGet(), maker.status());
            return null;
          }));
        }
        for (Future<?> f : futures) {
          f.get();
        }
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IOException("indexing failed: " + e.getCause(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      } finally {
        pool.shutdownNow();
        maker.end();
      }
      index.commit(Map.of(NoteIndex.USER_VECTORS, maker.vectors()));
      progress.end(ds.corpus().size() + " documents");
    } catch (dev.mnemo.index.IndexException e) {
      throw new IOException(e.getMessage(), e);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Runs every judged query and computes the metrics. */
  public Result measure(BeirDataset ds, String split, String mode, String model, NoteIndex index, Retriever retriever,
      double indexSeconds, Progress progress) throws IOException {
    int n = ds.queries().size();
    double ndcg = 0;
    double recall = 0;
    double mrr = 0;
    double[] millis = new double[n];
    int i = 0;
    progress.begin("querying", n, "queries");
    String tracePath = System.getProperty("mnemo.eval.trace");
    java.io.PrintWriter trace = tracePath == null ? null
        : new java.io.PrintWriter(java.nio.file.Files.newBufferedWriter(Path.of(tracePath)));
    for (Map.Entry<String, String> q : ds.queries().entrySet()) {
      Map<String, Integer> rel = ds.qrels().get(q.getKey());
      long t0 = System.nanoTime();
      List<String> top = retriever.top(index, SearchQuery.plain(q.getValue()), 100);
      millis[i] = (System.nanoTime() - t0) / 1e6;
      ndcg += Metrics.ndcg(top, rel, 10);
      recall += Metrics.recall(top, rel, 100);
      mrr += Metrics.mrr(top, rel, 10);
      if (trace != null) {
        int rank = -1;
        for (int r = 0; r < top.size() && rank < 0; r++) {
          if (rel != null && rel.getOrDefault(top.get(r), 0) > 0) {
            rank = r + 1;
          }
        }
        trace.println(q.getKey() + "\t" + rank + "\t" + String.join(",", top.subList(0, Math.min(3, top.size()))));
      }
      progress.update(++i, "");
    }
    progress.end(n + " queries");
    if (trace != null) {
      trace.close();
    }
    Arrays.sort(millis);
    return new Result(ds.name(), split, mode, model, n, ds.corpus().size(), round(ndcg / n), round(recall / n),
        round(mrr / n), round(indexSeconds), round(percentile(millis, 0.50)), round(percentile(millis, 0.99)));
  }

  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int idx = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
