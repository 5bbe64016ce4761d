package dev.mnemo.encoder;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Map;

/** ONNX Runtime running the same model file: the reference our encoder is checked against. */
final class OnnxReference implements AutoCloseable {
  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final EncoderModel model;

  OnnxReference(EncoderModel model) throws Exception {
    this.model = model;
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);
    this.session = env.createSession(model.onnxBytes(), options);
  }

  /** Pooled, unit-length vectors for a padded batch, pooled as the model wants. */
  float[][] embed(int[][] ids, boolean[][] masks) throws OrtException {
    int b = ids.length;
    int n = 0;
    for (int[] s : ids) {
      n = Math.max(n, s.length);
    }
    long[][] in = new long[b][n];
    long[][] mask = new long[b][n];
    long[][] types = new long[b][n];
    for (int s = 0; s < b; s++) {
      for (int t = 0; t < ids[s].length; t++) {
        in[s][t] = ids[s][t];
        mask[s][t] = masks == null || masks[s][t] ? 1 : 0;
      }
    }
    try (OnnxTensor i = OnnxTensor.createTensor(env, in);
        OnnxTensor m = OnnxTensor.createTensor(env, mask);
        OnnxTensor t = OnnxTensor.createTensor(env, types);
        OrtSession.Result r = session.run(Map.of("input_ids", i, "attention_mask", m, "token_type_ids", t))) {
      float[][][] hidden = (float[][][]) r.get(0).getValue();
      float[][] out = new float[b][];
      for (int s = 0; s < b; s++) {
        int h = hidden[s][0].length;
        float[] v = new float[h];
        if (model.pooling() == EncoderModel.Pooling.CLS) {
          System.arraycopy(hidden[s][0], 0, v, 0, h);
        } else {
          int real = 0;
          for (int tk = 0; tk < n; tk++) {
            if (mask[s][tk] == 1) {
              real++;
              for (int j = 0; j < h; j++) {
                v[j] += hidden[s][tk][j];
              }
            }
          }
          for (int j = 0; j < h; j++) {
            v[j] /= real;
          }
        }
        Encoder.normalize(v);
        out[s] = v;
      }
      return out;
    }
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  @Override
  public void close() throws Exception {
    session.close();
  }
}
