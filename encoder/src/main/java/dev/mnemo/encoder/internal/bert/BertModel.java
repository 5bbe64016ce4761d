package dev.mnemo.encoder.internal.bert;

import dev.mnemo.encoder.internal.tensor.Kernels;
import dev.mnemo.encoder.internal.tensor.Packed;

/**
 * The BERT forward pass, as the study notes draw it. Token vectors X go through the embeddings and
 * a LayerNorm; then each layer projects X to Q, K and V (one product, the three side by side), lets
 * each head of each sequence compute softmax(Q·Kᵀ/√d)·V with padding masked out, concatenates the
 * heads, projects them, adds the residual and normalises; then the GELU feed-forward, residual and
 * LayerNorm again.
 *
 * <p>A batch is several sequences stacked row after row without padding: the projections and the
 * feed-forward see one tall matrix, attention stays within each sequence. For int8 models each
 * linear layer's input is quantized per sequence exactly as ONNX's {@code DynamicQuantizeLinear} does.
 *
 * <p>Immutable and thread-safe; each call uses its own {@link Workspace}.
 */
public final class BertModel {
  private final BertWeights w;
  private final Kernels k;
  private final Layer[] layers;
  /** The last layer's query and key-value projections packed apart, for first-token-only passes. */
  private final Packed lastQuery;
  private final Packed lastKeyValue;
  private final float[] lastQueryBias;
  private final float[] lastKeyValueBias;

  /** A layer's weights, packed for the product kernel. */
  private record Layer(BertWeights.Layer raw, Packed qkv, Packed out, Packed up, Packed down) {}

  public BertModel(BertWeights weights, Kernels kernels) {
    this.w = weights;
    this.k = kernels;
    this.layers = new Layer[weights.layers().size()];
    for (int i = 0; i < layers.length; i++) {
      BertWeights.Layer l = weights.layers().get(i);
      layers[i] = new Layer(l, pack(l.qkv()), pack(l.attentionOut()), pack(l.up()), pack(l.down()));
    }
    BertWeights.Linear qkv = weights.layers().get(layers.length - 1).qkv();
    int h = weights.hidden();
    lastQuery = kernels.newPacked();
    kernels.pack(qkv.weight(), 0, 3 * h, h, h, lastQuery);
    lastKeyValue = kernels.newPacked();
    kernels.pack(qkv.weight(), h, 3 * h, h, 2 * h, lastKeyValue);
    lastQueryBias = java.util.Arrays.copyOfRange(qkv.bias(), 0, h);
    lastKeyValueBias = java.util.Arrays.copyOfRange(qkv.bias(), h, 3 * h);
  }

  private Packed pack(BertWeights.Linear lin) {
    Packed p = k.newPacked();
    k.pack(lin.weight(), 0, lin.out(), lin.in(), lin.out(), p);
    return p;
  }

  public BertWeights weights() {
    return w;
  }

  public Kernels kernels() {
    return k;
  }

  /** Scratch buffers for one thread; grows as needed and is reused across calls. */
  public static final class Workspace {
    float[] x = new float[0];
    float[] qkv = new float[0];
    float[] ctx = new float[0];
    float[] tmp = new float[0];
    float[] up = new float[0];
    float[] quant = new float[0];
    float[] scores = new float[0];
    float[] scale = new float[0];
    float[] first = new float[0];
    float[] firstTmp = new float[0];
    float[] firstUp = new float[0];
    final Packed keys = Kernels.get().newPacked();
    final Packed values = Kernels.get().newPacked();

    static float[] ensure(float[] a, int size) {
      return a.length >= size ? a : new float[size];
    }
  }

  /** What a call wants besides the output: attention probabilities of every layer and head. */
  public interface AttentionSink {
    /** Probabilities of one head: {@code p[i * n + j]} is how much token i attends to token j. */
    void accept(int layer, int head, int sequence, float[] p, int offset, int n);
  }

  /**
   * Runs the encoder over a batch. {@code ids[s]} are sequence s's token ids; {@code masks[s]} marks
   * its real tokens (null: all real). Returns the last layer's token vectors, row after row: sequence
   * s's token t is at {@code out[(start(s) + t) * H]}, where start is the running sum of lengths.
   */
  public float[] forward(int[][] ids, boolean[][] masks, Workspace ws, AttentionSink sink) {
    return forward(ids, masks, ws, sink, false);
  }

