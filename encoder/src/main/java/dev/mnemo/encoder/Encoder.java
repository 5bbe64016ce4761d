package dev.mnemo.encoder;

import dev.mnemo.encoder.internal.bert.BertLoader;
import dev.mnemo.encoder.internal.bert.BertModel;
import dev.mnemo.encoder.internal.bert.BertWeights;
import dev.mnemo.encoder.internal.onnx.OnnxGraph;
import dev.mnemo.encoder.internal.tensor.Kernels;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sentence encoder: text in, a unit-length vector out, computed by our own BERT forward pass over
 * a model's real weights. Queries and passages get the prefixes their model was trained with.
 *
 * <p>Texts longer than the model takes are never cut silently: they are embedded in windows of the
 * model's length and the window vectors averaged. Batches are sorted by length, so sequences of
 * similar length are computed together, and spread over threads.
 *
 * <p>Thread-safe: any number of threads may call it at once.
 */
public final class Encoder {
  /** Told about progress of a long batch: texts and tokens done so far. */
  public interface Listener {
    void done(int texts, long tokens);

    Listener NONE = (texts, tokens) -> {};
  }

  /** Tokens of one input and, per layer and head, who attends to whom. */
  public record Attention(List<String> tokens, int layers, int heads, float[][][] weights) {
    /** How much token {@code i} attends to token {@code j} in a layer and head (rows sum to 1). */
    public float weight(int layer, int head, int i, int j) {
      return weights[layer][head][i * tokens.size() + j];
    }
  }

  /** Most tokens computed together in one batch: big enough for efficient products, small enough for the caches. */
  private static final int BATCH_TOKENS = Integer.getInteger("mnemo.encoder.batchTokens", 2048);

  private final EncoderModel model;
  private final Tokenizer tokenizer;
  private final BertModel bert;
  private final ThreadLocal<BertModel.Workspace> workspaces = ThreadLocal.withInitial(BertModel.Workspace::new);

