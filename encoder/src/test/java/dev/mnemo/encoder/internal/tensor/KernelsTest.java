package dev.mnemo.encoder.internal.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The vector kernels against the scalar reference at awkward sizes, with a seeded random source. */
class KernelsTest {
  static Kernels fast;
  static final Kernels ref = Kernels.scalar();

  @BeforeAll
  static void vectorKernelsAreInUse() {
    fast = Kernels.get();
    assertTrue(fast.name().startsWith("vector"), "tests run with the Vector API; got " + fast.name());
  }

  static float[] random(Random r, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (r.nextGaussian());
    }
    return a;
  }

  /** Error allowed between two summation orders of k terms of unit size. */
  static float tolerance(int k) {
    return 1e-5f * (float) Math.sqrt(k) * 4;
  }

  /** Both panel widths (the 256- and the 512-bit tiles), whichever this machine prefers. */
  static final int[] WIDTHS = {16, 32};

  /** A query's products split over two cores give exactly the same numbers as on one. */
  @ParameterizedTest
  @CsvSource({"30,384,1536,16", "7,512,1549,16", "40,1536,384,16", "3,384,33,16", "30,384,1536,32",
      "7,512,1549,32", "40,1536,384,32", "3,384,33,32"})
  void splitProductIsIdenticalToTheUnsplitOne(int m, int k, int n, int width) {
    Random r = new Random(m + k + n);
    float[] a = random(r, m * k);
    float[] w = random(r, k * n);
    float[] bias = random(r, n);
    Packed p = new Packed(width);
    fast.pack(w, 0, n, k, n, p);
    float[] one = new float[m * n];
    float[] two = new float[m * n];
    fast.gemm(a, 0, k, m, p, one, 0, n, bias);
    Kernels.splitting(() -> {
      fast.gemm(a, 0, k, m, p, two, 0, n, bias);
      return null;
    });
    org.junit.jupiter.api.Assertions.assertArrayEquals(one, two);
  }

  @ParameterizedTest
  @CsvSource({"1,1,1", "1,7,13", "7,13,1", "13,7,17", "6,64,16", "5,383,31", "17,512,33", "383,64,140", "2,4097,3",
      "100,384,1536", "12,2048,512"})
  void productMatchesTheReference(int m, int k, int n) {
    for (int width : WIDTHS) {
      productMatchesTheReference(m, k, n, width);
    }
  }

  private void productMatchesTheReference(int m, int k, int n, int width) {
    Random r = new Random(31L * m + 7L * k + n);
    int lda = k + 3;
    int ldc = n + 5;
    float[] a = random(r, m * lda);
    float[] w = random(r, k * n);
    float[] bias = random(r, n);
    Packed p = new Packed(width);
    fast.pack(w, 0, n, k, n, p);
    float[] expected = new float[m * ldc];
    float[] actual = new float[m * ldc];
    java.util.Arrays.fill(actual, 42f);
    java.util.Arrays.fill(expected, 42f);
    ref.gemm(a, 0, lda, m, p, expected, 0, ldc, bias);
    fast.gemm(a, 0, lda, m, p, actual, 0, ldc, bias);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < ldc; j++) {
        float tol = j < n ? tolerance(k) : 0f;
        assertEquals(expected[i * ldc + j], actual[i * ldc + j], tol, "C[" + i + "][" + j + "] of " + m + "x" + k + "x" + n + ", panels of " + width);
      }
    }
    // And against a plain double-precision product, so the reference itself is checked.
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = bias[j];
        for (int kk = 0; kk < k; kk++) {
          s += (double) a[i * lda + kk] * w[kk * n + j];
        }
        assertEquals(s, expected[i * ldc + j], tolerance(k), "reference C[" + i + "][" + j + "]");
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"1,1", "7,13", "3,384", "5,512", "2,1537"})
  void transposedPackingIsTheTranspose(int n, int k) {
    Random r = new Random(n * 1000L + k);
    float[] src = random(r, n * (k + 2));
    for (int width : WIDTHS) {
      Packed p = new Packed(width);
      fast.packTransposed(src, 0, k + 2, n, k, p);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < k; j++) {
          assertEquals(src[i * (k + 2) + j], p.get(j, i), 0f);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 8, 13, 383, 512, 4097})
  void layerNormMatches(int n) {
    Random r = new Random(n);
    int rows = 3;
    float[] x = random(r, rows * n);
    float[] residual = random(r, rows * n);
    float[] gamma = random(r, n);
    float[] beta = random(r, n);
    float[] a = x.clone();
    float[] b = x.clone();
    ref.addLayerNorm(a, 0, residual, 0, rows, n, gamma, beta, 1e-12f);
    fast.addLayerNorm(b, 0, residual, 0, rows, n, gamma, beta, 1e-12f);
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i], 1e-4f * Math.max(1f, Math.abs(a[i])), "element " + i);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 8, 13, 383, 4097})
  void geluMatches(int n) {
    Random r = new Random(n);
    float[] x = random(r, n);
    for (int i = 0; i < n; i++) {
      x[i] *= 4;
    }
    float[] a = x.clone();
    float[] b = x.clone();
    ref.gelu(a, 0, n);
    fast.gelu(b, 0, n);
    for (int i = 0; i < n; i++) {
      assertEquals(a[i], b[i], 2e-6f * Math.max(1f, Math.abs(a[i])), "x=" + x[i]);
      double exact = x[i] * 0.5 * (1 + erf(x[i] / Math.sqrt(2)));
      assertEquals(exact, a[i], 1e-6 * Math.max(1, Math.abs(exact)), "reference GELU at " + x[i]);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 8, 13, 140, 512})
  void softmaxMatchesAndMasksPadding(int n) {
    Random r = new Random(n);
    float[] x = random(r, 3 * n);
    float[] a = x.clone();
    float[] b = x.clone();
    ref.softmax(a, 0, n, 3, n, null, 0, 0.125f);
    fast.softmax(b, 0, n, 3, n, null, 0, 0.125f);
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i], 1e-6f, "element " + i);
    }
    boolean[] mask = new boolean[n];
    for (int j = 0; j < n; j++) {
      mask[j] = j % 3 != 2;
    }
    float[] c = x.clone();
    fast.softmax(c, 0, n, 3, n, mask, 0, 0.125f);
    for (int row = 0; row < 3; row++) {
      double sum = 0;
      for (int j = 0; j < n; j++) {
        if (!mask[j]) {
          assertEquals(0f, c[row * n + j], "a padded key gets no attention");
        }
        sum += c[row * n + j];
      }
      assertEquals(1.0, sum, 1e-5);
    }
  }

  /** The int8 path's quantization is bit-identical to the reference, halves rounding to even. */
  @ParameterizedTest
  @ValueSource(ints = {1, 7, 8, 13, 383, 1536})
  void quantizationIsIdentical(int n) {
    Random r = new Random(n);
    float[] x = random(r, n);
    float[] ra = {0f, 0f};
    float[] rb = {0f, 0f};
    ref.range(x, 0, n, ra);
    fast.range(x, 0, n, rb);
    assertEquals(ra[0], rb[0]);
    assertEquals(ra[1], rb[1]);
    float scale = (ra[1] - ra[0]) / 255f;
    float zp = Math.max(0f, Math.min(255f, (float) Math.rint(-ra[0] / scale)));
    // Values that land exactly on halves: round(2.5) is 2, round(3.5) is 4.
    x[0] = 2.5f * scale;
    float[] a = new float[n];
    float[] b = new float[n];
    ref.quantize(x, 0, n, scale, zp, a);
    fast.quantize(x, 0, n, scale, zp, b);
    for (int i = 0; i < n; i++) {
      assertEquals(a[i], b[i], "element " + i + " of " + x[i]);
      assertEquals(Math.rint(a[i]), a[i], "an integer");
    }
    float[] c = random(r, 3 * n);
    float[] bias = random(r, n);
    float[] d = c.clone();
    ref.rescale(c, 0, 3, n, 0.02f, bias);
    fast.rescale(d, 0, 3, n, 0.02f, bias);
    for (int i = 0; i < c.length; i++) {
      assertEquals(c[i], d[i], "rescaled element " + i);
    }
  }

  /** erf in double precision (Abramowitz and Stegun 7.1.28 is not enough; use a series / continued fraction). */
  static double erf(double x) {
    double t = Math.abs(x);
    double sum;
    if (t < 3) {
      double term = t;
      sum = t;
      for (int i = 1; i < 200; i++) {
        term *= -t * t / i;
        sum += term / (2 * i + 1);
      }
      sum *= 2 / Math.sqrt(Math.PI);
    } else {
      // erfc by continued fraction for large |x|.
      double f = 0;
      for (int i = 60; i >= 1; i--) {
        f = i / 2.0 / (t + f);
      }
      sum = 1 - Math.exp(-t * t) / Math.sqrt(Math.PI) / (t + f);
    }
    return x < 0 ? -sum : sum;
  }
}