  /**
   * As {@link #forward(int[][], boolean[][], Workspace, AttentionSink)}; with {@code firstTokenOnly}
   * (and an fp32 model, and no sink) returns only each sequence's first ([CLS]) vector, row s for
   * sequence s, computing the last layer's queries, attention output and feed-forward for those rows
   * alone: the rest of the last layer cannot change them. Int8 models quantize whole tensors, so
   * they always take the full pass.
   */
  public float[] forward(int[][] ids, boolean[][] masks, Workspace ws, AttentionSink sink, boolean firstTokenOnly) {
    boolean prune = firstTokenOnly && sink == null && !w.quantized();
    int h = w.hidden();
    int[] start = new int[ids.length + 1];
    for (int s = 0; s < ids.length; s++) {
      start[s + 1] = start[s] + ids[s].length;
    }
    int total = start[ids.length];
    ws.x = Workspace.ensure(ws.x, total * h);
    ws.qkv = Workspace.ensure(ws.qkv, total * 3 * h);
    ws.ctx = Workspace.ensure(ws.ctx, total * h);
    ws.tmp = Workspace.ensure(ws.tmp, total * h);
    ws.up = Workspace.ensure(ws.up, total * w.intermediate());
    if (w.quantized()) {
      ws.quant = Workspace.ensure(ws.quant, total * Math.max(h, w.intermediate()));
      ws.scale = Workspace.ensure(ws.scale, ids.length);
    }
    embed(ids, start, ws.x);
    int full = prune ? layers.length - 1 : layers.length;
    for (int l = 0; l < full; l++) {
      layer(l, ids.length, start, masks, ws, sink);
    }
    if (prune) {
      return lastLayerFirstTokens(ids.length, start, masks, ws);
    }
    float[] out = new float[total * h];
    System.arraycopy(ws.x, 0, out, 0, total * h);
    return out;
  }

  /** The last layer for the first token of each sequence only (keys and values still from every token). */
  private float[] lastLayerFirstTokens(int sequences, int[] start, boolean[][] masks, Workspace ws) {
    BertWeights.Layer raw = layers[layers.length - 1].raw();
    Layer layer = layers[layers.length - 1];
    int h = w.hidden();
    int total = start[sequences];
    int heads = w.heads();
    int d = w.headSize();
    int inter = w.intermediate();
    float scale = (float) (1.0 / Math.sqrt(d));
    // Keys and values of every token: [total, 2H] in qkv.
    k.gemm(ws.x, 0, h, total, lastKeyValue, ws.qkv, 0, 2 * h, lastKeyValueBias);
    ws.first = Workspace.ensure(ws.first, sequences * h);
    ws.firstTmp = Workspace.ensure(ws.firstTmp, sequences * h);
    ws.firstUp = Workspace.ensure(ws.firstUp, sequences * Math.max(inter, h));
    for (int s = 0; s < sequences; s++) {
      System.arraycopy(ws.x, start[s] * h, ws.first, s * h, h);
    }
    // Queries of the first tokens.
    k.gemm(ws.first, 0, h, sequences, lastQuery, ws.firstUp, 0, h, lastQueryBias);
    for (int s = 0; s < sequences; s++) {
      int n = start[s + 1] - start[s];
      ws.scores = Workspace.ensure(ws.scores, n);
      int row0 = start[s] * 2 * h;
      for (int head = 0; head < heads; head++) {
        k.packTransposed(ws.qkv, row0 + head * d, 2 * h, n, d, ws.keys);
        k.gemm(ws.firstUp, s * h + head * d, h, 1, ws.keys, ws.scores, 0, n, null);
        k.softmax(ws.scores, 0, n, 1, n, masks == null ? null : masks[s], 0, scale);
        k.pack(ws.qkv, row0 + h + head * d, 2 * h, n, d, ws.values);
        k.gemm(ws.scores, 0, n, 1, ws.values, ws.ctx, s * h + head * d, h, null);
      }
    }
    k.gemm(ws.ctx, 0, h, sequences, layer.out(), ws.firstTmp, 0, h, raw.attentionOut().bias());
    k.addLayerNorm(ws.firstTmp, 0, ws.first, 0, sequences, h, raw.attentionNormGamma(), raw.attentionNormBeta(), w.eps());
    k.gemm(ws.firstTmp, 0, h, sequences, layer.up(), ws.firstUp, 0, inter, raw.up().bias());
    k.gelu(ws.firstUp, 0, sequences * inter);
    k.gemm(ws.firstUp, 0, inter, sequences, layer.down(), ws.first, 0, h, raw.down().bias());
    k.addLayerNorm(ws.first, 0, ws.firstTmp, 0, sequences, h, raw.outputNormGamma(), raw.outputNormBeta(), w.eps());
    return java.util.Arrays.copyOf(ws.first, sequences * h);
  }

  private void embed(int[][] ids, int[] start, float[] x) {
    int h = w.hidden();
    float[] word = w.wordEmbeddings();
    float[] pos = w.positionEmbeddings();
    float[] type = w.tokenTypeEmbeddings();
    for (int s = 0; s < ids.length; s++) {
      for (int t = 0; t < ids[s].length; t++) {
        int id = ids[s][t];
        if (id < 0 || id >= w.vocab()) {
          throw new IllegalArgumentException("token id " + id + " outside the vocabulary of " + w.vocab());
        }
        if (t >= w.maxPositions()) {
          throw new IllegalArgumentException("sequence of " + ids[s].length + " tokens exceeds the model's " + w.maxPositions());
        }
        int o = (start[s] + t) * h;
        for (int j = 0; j < h; j++) {
          // (word + type) + position, in the order the exported graph adds them.
          x[o + j] = (word[id * h + j] + type[j]) + pos[t * h + j];
        }
      }
    }
    k.addLayerNorm(x, 0, null, 0, start[ids.length], h, w.embeddingNormGamma(), w.embeddingNormBeta(), w.eps());
  }

