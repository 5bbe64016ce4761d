package dev.mnemo.encoder.internal.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels (8 floats per vector; AVX2 and wider). The matrix product holds a 6 × 16
 * tile of the output in 12 accumulators; per step of k it loads two vectors of the packed weight
 * panel and broadcasts six values of A read through six separate row offsets, with each accumulator
 * in the addend slot of its FMA: the shape that leaves the 16 AVX2 registers unspilled. Rows left
 * over are done by 4-, 2- and 1-row tiles.
 */
final class VectorKernels extends ScalarKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
  private static final int L = S.length();
  private static final int W = Packed.WIDTH;

  @Override
  public String name() {
    return "vector (" + L + " lanes, FMA)";
  }

  /** Bytes of A a row block may take, so that it stays in L2 while every weight panel passes over it. */
  private static final int BLOCK_BYTES = Integer.getInteger("mnemo.encoder.blockBytes", 192 * 1024);

  @Override
  public void gemm(float[] a, int aOff, int lda, int m, Packed w, float[] c, int cOff, int ldc, float[] bias) {
    int k = w.k;
    int panels = w.panels();
    if (panels >= 2 && (long) m * k * w.n >= SPLIT_FLOPS && split()) {
      // Half the panels (columns) on a helper thread, half here; the two halves write disjoint columns.
      int half = panels / 2;
      java.util.concurrent.ForkJoinTask<?> other = java.util.concurrent.ForkJoinPool.commonPool()
          .submit(() -> rows(a, aOff, lda, m, w, c, cOff, ldc, bias, half, panels));
      rows(a, aOff, lda, m, w, c, cOff, ldc, bias, 0, half);
      other.join();
      return;
    }
    rows(a, aOff, lda, m, w, c, cOff, ldc, bias, 0, panels);
  }

  /** Below this many multiply-adds a product is not worth handing half to another core. */
  private static final long SPLIT_FLOPS = 1L << 18;

  private void rows(float[] a, int aOff, int lda, int m, Packed w, float[] c, int cOff, int ldc, float[] bias,
      int p0, int p1) {
    int rowsPerBlock = Math.max(6, BLOCK_BYTES / (4 * Math.max(1, w.k)) / 6 * 6);
    float[] tmp = w.n % W == 0 ? null : new float[W * 6];
    for (int r0 = 0; r0 < m; r0 += rowsPerBlock) {
      int rows = Math.min(rowsPerBlock, m - r0);
      block(a, aOff + r0 * lda, lda, rows, w, c, cOff + r0 * ldc, ldc, bias, tmp, p0, p1);
    }
  }

  /** All panels over one block of rows. */
  private void block(float[] a, int aOff, int lda, int m, Packed w, float[] c, int cOff, int ldc, float[] bias,
      float[] tmp, int p0, int p1) {
    int k = w.k;
    int n = w.n;
    float[] d = w.data;
    for (int p = p0; p < p1; p++) {
      int base = p * k * W;
      int c0 = p * W;
      int width = Math.min(W, n - c0);
      // The panel's 16 biases (zeros past the matrix's last column), read inside each tile: vectors
      // passed as arguments would reach the loop boxed, and C2 would keep them boxed.
      float[] b = panelBias(bias, c0, width);
      boolean full = width == W;
      int i = 0;
      for (; i + 6 <= m; i += 6) {
        int ao = aOff + i * lda;
        if (full) {
          tile6(a, ao, lda, d, base, k, c, cOff + i * ldc + c0, ldc, b);
        } else {
          tile6(a, ao, lda, d, base, k, tmp, 0, W, b);
          copyOut(tmp, 6, c, cOff + i * ldc + c0, ldc, width);
        }
      }
      for (; i + 4 <= m; i += 4) {
        int ao = aOff + i * lda;
        if (full) {
          tile4(a, ao, lda, d, base, k, c, cOff + i * ldc + c0, ldc, b);
        } else {
          tile4(a, ao, lda, d, base, k, tmp, 0, W, b);
          copyOut(tmp, 4, c, cOff + i * ldc + c0, ldc, width);
        }
      }
      for (; i + 2 <= m; i += 2) {
        int ao = aOff + i * lda;
        if (full) {
          tile2(a, ao, lda, d, base, k, c, cOff + i * ldc + c0, ldc, b);
        } else {
          tile2(a, ao, lda, d, base, k, tmp, 0, W, b);
          copyOut(tmp, 2, c, cOff + i * ldc + c0, ldc, width);
        }
      }
      for (; i < m; i++) {
        int ao = aOff + i * lda;
        if (full) {
          tile1(a, ao, d, base, k, c, cOff + i * ldc + c0, b);
        } else {
          tile1(a, ao, d, base, k, tmp, 0, b);
          copyOut(tmp, 1, c, cOff + i * ldc + c0, ldc, width);
        }
      }
    }
  }

  private static final float[] ZERO_BIAS = new float[W];

  private static float[] panelBias(float[] bias, int c0, int width) {
    if (bias == null) {
      return ZERO_BIAS;
    }
    float[] b = new float[W];
    System.arraycopy(bias, c0, b, 0, width);
    return b;
  }

  private static void copyOut(float[] tmp, int rows, float[] c, int cOff, int ldc, int width) {
    for (int r = 0; r < rows; r++) {
      System.arraycopy(tmp, r * W, c, cOff + r * ldc, width);
    }
  }

  private static void tile6(float[] a, int a0, int lda, float[] w, int base, int k, float[] c, int c0, int ldc,
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

  private static void tile4(float[] a, int a0, int lda, float[] w, int base, int k, float[] c, int c0, int ldc,
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

  private static void tile2(float[] a, int a0, int lda, float[] w, int base, int k, float[] c, int c0, int ldc,
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

  private static void tile1(float[] a, int a0, float[] w, int base, int k, float[] c, int c0, float[] b) {
    FloatVector b0 = FloatVector.fromArray(S, b, 0);
    FloatVector b1 = FloatVector.fromArray(S, b, L);
    FloatVector c00 = b0;
    FloatVector c01 = b1;
    for (int kk = 0; kk < k; kk++) {
      int o = base + kk * W;
      FloatVector x = FloatVector.broadcast(S, a[a0 + kk]);
      c00 = x.fma(FloatVector.fromArray(S, w, o), c00);
      c01 = x.fma(FloatVector.fromArray(S, w, o + L), c01);
    }
    c00.intoArray(c, c0);
    c01.intoArray(c, c0 + L);
  }

  @Override
  public void addLayerNorm(float[] x, int xOff, float[] residual, int rOff, int rows, int n, float[] gamma,
      float[] beta, float eps) {
    int bound = S.loopBound(n);
    for (int r = 0; r < rows; r++) {
      int o = xOff + r * n;
      FloatVector sum = FloatVector.zero(S);
      int j = 0;
      if (residual != null) {
        int ro = rOff + r * n;
        for (; j < bound; j += L) {
          FloatVector v = FloatVector.fromArray(S, x, o + j).add(FloatVector.fromArray(S, residual, ro + j));
          v.intoArray(x, o + j);
          sum = sum.add(v);
        }
        for (; j < n; j++) {
          x[o + j] += residual[ro + j];
        }
      } else {
        for (; j < bound; j += L) {
          sum = sum.add(FloatVector.fromArray(S, x, o + j));
        }
      }
      float total = sum.reduceLanes(VectorOperators.ADD);
      for (j = bound; j < n; j++) {
        total += x[o + j];
      }
      float mean = total / n;
      FloatVector meanV = FloatVector.broadcast(S, mean);
      FloatVector sq = FloatVector.zero(S);
      for (j = 0; j < bound; j += L) {
        FloatVector dv = FloatVector.fromArray(S, x, o + j).sub(meanV);
        sq = dv.fma(dv, sq);
      }
      float var = sq.reduceLanes(VectorOperators.ADD);
      for (j = bound; j < n; j++) {
        float dv = x[o + j] - mean;
        var += dv * dv;
      }
      float inv = (float) (1.0 / Math.sqrt(var / n + eps));
      FloatVector invV = FloatVector.broadcast(S, inv);
      for (j = 0; j < bound; j += L) {
        FloatVector v = FloatVector.fromArray(S, x, o + j).sub(meanV).mul(invV);
        v.fma(FloatVector.fromArray(S, gamma, j), FloatVector.fromArray(S, beta, j)).intoArray(x, o + j);
      }
      for (j = bound; j < n; j++) {
        x[o + j] = (x[o + j] - mean) * inv * gamma[j] + beta[j];
      }
    }
  }

  @Override
  public void gelu(float[] x, int off, int len) {
    int bound = S.loopBound(len);
    FloatVector half = FloatVector.broadcast(S, 0.5f);
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector invSqrt2 = FloatVector.broadcast(S, 0.70710678f);
    FloatVector p = FloatVector.broadcast(S, 0.3275911f);
    FloatVector a1 = FloatVector.broadcast(S, 0.254829592f);
    FloatVector a2 = FloatVector.broadcast(S, -0.284496736f);
    FloatVector a3 = FloatVector.broadcast(S, 1.421413741f);
    FloatVector a4 = FloatVector.broadcast(S, -1.453152027f);
    FloatVector a5 = FloatVector.broadcast(S, 1.061405429f);
    int i = 0;
    for (; i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, off + i);
      FloatVector z = v.mul(invSqrt2);
      FloatVector az = z.abs();
      FloatVector t = one.div(az.fma(p, one));
      FloatVector poly = a5.fma(t, a4).fma(t, a3).fma(t, a2).fma(t, a1).mul(t);
      FloatVector e = az.mul(az).neg().lanewise(VectorOperators.EXP);
      FloatVector erfAbs = one.sub(poly.mul(e));
      VectorMask<Float> negative = z.lt(0f);
      FloatVector erf = erfAbs.blend(erfAbs.neg(), negative);
      v.mul(half).mul(one.add(erf)).intoArray(x, off + i);
    }
    super.gelu(x, off + i, len - i);
  }

  @Override
  public void softmax(float[] x, int off, int ld, int rows, int cols, boolean[] mask, int maskOff, float scale) {
    if (mask != null) {
      super.softmax(x, off, ld, rows, cols, mask, maskOff, scale);
      return;
    }
    int bound = S.loopBound(cols);
    FloatVector scaleV = FloatVector.broadcast(S, scale);
    for (int r = 0; r < rows; r++) {
      int o = off + r * ld;
      FloatVector maxV = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
      int j = 0;
      for (; j < bound; j += L) {
        maxV = maxV.max(FloatVector.fromArray(S, x, o + j).mul(scaleV));
      }
      float max = maxV.reduceLanes(VectorOperators.MAX);
      for (; j < cols; j++) {
        max = Math.max(max, x[o + j] * scale);
      }
      FloatVector m = FloatVector.broadcast(S, max);
      FloatVector sumV = FloatVector.zero(S);
      for (j = 0; j < bound; j += L) {
        FloatVector e = FloatVector.fromArray(S, x, o + j).fma(scaleV, m.neg()).lanewise(VectorOperators.EXP);
        e.intoArray(x, o + j);
        sumV = sumV.add(e);
      }
      float sum = sumV.reduceLanes(VectorOperators.ADD);
      for (; j < cols; j++) {
        float e = (float) Math.exp(x[o + j] * scale - max);
        x[o + j] = e;
        sum += e;
      }
      FloatVector inv = FloatVector.broadcast(S, 1f / sum);
      for (j = 0; j < bound; j += L) {
        FloatVector.fromArray(S, x, o + j).mul(inv).intoArray(x, o + j);
      }
      for (; j < cols; j++) {
        x[o + j] /= sum;
      }
    }
  }

  @Override
  public void range(float[] x, int off, int len, float[] minMax) {
    int bound = S.loopBound(len);
    FloatVector lo = FloatVector.broadcast(S, minMax[0]);
    FloatVector hi = FloatVector.broadcast(S, minMax[1]);
    int i = 0;
    for (; i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, off + i);
      lo = lo.min(v);
      hi = hi.max(v);
    }
    minMax[0] = lo.reduceLanes(VectorOperators.MIN);
    minMax[1] = hi.reduceLanes(VectorOperators.MAX);
    super.range(x, off + i, len - i, minMax);
  }

  /** Adding and taking away 1.5 · 2²³ rounds a float below 2²² in magnitude to an integer, half to even. */
  private static final float ROUNDER = 12582912f;

  @Override
  public void quantize(float[] x, int off, int len, float scale, float zp, float[] dst) {
    int bound = S.loopBound(len);
    FloatVector sc = FloatVector.broadcast(S, scale);
    FloatVector z = FloatVector.broadcast(S, zp);
    FloatVector rounder = FloatVector.broadcast(S, ROUNDER);
    FloatVector top = FloatVector.broadcast(S, 255f);
    FloatVector zero = FloatVector.zero(S);
    int i = 0;
    for (; i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, off + i).div(sc);
      // |x / scale| is at most 255 here (scale spans the data's range), so the rounding trick is exact.
      FloatVector q = v.add(rounder).sub(rounder).add(z).max(zero).min(top);
      q.sub(z).intoArray(dst, off + i);
    }
    super.quantize(x, off + i, len - i, scale, zp, dst);
  }

  @Override
  public void rescale(float[] c, int off, int rows, int n, float scale, float[] bias) {
    int bound = S.loopBound(n);
    FloatVector sc = FloatVector.broadcast(S, scale);
    for (int r = 0; r < rows; r++) {
      int o = off + r * n;
      int j = 0;
      for (; j < bound; j += L) {
        FloatVector.fromArray(S, c, o + j).mul(sc).add(FloatVector.fromArray(S, bias, j)).intoArray(c, o + j);
      }
      for (; j < n; j++) {
        c[o + j] = c[o + j] * scale + bias[j];
      }
    }
  }
}
