package dev.mnemo.encoder.internal.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Product tiles over 32-wide panels with 16-lane (512-bit) vectors, for AVX-512 machines. The largest
 * holds an 8 × 32 tile of the output in 16 of the 32 vector registers; per step of k it loads two
 * vectors of the panel and does 16 FMAs against 8 broadcasts, twice the work per load of the 256-bit
 * tiles. Measured on a Zen 4 core: about 95–100 GFLOP/s against 67–76 for {@link Tiles16}.
 */
final class Tiles32 {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
  static final int L = S.length();
  static final int W = 32;
  static final int ROWS = 8;

  private Tiles32() {}

  /**
   * One tile of {@code rows} rows (8, 4, 2 or 1) by 32 columns: {@code C = A · panel + b}.
   */
  static void tile(int rows, float[] a, int a0, int lda, float[] w, int base, int k, float[] c, int c0, int ldc,
      float[] b) {
    switch (rows) {
      case 8 -> tile8(a, a0, lda, w, base, k, c, c0, ldc, b);
      case 4 -> tile4(a, a0, lda, w, base, k, c, c0, ldc, b);
      case 2 -> tile2(a, a0, lda, w, base, k, c, c0, ldc, b);
      case 1 -> tile1(a, a0, lda, w, base, k, c, c0, ldc, b);
      default -> throw new IllegalArgumentException("no tile of " + rows + " rows");
    }
  }

  static void tile8(float[] a, int a0, int lda, float[] w, int base, int k, float[] c, int c0, int ldc,
      float[] b) {
    FloatVector b0 = FloatVector.fromArray(S, b, 0);
    FloatVector b1 = FloatVector.fromArray(S, b, L);
    FloatVector c00 = b0;
    FloatVector c01 = b1;
    FloatVector c10 = b0;
    FloatVector c11 = b1;
    FloatVector c20 = b0;
    FloatVector c21 = b1;
    FloatVector c30 = b0;
    FloatVector c31 = b1;
    FloatVector c40 = b0;
    FloatVector c41 = b1;
    FloatVector c50 = b0;
    FloatVector c51 = b1;
    FloatVector c60 = b0;
    FloatVector c61 = b1;
    FloatVector c70 = b0;
    FloatVector c71 = b1;
    int a1 = a0 + lda;
    int a2 = a1 + lda;
    int a3 = a2 + lda;
    int a4 = a3 + lda;
    int a5 = a4 + lda;
    int a6 = a5 + lda;
    int a7 = a6 + lda;
    for (int kk = 0; kk < k; kk++) {
      int o = base + kk * W;
      FloatVector w0 = FloatVector.fromArray(S, w, o);
      FloatVector w1 = FloatVector.fromArray(S, w, o + L);
      FloatVector x = FloatVector.broadcast(S, a[a0 + kk]);
      c00 = x.fma(w0, c00);
      c01 = x.fma(w1, c01);
      x = FloatVector.broadcast(S, a[a1 + kk]);
      c10 = x.fma(w0, c10);
      c11 = x.fma(w1, c11);
      x = FloatVector.broadcast(S, a[a2 + kk]);
      c20 = x.fma(w0, c20);
      c21 = x.fma(w1, c21);
      x = FloatVector.broadcast(S, a[a3 + kk]);
      c30 = x.fma(w0, c30);
      c31 = x.fma(w1, c31);
      x = FloatVector.broadcast(S, a[a4 + kk]);
      c40 = x.fma(w0, c40);
      c41 = x.fma(w1, c41);
      x = FloatVector.broadcast(S, a[a5 + kk]);
      c50 = x.fma(w0, c50);
      c51 = x.fma(w1, c51);
      x = FloatVector.broadcast(S, a[a6 + kk]);
      c60 = x.fma(w0, c60);
      c61 = x.fma(w1, c61);
      x = FloatVector.broadcast(S, a[a7 + kk]);
      c70 = x.fma(w0, c70);
      c71 = x.fma(w1, c71);
    }
    c00.intoArray(c, c0);
    c01.intoArray(c, c0 + L);
    c10.intoArray(c, c0 + ldc);
    c11.intoArray(c, c0 + ldc + L);
    c20.intoArray(c, c0 + 2 * ldc);
    c21.intoArray(c, c0 + 2 * ldc + L);
    c30.intoArray(c, c0 + 3 * ldc);
    c31.intoArray(c, c0 + 3 * ldc + L);
    c40.intoArray(c, c0 + 4 * ldc);
    c41.intoArray(c, c0 + 4 * ldc + L);
    c50.intoArray(c, c0 + 5 * ldc);
    c51.intoArray(c, c0 + 5 * ldc + L);
    c60.intoArray(c, c0 + 6 * ldc);
    c61.intoArray(c, c0 + 6 * ldc + L);
    c70.intoArray(c, c0 + 7 * ldc);
    c71.intoArray(c, c0 + 7 * ldc + L);
  }

