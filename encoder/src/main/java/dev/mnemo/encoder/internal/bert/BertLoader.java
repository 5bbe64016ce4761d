package dev.mnemo.encoder.internal.bert;

import dev.mnemo.encoder.ModelFormatException;
import dev.mnemo.encoder.internal.onnx.OnnxGraph;
import dev.mnemo.encoder.internal.onnx.OnnxGraph.Node;
import dev.mnemo.encoder.internal.onnx.OnnxGraph.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds a BERT encoder's weights in an ONNX graph. Embeddings, biases and LayerNorms are found by
 * their Hugging Face names; the weight matrices, whose names exporters make opaque, by following each
 * {@code MatMul} (or {@code MatMulInteger}) to the named bias it feeds. Sizes are checked against
 * each other before anything large is copied, and a model that does not fit fails with the name of
 * what is missing.
 */
public final class BertLoader {
  private final OnnxGraph graph;
  private final Map<String, Tensor> init;
  private final Map<String, List<Node>> consumers = new HashMap<>();
  private final Map<String, Node> producers = new HashMap<>();

  private BertLoader(OnnxGraph graph) {
    this.graph = graph;
    this.init = graph.initializers();
    for (Node n : graph.nodes()) {
      for (String in : n.inputs()) {
        consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
      }
      for (String out : n.outputs()) {
        producers.put(out, n);
      }
    }
  }

  public static BertWeights load(OnnxGraph graph) {
    return new BertLoader(graph).load();
  }

  /** A weight matrix as found in the graph: quantized or not. */
  private record Matrix(String source, Tensor weight, Tensor scale, Tensor zeroPoint) {}

  private BertWeights load() {
    boolean quantized = graph.nodes().stream().anyMatch(n -> n.op().equals("MatMulInteger"));
    float[] word = embedding("embeddings.word_embeddings.weight");
    float[] position = embedding("embeddings.position_embeddings.weight");
    float[] type = embedding("embeddings.token_type_embeddings.weight");
    float[] normGamma = floats("embeddings.LayerNorm.weight");
    float[] normBeta = floats("embeddings.LayerNorm.bias");
    int hidden = normGamma.length;
    if (hidden == 0 || word.length % hidden != 0 || position.length % hidden != 0 || type.length % hidden != 0) {
      throw new ModelFormatException("embedding tables do not match the hidden size " + hidden);
    }

    Map<String, Matrix> matrices = matricesByBias();
    int layers = 0;
    while (init.containsKey("encoder.layer." + layers + ".attention.self.query.bias")) {
      layers++;
    }
    if (layers == 0) {
      throw new ModelFormatException("model does not fit: no encoder.layer.0.attention.self.query.bias");
    }
    int headSize = headSize(hidden);
    if (hidden % headSize != 0) {
      throw new ModelFormatException("attention scale implies heads of " + headSize + ", which does not divide " + hidden);
    }
    List<BertWeights.Layer> out = new ArrayList<>();
    int intermediate = -1;
    for (int l = 0; l < layers; l++) {
      String p = "encoder.layer." + l + ".";
      BertWeights.Linear q = linear(matrices, p + "attention.self.query", hidden, hidden);
      BertWeights.Linear k = linear(matrices, p + "attention.self.key", hidden, hidden);
      BertWeights.Linear v = linear(matrices, p + "attention.self.value", hidden, hidden);
      BertWeights.Linear o = linear(matrices, p + "attention.output.dense", hidden, hidden);
      float[] upBias = floats(p + "intermediate.dense.bias");
      intermediate = upBias.length;
      BertWeights.Linear up = linear(matrices, p + "intermediate.dense", hidden, intermediate);
      BertWeights.Linear down = linear(matrices, p + "output.dense", intermediate, hidden);
      out.add(new BertWeights.Layer(fuse(q, k, v), o, floats(p + "attention.output.LayerNorm.weight", hidden),
          floats(p + "attention.output.LayerNorm.bias", hidden), up, down, floats(p + "output.LayerNorm.weight", hidden),
          floats(p + "output.LayerNorm.bias", hidden)));
    }
    return new BertWeights(hidden, hidden / headSize, intermediate, word.length / hidden, position.length / hidden,
        epsilon(), word, position, type, normGamma, normBeta, List.copyOf(out), quantized);
  }

