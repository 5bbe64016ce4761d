package dev.mnemo.encoder.internal.onnx;

import dev.mnemo.encoder.ModelFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX model a BERT encoder needs: the graph's nodes, its initializers (weights, as
 * views into the file's bytes until asked for), and its inputs and outputs.
 */
public final class OnnxGraph {
  public static final int FLOAT = 1;
  public static final int UINT8 = 2;
  public static final int INT8 = 3;
  public static final int INT32 = 6;
  public static final int INT64 = 7;

  /** Refuse tensors larger than this many elements before allocating anything. */
  private static final long MAX_ELEMENTS = 1L << 30;

  /** A weight tensor: its shape, element type, and where its little-endian bytes are. */
  public record Tensor(String name, int dataType, long[] dims, byte[] buf, int offset, int length, float[] floatData,
      long[] int64Data, int[] int32Data) {
    public long elements() {
      long n = 1;
      for (long d : dims) {
        n *= d;
      }
      return n;
    }

    public int[] shape() {
      int[] s = new int[dims.length];
      for (int i = 0; i < dims.length; i++) {
        s[i] = (int) dims[i];
      }
      return s;
    }

    public float[] floats() {
      long n = elements();
      if (dataType != FLOAT) {
        throw new ModelFormatException(name + " holds type " + dataType + ", not float32");
      }
      if (floatData != null) {
        return floatData.clone();
      }
      checkBytes(n * 4);
      float[] out = new float[(int) n];
      ByteBuffer.wrap(buf, offset, length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
      return out;
    }

    /** Bytes of an 8-bit tensor, as signed bytes (callers add 128 for uint8 when they need to). */
    public byte[] bytes() {
      if (dataType != UINT8 && dataType != INT8) {
        throw new ModelFormatException(name + " holds type " + dataType + ", not 8-bit");
      }
      long n = elements();
      if (buf == null && int32Data != null && int32Data.length == n) {
        byte[] out = new byte[(int) n];
        for (int i = 0; i < n; i++) {
          out[i] = (byte) int32Data[i];
        }
        return out;
      }
      checkBytes(n);
      byte[] out = new byte[(int) n];
      System.arraycopy(buf, offset, out, 0, (int) n);
      return out;
    }

    public float scalar() {
      if (dataType == FLOAT) {
        return floats()[0];
      }
      if (dataType == UINT8) {
        return bytes()[0] & 0xff;
      }
      if (dataType == INT32 && int32Data != null) {
        return int32Data[0];
      }
      if (dataType == INT8) {
        return bytes()[0];
      }
      if (dataType == INT64) {
        return int64Data != null && int64Data.length > 0 ? int64Data[0]
            : ByteBuffer.wrap(buf, offset, length).order(ByteOrder.LITTLE_ENDIAN).getLong();
      }
      throw new ModelFormatException(name + ": unsupported scalar type " + dataType);
    }

    private void checkBytes(long expected) {
      if (buf == null || length != expected) {
        throw new ModelFormatException(name + ": shape " + java.util.Arrays.toString(dims) + " needs " + expected
            + " bytes, the file holds " + length);
      }
    }
  }

  /** A node of the graph. */
  public record Node(String op, String name, List<String> inputs, List<String> outputs, Map<String, Object> attributes) {}

  private final List<Node> nodes;
  private final Map<String, Tensor> initializers;
  private final List<String> inputs;
  private final List<String> outputs;

  private OnnxGraph(List<Node> nodes, Map<String, Tensor> initializers, List<String> inputs, List<String> outputs) {
    this.nodes = nodes;
    this.initializers = initializers;
    this.inputs = inputs;
    this.outputs = outputs;
  }

  public List<Node> nodes() {
    return nodes;
  }

  public Map<String, Tensor> initializers() {
    return initializers;
  }

  public List<String> inputs() {
    return inputs;
  }

  public List<String> outputs() {
    return outputs;
  }

  /** Reads a model file's bytes (ModelProto); the returned graph keeps views into {@code bytes}. */
  public static OnnxGraph read(byte[] bytes) {
    ProtoReader model = new ProtoReader(bytes, 0, bytes.length);
    OnnxGraph graph = null;
    while (model.next()) {
      if (model.field() == 7 && model.wireType() == ProtoReader.LENGTH_DELIMITED) {
        graph = readGraph(model.message());
      } else {
        model.skip();
      }
    }
    if (graph == null) {
      throw new ModelFormatException("not an ONNX model: no graph");
    }
    return graph;
  }

  private static OnnxGraph readGraph(ProtoReader g) {
    List<Node> nodes = new ArrayList<>();
    Map<String, Tensor> inits = new LinkedHashMap<>();
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    while (g.next()) {
      switch (g.field()) {
        case 1 -> nodes.add(readNode(g.message()));
        case 5 -> {
          Tensor t = readTensor(g.message());
          inits.put(t.name(), t);
        }
        case 11 -> inputs.add(valueInfoName(g.message()));
        case 12 -> outputs.add(valueInfoName(g.message()));
        default -> g.skip();
      }
    }
    // Constant nodes hold small tensors (epsilons, shapes) that work like initializers.
    for (Node n : nodes) {
      if (n.op().equals("Constant") && n.attributes().get("value") instanceof Tensor t && !n.outputs().isEmpty()) {
        Tensor named = new Tensor(n.outputs().get(0), t.dataType(), t.dims(), t.buf(), t.offset(), t.length(), t.floatData(),
            t.int64Data(), t.int32Data());
        inits.putIfAbsent(named.name(), named);
      }
    }
    return new OnnxGraph(List.copyOf(nodes), inits, List.copyOf(inputs), List.copyOf(outputs));
  }

  private static String valueInfoName(ProtoReader v) {
    String name = "";
    while (v.next()) {
      if (v.field() == 1) {
        name = v.string();
      } else {
        v.skip();
      }
    }
    return name;
  }

  private static Node readNode(ProtoReader n) {
    List<String> in = new ArrayList<>();
    List<String> out = new ArrayList<>();
    String name = "";
    String op = "";
    Map<String, Object> attrs = new HashMap<>();
    while (n.next()) {
      switch (n.field()) {
        case 1 -> in.add(n.string());
        case 2 -> out.add(n.string());
        case 3 -> name = n.string();
        case 4 -> op = n.string();
        case 5 -> readAttribute(n.message(), attrs);
        default -> n.skip();
      }
    }
    return new Node(op, name, List.copyOf(in), List.copyOf(out), attrs);
  }

  private static void readAttribute(ProtoReader a, Map<String, Object> into) {
    String name = "";
    Object value = null;
    List<Long> ints = new ArrayList<>();
    while (a.next()) {
      switch (a.field()) {
        case 1 -> name = a.string();
        case 2 -> value = Float.intBitsToFloat(a.fixed32());
        case 3 -> value = a.varint();
        case 4 -> value = a.string();
        case 5 -> value = readTensor(a.message());
        case 8 -> a.int64s(ints::add);
        default -> a.skip();
      }
    }
    if (value == null && !ints.isEmpty()) {
      value = List.copyOf(ints);
    }
    if (value != null) {
      into.put(name, value);
    }
  }

  private static Tensor readTensor(ProtoReader t) {
    List<Long> dims = new ArrayList<>();
    int type = 0;
    String name = "";
    int[] raw = null;
    List<Double> floats = new ArrayList<>();
    List<Long> int64s = new ArrayList<>();
    List<Long> int32s = new ArrayList<>();
    while (t.next()) {
      switch (t.field()) {
        case 1 -> t.int64s(dims::add);
        case 2 -> type = (int) t.varint();
        case 4 -> t.floats(floats::add);
        case 5 -> t.int64s(int32s::add);
        case 7 -> t.int64s(int64s::add);
        case 8 -> name = t.string();
        case 9 -> raw = t.bytesRegion();
        case 13, 14 -> throw new ModelFormatException("tensor " + name + " keeps its data in an external file, which mnemo does not read");
        default -> t.skip();
      }
    }
    long[] d = new long[dims.size()];
    long elements = 1;
    for (int i = 0; i < d.length; i++) {
      d[i] = dims.get(i);
      if (d[i] < 0) {
        throw new ModelFormatException("tensor " + name + " has a negative dimension");
      }
      elements *= Math.max(1, d[i]);
      if (elements > MAX_ELEMENTS) {
        throw new ModelFormatException("tensor " + name + " is too large (" + dims + ")");
      }
    }
    float[] fd = null;
    if (!floats.isEmpty()) {
      fd = new float[floats.size()];
      for (int i = 0; i < fd.length; i++) {
        fd[i] = floats.get(i).floatValue();
      }
    }
    long[] ld = int64s.isEmpty() ? null : int64s.stream().mapToLong(Long::longValue).toArray();
    int[] id = int32s.isEmpty() ? null : int32s.stream().mapToInt(Long::intValue).toArray();
    return new Tensor(name, type, d, raw == null ? null : t.buffer(), raw == null ? 0 : raw[0], raw == null ? 0 : raw[1], fd, ld, id);
  }
}