  private Encoder(EncoderModel model, Tokenizer tokenizer, BertModel bert) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.bert = bert;
  }

  /** Loads a model with the best kernels this JVM offers. */
  public static Encoder load(EncoderModel model) throws IOException {
    return load(model, Kernels.get());
  }

  /** Loads a model with the scalar reference kernels (slow; for checking the fast ones). */
  public static Encoder loadReference(EncoderModel model) throws IOException {
    return load(model, Kernels.scalar());
  }

  private static Encoder load(EncoderModel model, Kernels kernels) throws IOException {
    OnnxGraph graph = OnnxGraph.read(model.onnxBytes());
    BertWeights weights = BertLoader.load(graph);
    Tokenizer tokenizer = Tokenizer.fromJson(model.tokenizerJson(), weights.maxPositions());
    if (tokenizer.vocabularySize() > weights.vocab()) {
      throw new ModelFormatException(model.name() + ": the tokenizer knows " + tokenizer.vocabularySize()
          + " tokens but the model only " + weights.vocab());
    }
    return new Encoder(model, tokenizer, new BertModel(weights, kernels));
  }

  public EncoderModel model() {
    return model;
  }

  public Tokenizer tokenizer() {
    return tokenizer;
  }

  /** Length of the vectors this encoder makes. */
  public int dimension() {
    return bert.weights().hidden();
  }

  /** Number of transformer layers. */
  public int layers() {
    return bert.weights().layers().size();
  }

  /** Which arithmetic runs: "scalar" or "vector (...)". */
  public String kernels() {
    return bert.kernels().name();
  }

  /**
   * Whether a single query's larger products are split over two cores ({@code
   * -Dmnemo.encoder.splitQueries=true}). Off by default: on the 2-core machines we measured, hybrid
   * search was slower with it (p50 20.5–23.7 ms against 15.5–16.6 ms without, runs alternated), as a
   * fork and join per product costs more than it saves on a short input, and the keyword side of the
   * search wants the other core meanwhile.
   */
  private static final boolean SPLIT_QUERIES = Boolean.getBoolean("mnemo.encoder.splitQueries");

  /** Embeds a search query (with the model's query prefix) on the calling thread. */
  public float[] embedQuery(String query) {
    java.util.function.Supplier<float[]> work = () -> embed(List.of(model.queryPrefix() + query), 1, Listener.NONE)[0];
    return SPLIT_QUERIES ? Kernels.splitting(work) : work.get();
  }

  public float[] embedPassage(String passage) {
    return embed(List.of(model.passagePrefix() + passage), 1, Listener.NONE)[0];
  }

  /** Embeds passages (with the model's passage prefix) on {@code threads} threads. */
  public float[][] embedPassages(List<String> passages, int threads, Listener listener) {
    List<String> texts = new ArrayList<>(passages.size());
    for (String p : passages) {
      texts.add(model.passagePrefix() + p);
    }
    return embed(texts, threads, listener);
  }

  /** Embeds texts as given (no prefix), in order. */
  public float[][] embed(List<String> texts, int threads, Listener listener) {
    // Each text becomes one or more windows of token ids.
    List<int[]> windows = new ArrayList<>();
    int[] owner = new int[0];
    List<Integer> owners = new ArrayList<>();
    for (int t = 0; t < texts.size(); t++) {
      for (int[] ids : windows(texts.get(t))) {
        windows.add(ids);
        owners.add(t);
      }
    }
    owner = owners.stream().mapToInt(Integer::intValue).toArray();
    float[][] vectors = embedIds(windows, threads, listener, texts.size(), owner);
    float[][] out = new float[texts.size()][];
    int[] count = new int[texts.size()];
    for (int i = 0; i < vectors.length; i++) {
      int t = owner[i];
      if (out[t] == null) {
        out[t] = vectors[i];
      } else {
        for (int j = 0; j < out[t].length; j++) {
          out[t][j] += vectors[i][j];
        }
      }
      count[t]++;
    }
    for (int t = 0; t < out.length; t++) {
      if (count[t] > 1) {
        normalize(out[t]);
      }
    }
    return out;
  }

  /** The text's token ids in windows of at most the model's length, each with [CLS] and [SEP]. */
  List<int[]> windows(String text) {
    Tokenizer.Encoding e = tokenizer.encode(text);
    if (!e.truncated()) {
      return List.of(e.ids());
    }
    int[] all = tokenizer.encode(text, Integer.MAX_VALUE).ids();
    int[] body = Arrays.copyOfRange(all, 1, all.length - 1);
    int span = tokenizer.maxLength() - 2;
    List<int[]> out = new ArrayList<>();
    for (int from = 0; from < body.length; from += span) {
      int to = Math.min(body.length, from + span);
      int[] ids = new int[to - from + 2];
      ids[0] = all[0];
      System.arraycopy(body, from, ids, 1, to - from);
      ids[ids.length - 1] = all[all.length - 1];
      out.add(ids);
    }
    return out;
  }

  private float[][] embedIds(List<int[]> seqs, int threads, Listener listener, int texts, int[] owner) {
    Integer[] order = new Integer[seqs.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(seqs.get(a).length, seqs.get(b).length));
    List<int[]> batches = new ArrayList<>();
    int i = 0;
    while (i < order.length) {
      int j = i;
      int tokens = 0;
      while (j < order.length && (j == i || tokens + seqs.get(order[j]).length <= BATCH_TOKENS)) {
        tokens += seqs.get(order[j]).length;
        j++;
      }
      int[] batch = new int[j - i];
      for (int b = 0; b < batch.length; b++) {
        batch[b] = order[i + b];
      }
      batches.add(batch);
      i = j;
    }
    float[][] out = new float[seqs.size()][];
    AtomicLong tokensDone = new AtomicLong();
    java.util.concurrent.atomic.AtomicInteger seqsDone = new java.util.concurrent.atomic.AtomicInteger();
    Runnable[] tasks = new Runnable[batches.size()];
    for (int b = 0; b < batches.size(); b++) {
      int[] batch = batches.get(b);
      tasks[b] = () -> {
        int[][] ids = new int[batch.length][];
        long tok = 0;
        for (int x = 0; x < batch.length; x++) {
          ids[x] = seqs.get(batch[x]);
          tok += ids[x].length;
        }
        float[][] v = pool(ids, null, workspaces.get());
        for (int x = 0; x < batch.length; x++) {
          out[batch[x]] = v[x];
        }
        listener.done(seqsDone.addAndGet(batch.length), tokensDone.addAndGet(tok));
      };
    }
    if (threads <= 1 || tasks.length <= 1) {
      for (Runnable t : tasks) {
        t.run();
      }
      return out;
    }
    ExecutorService exec = Executors.newFixedThreadPool(Math.min(threads, tasks.length), r -> {
      Thread th = new Thread(r, "mnemo-encoder");
      th.setDaemon(true);
      return th;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      // Longest batches first, so the last ones to finish are short.
      for (int b = tasks.length - 1; b >= 0; b--) {
        futures.add(exec.submit(tasks[b]));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while encoding", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      exec.shutdownNow();
    }
    return out;
  }

  /** Forward pass and pooling of one batch: unit vectors. */
  private float[][] pool(int[][] ids, boolean[][] masks, BertModel.Workspace ws) {
    boolean cls = model.pooling() == EncoderModel.Pooling.CLS;
    float[] x = bert.forward(ids, masks, ws, null, cls);
    int h = dimension();
    float[][] out = new float[ids.length][];
    if (cls && x.length == ids.length * h) {
      // Only the first token of each sequence was computed in the last layer.
      for (int s = 0; s < ids.length; s++) {
        out[s] = java.util.Arrays.copyOfRange(x, s * h, s * h + h);
        normalize(out[s]);
      }
      return out;
    }
    int row = 0;
    for (int s = 0; s < ids.length; s++) {
      float[] v = new float[h];
      int n = ids[s].length;
      if (model.pooling() == EncoderModel.Pooling.CLS) {
        System.arraycopy(x, row * h, v, 0, h);
      } else {
        int real = 0;
        for (int t = 0; t < n; t++) {
          if (masks == null || masks[s][t]) {
            real++;
            for (int j = 0; j < h; j++) {
              v[j] += x[(row + t) * h + j];
            }
          }
        }
        for (int j = 0; j < h; j++) {
          v[j] /= Math.max(1, real);
        }
      }
      normalize(v);
      out[s] = v;
      row += n;
    }
    return out;
  }

  /**
   * Runs already tokenized, possibly padded sequences ({@code masks[s][t]} false for padding) and
   * pools them: the classic batched form, for checking against other runtimes.
   */
  public float[][] embedTokenIds(int[][] ids, boolean[][] masks) {
    return pool(ids, masks, workspaces.get());
  }

  /** Embeds token ids (each with [CLS] and [SEP], within the model's length), sorted into batches, on threads. */
  public float[][] embedTokenIds(int[][] ids, int threads) {
    int[] owner = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      owner[i] = i;
    }
    return embedIds(List.of(ids), threads, Listener.NONE, ids.length, owner);
  }

  /** The input's tokens and every layer's and head's attention probabilities. */
  public Attention attention(String text) {
    Tokenizer.Encoding e = tokenizer.encode(text);
    int n = e.length();
    BertWeights w = bert.weights();
    float[][][] weights = new float[w.layers().size()][w.heads()][];
    bert.forward(new int[][] {e.ids()}, null, new BertModel.Workspace(),
        (layer, head, seq, p, off, len) -> weights[layer][head] = Arrays.copyOfRange(p, off, off + len * len));
    return new Attention(e.tokens(), w.layers().size(), w.heads(), weights);
  }

  /** Scales {@code v} in place to unit length (a zero vector stays zero). */
  public static void normalize(float[] v) {
    double s = 0;
    for (float f : v) {
      s += (double) f * f;
    }
    float inv = s == 0 ? 0f : (float) (1.0 / Math.sqrt(s));
    for (int i = 0; i < v.length; i++) {
      v[i] *= inv;
    }
  }
}