  static void tile4(float[] a, int a0, int lda, float[] w, int base, int k, float[] c, int c0, int ldc,
      float[] b) {
    FloatVector b0 = FloatVector.fromArray(S, b, 0);
    FloatVector b1 = FloatVector.fromArray(S, b, L);
    FloatVector c00 = b0;
    FloatVector c01 = b1;
    FloatVector c10 = b0;
    FloatVector c11 = b1;
    FloatVector c20 = b0;
    FloatVector c21 = b1;
    FloatVector c30 = b0;
    FloatVector c31 = b1;
    int a1 = a0 + lda;
    int a2 = a1 + lda;
    int a3 = a2 + lda;
    for (int kk = 0; kk < k; kk++) {
      int o = base + kk * W;
      FloatVector w0 = FloatVector.fromArray(S, w, o);
      FloatVector w1 = FloatVector.fromArray(S, w, o + L);
      FloatVector x = FloatVector.broadcast(S, a[a0 + kk]);
      c00 = x.fma(w0, c00);
      c01 = x.fma(w1, c01);
      x = FloatVector.broadcast(S, a[a1 + kk]);
      c10 = x.fma(w0, c10);
      c11 = x.fma(w1, c11);
      x = FloatVector.broadcast(S, a[a2 + kk]);
      c20 = x.fma(w0, c20);
      c21 = x.fma(w1, c21);
      x = FloatVector.broadcast(S, a[a3 + kk]);
      c30 = x.fma(w0, c30);
      c31 = x.fma(w1, c31);
    }
    c00.intoArray(c, c0);
    c01.intoArray(c, c0 + L);
    c10.intoArray(c, c0 + ldc);
    c11.intoArray(c, c0 + ldc + L);
    c20.intoArray(c, c0 + 2 * ldc);
    c21.intoArray(c, c0 + 2 * ldc + L);
    c30.intoArray(c, c0 + 3 * ldc);
    c31.intoArray(c, c0 + 3 * ldc + L);
  }

  static void tile2(float[] a, int a0, int lda, float[] w, int base, int k, float[] c, int c0, int ldc,
      float[] b) {
    FloatVector b0 = FloatVector.fromArray(S, b, 0);
    FloatVector b1 = FloatVector.fromArray(S, b, L);
    FloatVector c00 = b0;
    FloatVector c01 = b1;
    FloatVector c10 = b0;
    FloatVector c11 = b1;
    int a1 = a0 + lda;
    for (int kk = 0; kk < k; kk++) {
      int o = base + kk * W;
      FloatVector w0 = FloatVector.fromArray(S, w, o);
      FloatVector w1 = FloatVector.fromArray(S, w, o + L);
      FloatVector x = FloatVector.broadcast(S, a[a0 + kk]);
      c00 = x.fma(w0, c00);
      c01 = x.fma(w1, c01);
      x = FloatVector.broadcast(S, a[a1 + kk]);
      c10 = x.fma(w0, c10);
      c11 = x.fma(w1, c11);
    }
    c00.intoArray(c, c0);
    c01.intoArray(c, c0 + L);
    c10.intoArray(c, c0 + ldc);
    c11.intoArray(c, c0 + ldc + L);
  }

  static void tile1(float[] a, int a0, int lda, float[] w, int base, int k, float[] c, int c0, int ldc,
      float[] b) {
    FloatVector b0 = FloatVector.fromArray(S, b, 0);
    FloatVector b1 = FloatVector.fromArray(S, b, L);
    FloatVector c00 = b0;
    FloatVector c01 = b1;
    for (int kk = 0; kk < k; kk++) {
      int o = base + kk * W;
      FloatVector w0 = FloatVector.fromArray(S, w, o);
      FloatVector w1 = FloatVector.fromArray(S, w, o + L);
      FloatVector x = FloatVector.broadcast(S, a[a0 + kk]);
      c00 = x.fma(w0, c00);
      c01 = x.fma(w1, c01);
    }
    c00.intoArray(c, c0);
    c01.intoArray(c, c0 + L);
  }
}
