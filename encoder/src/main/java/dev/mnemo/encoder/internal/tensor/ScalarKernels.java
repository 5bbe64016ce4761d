package dev.mnemo.encoder.internal.tensor;

/** The reference arithmetic: plain loops, double accumulation where it matters. */
class ScalarKernels extends Kernels {
  static final ScalarKernels INSTANCE = new ScalarKernels();

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public void gemm(float[] a, int aOff, int lda, int m, Packed w, float[] c, int cOff, int ldc, float[] bias) {
    int k = w.k;
    int n = w.n;
    float[] d = w.data;
    int pw = w.width;
    float[] acc = new float[pw];
    for (int i = 0; i < m; i++) {
      int arow = aOff + i * lda;
      int crow = cOff + i * ldc;
      for (int p = 0, c0 = 0; c0 < n; p++, c0 += pw) {
        int base = p * k * pw;
        for (int j = 0; j < pw; j++) {
          acc[j] = bias == null || c0 + j >= n ? 0f : bias[c0 + j];
        }
        for (int kk = 0; kk < k; kk++) {
          float x = a[arow + kk];
          int o = base + kk * pw;
          for (int j = 0; j < pw; j++) {
            acc[j] = Math.fma(x, d[o + j], acc[j]);
          }
        }
        int width = Math.min(pw, n - c0);
        System.arraycopy(acc, 0, c, crow + c0, width);
      }
    }
  }

  @Override
  public void addLayerNorm(float[] x, int xOff, float[] residual, int rOff, int rows, int n, float[] gamma,
      float[] beta, float eps) {
    for (int r = 0; r < rows; r++) {
      int o = xOff + r * n;
      if (residual != null) {
        int ro = rOff + r * n;
        for (int j = 0; j < n; j++) {
          x[o + j] += residual[ro + j];
        }
      }
      double sum = 0;
      for (int j = 0; j < n; j++) {
        sum += x[o + j];
      }
      float mean = (float) (sum / n);
      double var = 0;
      for (int j = 0; j < n; j++) {
        double dv = x[o + j] - mean;
        var += dv * dv;
      }
      float inv = (float) (1.0 / Math.sqrt(var / n + eps));
      for (int j = 0; j < n; j++) {
        x[o + j] = (x[o + j] - mean) * inv * gamma[j] + beta[j];
      }
    }
  }

  @Override
  public void gelu(float[] x, int off, int len) {
    for (int i = off; i < off + len; i++) {
      float v = x[i];
      x[i] = v * 0.5f * (1f + erf(v * 0.70710678f));
    }
  }

  /** erf by Abramowitz and Stegun 7.1.26 (absolute error under 1.5e-7), the same formula the vector path uses. */
  static float erf(float x) {
    float ax = Math.abs(x);
    float t = 1f / (1f + 0.3275911f * ax);
    float poly = ((((1.061405429f * t - 1.453152027f) * t + 1.421413741f) * t - 0.284496736f) * t + 0.254829592f) * t;
    float y = 1f - poly * (float) Math.exp(-ax * ax);
    return x < 0 ? -y : y;
  }

  @Override
  public void softmax(float[] x, int off, int ld, int rows, int cols, boolean[] mask, int maskOff, float scale) {
    for (int r = 0; r < rows; r++) {
      int o = off + r * ld;
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < cols; j++) {
        if (mask == null || mask[maskOff + j]) {
          max = Math.max(max, x[o + j] * scale);
        }
      }
      double sum = 0;
      for (int j = 0; j < cols; j++) {
        if (mask == null || mask[maskOff + j]) {
          float e = (float) Math.exp(x[o + j] * scale - max);
          x[o + j] = e;
          sum += e;
        } else {
          x[o + j] = 0f;
        }
      }
      float inv = (float) (1.0 / sum);
      for (int j = 0; j < cols; j++) {
        x[o + j] *= inv;
      }
    }
  }

  @Override
  public double sumOfSquares(float[] x, int off, int len) {
    double s = 0;
    for (int i = off; i < off + len; i++) {
      s += (double) x[i] * x[i];
    }
    return s;
  }
}