  /** Every matrix that feeds a named bias, keyed by the bias name without ".bias". */
  private Map<String, Matrix> matricesByBias() {
    Map<String, Matrix> out = new HashMap<>();
    for (Node n : graph.nodes()) {
      boolean fp32 = n.op().equals("MatMul");
      boolean int8 = n.op().equals("MatMulInteger");
      if ((!fp32 && !int8) || n.inputs().size() < 2 || !init.containsKey(n.inputs().get(1))) {
        continue;
      }
      String role = biasDownstream(n.outputs().get(0), 4);
      if (role == null) {
        continue;
      }
      Tensor w = init.get(n.inputs().get(1));
      if (fp32) {
        out.put(role, new Matrix(n.name(), w, null, null));
      } else {
        Tensor zp = n.inputs().size() > 3 ? init.get(n.inputs().get(3)) : null;
        Tensor scale = columnScale(n);
        if (scale == null) {
          throw new ModelFormatException("model does not fit: no scale for " + w.name() + " (" + n.name() + ")");
        }
        out.put(role, new Matrix(n.name(), w, scale, zp));
      }
    }
    return out;
  }

  /** Follows a tensor through Cast/Mul/Add until an Add whose other input is a named bias. */
  private String biasDownstream(String tensor, int depth) {
    if (depth == 0) {
      return null;
    }
    for (Node c : consumers.getOrDefault(tensor, List.of())) {
      if (c.op().equals("Add")) {
        for (String in : c.inputs()) {
          if (in.endsWith(".bias") && init.containsKey(in)) {
            return in.substring(0, in.length() - ".bias".length());
          }
        }
      }
      if (c.op().equals("Cast") || c.op().equals("Mul")) {
        String r = biasDownstream(c.outputs().get(0), depth - 1);
        if (r != null) {
          return r;
        }
      }
    }
    return null;
  }

  /**
   * An int8 product is rescaled by {@code Mul(cast(product), Mul(activationScale, columnScale))}:
   * the column scale is the initializer input of that inner Mul.
   */
  private Tensor columnScale(Node matMulInteger) {
    for (Node cast : consumers.getOrDefault(matMulInteger.outputs().get(0), List.of())) {
      for (Node mul : consumers.getOrDefault(cast.outputs().get(0), List.of())) {
        if (!mul.op().equals("Mul")) {
          continue;
        }
        for (String in : mul.inputs()) {
          Node scales = producers.get(in);
          if (scales != null && scales.op().equals("Mul")) {
            for (String s : scales.inputs()) {
              if (init.containsKey(s) && init.get(s).dataType() == OnnxGraph.FLOAT && init.get(s).dims().length == 1) {
                return init.get(s);
              }
            }
          }
        }
      }
    }
    return null;
  }

  private BertWeights.Linear linear(Map<String, Matrix> matrices, String role, int in, int out) {
    Matrix m = matrices.get(role);
    if (m == null) {
      throw new ModelFormatException("model does not fit: no weight matrix feeds " + role + ".bias");
    }
    int[] shape = m.weight().shape();
    if (shape.length != 2 || shape[0] != in || shape[1] != out) {
      throw new ModelFormatException("model does not fit: " + role + " weight " + m.weight().name() + " is "
          + java.util.Arrays.toString(shape) + ", expected [" + in + ", " + out + "]");
    }
    float[] bias = floats(role + ".bias", out);
    if (m.scale() == null) {
      return new BertWeights.Linear(m.weight().floats(), bias, in, out);
    }
    byte[] q = m.weight().bytes();
    float[] scale = m.scale().floats();
    byte[] zp = m.zeroPoint() == null ? new byte[out] : m.zeroPoint().bytes();
    if (scale.length != out || zp.length != out) {
      throw new ModelFormatException("model does not fit: " + role + " has " + scale.length + " scales for " + out + " columns");
    }
    boolean unsigned = m.weight().dataType() == OnnxGraph.UINT8;
    float[] w = new float[in * out];
    for (int r = 0; r < in; r++) {
      for (int c = 0; c < out; c++) {
        int qv = unsigned ? q[r * out + c] & 0xff : q[r * out + c];
        int z = unsigned ? zp[c] & 0xff : zp[c];
        w[r * out + c] = (qv - z) * scale[c];
      }
    }
    return new BertWeights.Linear(w, bias, in, out);
  }