  private void layer(int index, int sequences, int[] start, boolean[][] masks, Workspace ws, AttentionSink sink) {
    Layer layer = layers[index];
    BertWeights.Layer raw = layer.raw();
    int h = w.hidden();
    int total = start[sequences];
    linear(ws.x, h, layer.qkv(), raw.qkv(), ws.qkv, sequences, start, masks, ws);
    attention(index, sequences, start, masks, ws, sink);
    linear(ws.ctx, h, layer.out(), raw.attentionOut(), ws.tmp, sequences, start, masks, ws);
    // x = LayerNorm(attention output + x): the sum lands in tmp, then moves to x.
    k.addLayerNorm(ws.tmp, 0, ws.x, 0, total, h, raw.attentionNormGamma(), raw.attentionNormBeta(), w.eps());
    float[] swap = ws.x;
    ws.x = ws.tmp;
    ws.tmp = swap;
    int inter = w.intermediate();
    linear(ws.x, h, layer.up(), raw.up(), ws.up, sequences, start, masks, ws);
    k.gelu(ws.up, 0, total * inter);
    linear(ws.up, inter, layer.down(), raw.down(), ws.tmp, sequences, start, masks, ws);
    k.addLayerNorm(ws.tmp, 0, ws.x, 0, total, h, raw.outputNormGamma(), raw.outputNormBeta(), w.eps());
    swap = ws.x;
    ws.x = ws.tmp;
    ws.tmp = swap;
  }

  /**
   * {@code out = in · W + b}; for int8 models with {@code in} quantized per sequence first, the range
   * taken from the sequence's real tokens so that padding cannot change a sequence's result.
   */
  private void linear(float[] in, int cols, Packed weight, BertWeights.Linear lin, float[] out, int sequences,
      int[] start, boolean[][] masks, Workspace ws) {
    float[] bias = lin.bias();
    int total = start[sequences];
    int n = weight.n();
    if (!w.quantized()) {
      k.gemm(in, 0, cols, total, weight, out, 0, n, bias);
      return;
    }
    for (int s = 0; s < sequences; s++) {
      ws.scale[s] = quantize(k, in, start[s] * cols, start[s + 1] - start[s], cols, masks == null ? null : masks[s],
          ws.quant);
    }
    k.gemm(ws.quant, 0, cols, total, weight, out, 0, n, null);
    for (int s = 0; s < sequences; s++) {
      k.rescale(out, start[s] * n, start[s + 1] - start[s], n, ws.scale[s], bias);
    }
  }

  /**
   * ONNX DynamicQuantizeLinear over {@code rows} rows of {@code cols} values at {@code x[off]}: uint8
   * values with one scale and zero point, rounding half to even, the range taken from rows whose
   * {@code mask} is true (all when null). Writes {@code q - zeroPoint} (exact small integers) to
   * {@code dst} at the same offset and returns the scale.
   */
  static float quantize(Kernels k, float[] x, int off, int rows, int cols, boolean[] mask, float[] dst) {
    int len = rows * cols;
    float[] range = {0f, 0f};
    if (mask == null) {
      k.range(x, off, len, range);
    } else {
      for (int r = 0; r < rows; r++) {
        if (mask[r]) {
          k.range(x, off + r * cols, cols, range);
        }
      }
    }
    float scale = (range[1] - range[0]) / 255f;
    if (scale == 0f) {
      java.util.Arrays.fill(dst, off, off + len, 0f);
      return 0f;
    }
    float zp = clamp((float) Math.rint(0f - range[0] / scale));
    k.quantize(x, off, len, scale, zp, dst);
    return scale;
  }

  private static float clamp(float v) {
    return v < 0f ? 0f : Math.min(v, 255f);
  }

  private void attention(int layer, int sequences, int[] start, boolean[][] masks, Workspace ws, AttentionSink sink) {
    int h = w.hidden();
    int heads = w.heads();
    int d = w.headSize();
    int ld = 3 * h;
    float scale = (float) (1.0 / Math.sqrt(d));
    for (int s = 0; s < sequences; s++) {
      int n = start[s + 1] - start[s];
      boolean[] mask = masks == null ? null : masks[s];
      ws.scores = Workspace.ensure(ws.scores, n * n);
      int row0 = start[s] * ld;
      for (int head = 0; head < heads; head++) {
        int q = row0 + head * d;
        int kk = row0 + h + head * d;
        int v = row0 + 2 * h + head * d;
        // scores = Q · Kᵀ, over this sequence's keys only.
        k.packTransposed(ws.qkv, kk, ld, n, d, ws.keys);
        k.gemm(ws.qkv, q, ld, n, ws.keys, ws.scores, 0, n, null);
        k.softmax(ws.scores, 0, n, n, n, mask, 0, scale);
        if (sink != null) {
          sink.accept(layer, head, s, ws.scores, 0, n);
        }
        // context = P · V, written into this head's columns.
        k.pack(ws.qkv, v, ld, n, d, ws.values);
        k.gemm(ws.scores, 0, n, n, ws.values, ws.ctx, start[s] * h + head * d, h, null);
      }
    }
  }
}
