package dev.mnemo.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's fp32 FMA peak, measured: twelve independent FMA chains in the widest vectors the
 * JVM offers (enough in flight to cover the FMA latency on two pipes), on {@code threads} threads at
 * once, the best of a few short runs. What the encoder's GFLOP/s are a fraction of.
 */
final class FmaPeak {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private FmaPeak() {}

  /** GFLOP/s of {@code threads} cores running FMAs flat out. */
  static double gflops(int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      double best = 0;
      for (int round = 0; round < 5; round++) {
        List<Callable<Double>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          work.add(() -> run(1 << 22));
        }
        double sum = 0;
        for (Future<Double> f : pool.invokeAll(work)) {
          sum += f.get();
        }
        best = Math.max(best, sum);
      }
      return best;
    } finally {
      pool.shutdownNow();
    }
  }

  /** One thread's GFLOP/s over {@code iterations} steps of 12 FMAs (the sum keeps the JIT honest). */
  private static double run(int iterations) {
    FloatVector a0 = FloatVector.broadcast(S, 1f);
    FloatVector a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
    FloatVector x = FloatVector.broadcast(S, 0.999f);
    FloatVector y = FloatVector.broadcast(S, 0.001f);
    long t0 = System.nanoTime();
    for (int i = 0; i < iterations; i++) {
      a0 = x.fma(a0, y);
      a1 = x.fma(a1, y);
      a2 = x.fma(a2, y);
      a3 = x.fma(a3, y);
      a4 = x.fma(a4, y);
      a5 = x.fma(a5, y);
      a6 = x.fma(a6, y);
      a7 = x.fma(a7, y);
      a8 = x.fma(a8, y);
      a9 = x.fma(a9, y);
      a10 = x.fma(a10, y);
      a11 = x.fma(a11, y);
    }
    long nanos = System.nanoTime() - t0;
    float sum = a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
        .reduceLanes(VectorOperators.ADD);
    if (Float.isNaN(sum)) {
      throw new AssertionError("FMA chains went NaN");
    }
    return iterations * 12.0 * S.length() * 2 / nanos;
  }
}