  private static BertWeights.Linear fuse(BertWeights.Linear q, BertWeights.Linear k, BertWeights.Linear v) {
    int in = q.in();
    int h = q.out();
    float[] w = new float[in * 3 * h];
    for (int r = 0; r < in; r++) {
      System.arraycopy(q.weight(), r * h, w, r * 3 * h, h);
      System.arraycopy(k.weight(), r * h, w, r * 3 * h + h, h);
      System.arraycopy(v.weight(), r * h, w, r * 3 * h + 2 * h, h);
    }
    return new BertWeights.Linear(w, concat(q.bias(), k.bias(), v.bias()), in, 3 * h);
  }

  private static float[] concat(float[] a, float[] b, float[] c) {
    float[] out = new float[a.length + b.length + c.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    System.arraycopy(c, 0, out, a.length + b.length, c.length);
    return out;
  }

  /** An embedding table, plain or stored as uint8 with a scale and zero point. */
  private float[] embedding(String name) {
    Tensor t = init.get(name);
    if (t != null) {
      return t.floats();
    }
    Tensor q = init.get(name + "_quantized");
    Tensor scale = init.get(name + "_scale");
    Tensor zp = init.get(name + "_zero_point");
    if (q == null || scale == null || zp == null) {
      throw new ModelFormatException("model does not fit: no " + name);
    }
    byte[] b = q.bytes();
    float s = scale.scalar();
    float z = zp.scalar();
    boolean unsigned = q.dataType() == OnnxGraph.UINT8;
    float[] out = new float[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = ((unsigned ? b[i] & 0xff : b[i]) - z) * s;
    }
    return out;
  }

  private float[] floats(String name) {
    Tensor t = init.get(name);
    if (t == null) {
      throw new ModelFormatException("model does not fit: no " + name);
    }
    return t.floats();
  }

  private float[] floats(String name, int size) {
    float[] f = floats(name);
    if (f.length != size) {
      throw new ModelFormatException("model does not fit: " + name + " has " + f.length + " values, expected " + size);
    }
    return f;
  }

  /** The epsilon added to the variance in the first LayerNorm. */
  private float epsilon() {
    for (Node n : graph.nodes()) {
      if (n.op().equals("Add") && n.name().contains("LayerNorm/Add") && !n.name().contains("Add_1")) {
        for (String in : n.inputs()) {
          Tensor t = init.get(in);
          if (t != null && t.elements() == 1 && t.dataType() == OnnxGraph.FLOAT) {
            return t.scalar();
          }
        }
      }
    }
    return 1e-12f;
  }

  /** Head width from the attention scale: scores are divided by the square root of it. */
  private int headSize(int hidden) {
    for (Node n : graph.nodes()) {
      if (n.op().equals("Div") && n.name().contains("/attention/self/")) {
        for (String in : n.inputs()) {
          Tensor t = init.get(in);
          if (t != null && t.elements() == 1 && t.dataType() == OnnxGraph.FLOAT) {
            float c = t.scalar();
            return Math.round(c * c);
          }
        }
      }
    }
    throw new ModelFormatException("model does not fit: no attention scale (Div in /attention/self/) to tell the heads apart");
  }
}
