package dev.mnemo.bench;

import dev.mnemo.encoder.internal.tensor.Kernels;
import dev.mnemo.encoder.internal.tensor.Packed;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * JMH: the encoder's matrix product on the shapes bge-small-zh runs (a 256-token batch times the
 * fused QKV, the feed-forward up and down projections), Vector API kernel against the scalar
 * reference in the same run, over both panel widths. GFLOP/s = 2·M·K·N · ops/s / 1e9. {@code mnemo bench kernels}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelBench {
  @Param({"256x512x1536", "256x512x2048", "256x2048x512"})
  public String shape;

  /** Panel width: 16 runs the 256-bit tiles, 32 the 512-bit ones (slow where the CPU lacks AVX-512). */
  @Param({"16", "32"})
  public int panel;

  int m;
  int k;
  int n;
  float[] a;
  float[] c;
  float[] bias;
  Packed w;
  Kernels vector;
  Kernels scalar;

  @Setup
  public void setup() {
    String[] d = shape.split("x");
    m = Integer.parseInt(d[0]);
    k = Integer.parseInt(d[1]);
    n = Integer.parseInt(d[2]);
    Random r = new Random(1);
    a = new float[m * k];
    float[] weights = new float[k * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextFloat() - 0.5f;
    }
    for (int i = 0; i < weights.length; i++) {
      weights[i] = r.nextFloat() - 0.5f;
    }
    bias = new float[n];
    c = new float[m * n];
    vector = Kernels.get();
    scalar = Kernels.scalar();
    w = new Packed(panel);
    vector.pack(weights, 0, n, k, n, w);
  }

  @Benchmark
  public float[] vector() {
    vector.gemm(a, 0, k, m, w, c, 0, n, bias);
    return c;
  }

  @Benchmark
  public float[] scalar() {
    scalar.gemm(a, 0, k, m, w, c, 0, n, bias);
    return c;
  }

  public static void main(String[] args) throws Exception {
    var results = new Runner(new OptionsBuilder().include(KernelBench.class.getSimpleName()).build()).run();
    System.out.println();
    System.out.println("| shape (MxKxN) | panel | kernel | GFLOP/s |");
    System.out.println("|---|---|---|---|");
    for (var r : results) {
      String[] d = r.getParams().getParam("shape").split("x");
      double flops = 2.0 * Long.parseLong(d[0]) * Long.parseLong(d[1]) * Long.parseLong(d[2]);
      System.out.printf(java.util.Locale.ROOT, "| %s | %s | %s | %.1f |%n", r.getParams().getParam("shape"),
          r.getParams().getParam("panel"),
          r.getParams().getBenchmark().replaceAll(".*\\.", ""), r.getPrimaryResult().getScore() * flops / 1e9);
    }
  }
}
