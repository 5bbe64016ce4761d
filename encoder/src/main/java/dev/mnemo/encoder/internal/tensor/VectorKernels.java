package dev.mnemo.encoder.internal.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels. Matrix products run over packed weight panels two vectors wide: 32
 * columns of 16-lane vectors ({@link Tiles32}) where the machine has 512-bit vectors, 16 columns of
 * 8-lane vectors ({@link Tiles16}) otherwise; rows are blocked so that a block of A stays in L2
 * while every panel passes over it. The elementwise operations use 8 lanes everywhere.
 * {@code -Dmnemo.encoder.vectorBits=256} keeps the 256-bit products on an AVX-512 machine.
 */
final class VectorKernels extends ScalarKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
  private static final int L = S.length();

  private final int panelWidth;

  VectorKernels() {
    this(Integer.getInteger("mnemo.encoder.vectorBits", FloatVector.SPECIES_PREFERRED.vectorBitSize()) >= 512 ? 32 : 16);
  }

  /** Kernels whose products prefer panels of {@code panelWidth} (16 or 32); both widths work either way. */
  VectorKernels(int panelWidth) {
    if (panelWidth != 16 && panelWidth != 32) {
      throw new IllegalArgumentException("panel width must be 16 or 32, not " + panelWidth);
    }
    this.panelWidth = panelWidth;
  }

  @Override
  public String name() {
    return "vector (" + L + " lanes; products " + (panelWidth / 2) + " lanes, FMA)";
  }

  @Override
  public int panelWidth() {
    return panelWidth;
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
    int tall = w.width == 32 ? Tiles32.ROWS : Tiles16.ROWS;
    int rowsPerBlock = Math.max(tall, BLOCK_BYTES / (4 * Math.max(1, w.k)) / tall * tall);
    float[] tmp = w.n % w.width == 0 ? null : new float[w.width * tall];
    for (int r0 = 0; r0 < m; r0 += rowsPerBlock) {
      int rows = Math.min(rowsPerBlock, m - r0);
      block(a, aOff + r0 * lda, lda, rows, w, c, cOff + r0 * ldc, ldc, bias, tmp, p0, p1, tall);
    }
  }

  /** All panels over one block of rows, in tiles of {@code tall}, then 4, 2 and 1 rows. */
  private static void block(float[] a, int aOff, int lda, int m, Packed w, float[] c, int cOff, int ldc,
      float[] bias, float[] tmp, int p0, int p1, int tall) {
    int k = w.k;
    int n = w.n;
    int pw = w.width;
    float[] d = w.data;
    for (int p = p0; p < p1; p++) {
      int base = p * k * pw;
      int c0 = p * pw;
      int width = Math.min(pw, n - c0);
      // The panel's biases (zeros past the matrix's last column).
      float[] b = panelBias(bias, c0, width, pw);
      boolean full = width == pw;
      int i = 0;
      for (int rows = tall; rows >= 1; rows = rows == tall ? 4 : rows / 2) {
        for (; i + rows <= m; i += rows) {
          int ao = aOff + i * lda;
          if (full) {
            tile(pw, rows, a, ao, lda, d, base, k, c, cOff + i * ldc + c0, ldc, b);
          } else {
            // The last panel, narrower than the tile: through a scratch tile, then its real columns.
            tile(pw, rows, a, ao, lda, d, base, k, tmp, 0, pw, b);
            for (int r = 0; r < rows; r++) {
              System.arraycopy(tmp, r * pw, c, cOff + (i + r) * ldc + c0, width);
            }
          }
        }
      }
    }
  }

  private static void tile(int pw, int rows, float[] a, int a0, int lda, float[] w, int base, int k, float[] c,
      int c0, int ldc, float[] b) {
    if (pw == 32) {
      Tiles32.tile(rows, a, a0, lda, w, base, k, c, c0, ldc, b);
    } else {
      Tiles16.tile(rows, a, a0, lda, w, base, k, c, c0, ldc, b);
    }
  }

  private static final float[] ZERO_BIAS = new float[32];

  private static float[] panelBias(float[] bias, int c0, int width, int pw) {
    if (bias == null) {
      return ZERO_BIAS;
    }
    float[] b = new float[pw];
    System.arraycopy(bias, c0, b, 0, width);
    return b;
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
