package dev.mnemo.encoder.internal.tensor;

import java.lang.System.Logger.Level;

/**
 * The arithmetic of the encoder: a scalar reference, and a Vector API version that overrides the
 * hot loops. {@link #get()} picks one, once, and says which: set {@code -Dmnemo.encoder.kernels=scalar}
 * to force the reference; without {@code --add-modules jdk.incubator.vector} the scalar path runs.
 *
 * <p>Matrices are row-major {@code float[]} regions given by an offset and a row stride ({@code ld}).
 */
public abstract class Kernels {
  private static final System.Logger LOG = System.getLogger("dev.mnemo.encoder");
  private static volatile Kernels chosen;

  /** The kernels this JVM should use. */
  public static Kernels get() {
    Kernels k = chosen;
    if (k == null) {
      synchronized (Kernels.class) {
        if (chosen == null) {
          chosen = choose();
        }
        k = chosen;
      }
    }
    return k;
  }

  public static Kernels scalar() {
    return ScalarKernels.INSTANCE;
  }

  private static Kernels choose() {
    String wanted = System.getProperty("mnemo.encoder.kernels", "auto");
    if (wanted.equals("scalar")) {
      LOG.log(Level.DEBUG, "encoder kernels: scalar (mnemo.encoder.kernels=scalar)");
      return ScalarKernels.INSTANCE;
    }
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      LOG.log(Level.WARNING, "encoder kernels: scalar, because the Vector API is not available; "
          + "pass --add-modules jdk.incubator.vector to the JVM for the fast path");
      return ScalarKernels.INSTANCE;
    }
    try {
      Kernels v = (Kernels) Class.forName("dev.mnemo.encoder.internal.tensor.VectorKernels")
          .getDeclaredConstructor().newInstance();
      LOG.log(Level.DEBUG, "encoder kernels: " + v.name());
      return v;
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.log(Level.WARNING, "encoder kernels: scalar, the Vector API failed to load (" + e + ")");
      return ScalarKernels.INSTANCE;
    }
  }

  public abstract String name();

  private static final ThreadLocal<Boolean> SPLIT = ThreadLocal.withInitial(() -> false);

  /**
   * Runs {@code work} with its larger matrix products split over two cores: for one short input
   * (a search query), where there is no batch to spread over threads.
   */
  public static <T> T splitting(java.util.function.Supplier<T> work) {
    if (SPLIT.get()) {
      return work.get();
    }
    SPLIT.set(true);
    try {
      return work.get();
    } finally {
      SPLIT.set(false);
    }
  }

  /** Whether products on this thread should be split over cores now. */
  protected static boolean split() {
    return SPLIT.get() && Runtime.getRuntime().availableProcessors() > 1;
  }

  /** The panel width this kernel's products read fastest: {@code new Packed(panelWidth())}. */
  public int panelWidth() {
    return 16;
  }

  /** A packed matrix of this kernel's panel width. */
  public Packed newPacked() {
    return new Packed(panelWidth());
  }

  /** Packs {@code [k, n]} at {@code src[off + r * ld + c]} into panels. */
  public void pack(float[] src, int off, int ld, int k, int n, Packed into) {
    into.reshape(k, n);
    float[] d = into.data;
    int w = into.width;
    int panels = into.panels();
    for (int p = 0; p < panels; p++) {
      int base = p * k * w;
      int c0 = p * w;
      int width = Math.min(w, n - c0);
      for (int r = 0; r < k; r++) {
        int row = off + r * ld + c0;
        int o = base + r * w;
        System.arraycopy(src, row, d, o, width);
        java.util.Arrays.fill(d, o + width, o + w, 0f);
      }
    }
  }

  /** Packs the transpose of {@code [n, k]} at {@code src[off + r * ld + c]}: the result is {@code [k, n]}. */
  public void packTransposed(float[] src, int off, int ld, int n, int k, Packed into) {
    into.reshape(k, n);
    float[] d = into.data;
    int w = into.width;
    int panels = into.panels();
    for (int p = 0; p < panels; p++) {
      int base = p * k * w;
      int c0 = p * w;
      int width = Math.min(w, n - c0);
      for (int j = 0; j < w; j++) {
        if (j < width) {
          int row = off + (c0 + j) * ld;
          for (int r = 0; r < k; r++) {
            d[base + r * w + j] = src[row + r];
          }
        } else {
          for (int r = 0; r < k; r++) {
            d[base + r * w + j] = 0f;
          }
        }
      }
    }
  }

  /**
   * {@code C[m, n] = A[m, k] · W + bias} (bias may be null). A at {@code a[aOff + i * lda + kk]}, C at
   * {@code c[cOff + i * ldc + j]}.
   */
  public abstract void gemm(float[] a, int aOff, int lda, int m, Packed w, float[] c, int cOff, int ldc, float[] bias);

  /** In place, for each of {@code rows} rows of width {@code n}: {@code x = LayerNorm(x + residual)}. */
  public abstract void addLayerNorm(float[] x, int xOff, float[] residual, int rOff, int rows, int n, float[] gamma,
      float[] beta, float eps);

  /** In place: {@code x = x · ½ · (1 + erf(x / √2))}, the exact GELU. */
  public abstract void gelu(float[] x, int off, int len);

  /**
   * Softmax of each of {@code rows} rows of {@code cols} values of {@code x} (row stride {@code ld}),
   * after multiplying by {@code scale}. Columns whose {@code mask[maskOff + j]} is false (padding)
   * take no part and become 0; a null mask means every column counts.
   */
  public abstract void softmax(float[] x, int off, int ld, int rows, int cols, boolean[] mask, int maskOff, float scale);

  /** Sum of squares of {@code x[off, off+len)}. */
  public abstract double sumOfSquares(float[] x, int off, int len);

  /** The smallest and largest of {@code x[off, off+len)} and 0, into {@code minMax[0]} and {@code minMax[1]}. */
  public void range(float[] x, int off, int len, float[] minMax) {
    float min = minMax[0];
    float max = minMax[1];
    for (int i = off; i < off + len; i++) {
      min = Math.min(min, x[i]);
      max = Math.max(max, x[i]);
    }
    minMax[0] = min;
    minMax[1] = max;
  }

  /**
   * ONNX {@code DynamicQuantizeLinear}'s mapping, minus its zero point: {@code dst[i] =
   * clamp(round(x[i] / scale) + zp, 0, 255) - zp} with rounding half to even, as exact small integers.
   */
  public void quantize(float[] x, int off, int len, float scale, float zp, float[] dst) {
    for (int i = off; i < off + len; i++) {
      float q = Math.max(0f, Math.min(255f, (float) Math.rint(x[i] / scale) + zp));
      dst[i] = q - zp;
    }
  }

  /** {@code c[row, j] = c[row, j] * scale + bias[j]} over {@code rows} rows of {@code n} at {@code c[off]}. */
  public void rescale(float[] c, int off, int rows, int n, float scale, float[] bias) {
    for (int r = 0; r < rows; r++) {
      int o = off + r * n;
      for (int j = 0; j < n; j++) {
        c[o + j] = c[o + j] * scale + bias[j];
      }
    }
  }
}
