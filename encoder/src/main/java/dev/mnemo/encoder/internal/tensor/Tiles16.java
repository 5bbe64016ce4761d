package dev.mnemo.encoder.internal.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Product tiles over 16-wide panels with 8-lane (256-bit) vectors, for AVX2 machines. The largest
 * holds a 6 × 16 tile of the output in 12 accumulators; per step of k it loads two vectors of the
 * panel and broadcasts six values of A read through six separate row offsets, with each accumulator
 * in the addend slot of its FMA: the shape that leaves the 16 AVX2 registers unspilled. The bias
 * comes in as an array read inside the tile: vectors passed as arguments would reach the loop boxed,
 * and C2 would keep them boxed.
 */
final class Tiles16 {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
  static final int L = S.length();
  static final int W = 16;
  static final int ROWS = 6;

  private Tiles16() {}

  /**
   * One tile of {@code rows} rows (6, 4, 2 or 1) by 16 columns: {@code C = A · panel + b}.
   */
  static void tile(int rows, float[] a, int a0, int lda, float[] w, int base, int k, float[] c, int c0, int ldc,
      float[] b) {
    switch (rows) {
      case 6 -> tile6(a, a0, lda, w, base, k, c, c0, ldc, b);
      case 4 -> tile4(a, a0, lda, w, base, k, c, c0, ldc, b);
      case 2 -> tile2(a, a0, lda, w, base, k, c, c0, ldc, b);
      case 1 -> tile1(a, a0, lda, w, base, k, c, c0, ldc, b);
      default -> throw new IllegalArgumentException("no tile of " + rows + " rows");
    }
  }

  static void tile6(float[] a, int a0, int lda, float[] w, int base, int k, float[] c, int c0, int ldc,
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
    int a1 = a0 + lda;
    int a2 = a1 + lda;
    int a3 = a2 + lda;
    int a4 = a3 + lda;
    int a5 = a4 + lda;
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
