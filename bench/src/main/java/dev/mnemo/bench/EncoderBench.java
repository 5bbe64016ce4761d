package dev.mnemo.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.mnemo.encoder.Encoder;
import dev.mnemo.encoder.EncoderModel;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code mnemo bench encoder [--model M] [--threads N] [--rounds R] FILE...}: embeds the blank-line
 * paragraphs of the files with our encoder and with ONNX Runtime, on the same model file, precision
 * and token ids, alternating the two in each round so both see the same machine noise. ONNX Runtime
 * runs as measured best beforehand: one session, N calling threads, a paragraph per call. Prints
 * tokens per second for both, the share of the machine's FMA peak (measured in the same run) our
 * encoder reaches, and last the ratio of the medians.
 */
public final class EncoderBench {
  public static void main(String[] args) throws Exception {
    String model = "bge-small-zh-v15";
    int threads = 2;
    int rounds = 7;
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--model" -> model = Bench.value(args, i++);
        case "--threads" -> threads = Integer.parseInt(Bench.value(args, i++));
        case "--rounds" -> rounds = Integer.parseInt(Bench.value(args, i++));
        default -> {
          if (args[i].startsWith("-")) {
            throw new Bench.UsageException("unknown option " + args[i]);
          }
          files.add(Path.of(args[i]));
        }
      }
    }
    if (files.isEmpty()) {
      throw new Bench.UsageException("encoder: no files to embed");
    }
    if (threads < 1 || rounds < 1) {
      throw new Bench.UsageException("--threads and --rounds must be at least 1");
    }
    String name = model;
    EncoderModel m = EncoderModel.named(model).orElseThrow(() -> new Bench.UsageException("unknown model '" + name
        + "'; known: " + EncoderModel.BUILTIN.stream().map(EncoderModel::name)
            .collect(java.util.stream.Collectors.joining(", "))));
    new EncoderBench().run(m, threads, rounds, files, System.out);
  }

  void run(EncoderModel model, int threads, int rounds, List<Path> files, PrintStream out) throws Exception {
    List<String> paragraphs = new ArrayList<>();
    for (Path f : files) {
      for (String p : Files.readString(f).split("\n\\s*\n")) {
        if (!p.isBlank()) {
          paragraphs.add(p.strip());
        }
      }
    }
    Encoder ours = Encoder.load(model);
    int[][] ids = new int[paragraphs.size()][];
    long tokens = 0;
    double flops = 0;
    double executed = 0;
    // An fp32 CLS model skips the last layer's work for every token but the first.
    boolean pruned = model.pooling() == EncoderModel.Pooling.CLS && !model.quantized();
    for (int i = 0; i < ids.length; i++) {
      ids[i] = ours.tokenizer().encode(model.passagePrefix() + paragraphs.get(i)).ids();
      tokens += ids[i].length;
      flops += flops(ours, ids[i].length, false);
      executed += flops(ours, ids[i].length, pruned);
    }
    out.printf(Locale.ROOT, "model %s (%s), %d paragraphs, %d tokens, %d threads, kernels: %s%n", model.name(),
        model.quantized() ? "int8" : "fp32", ids.length, tokens, threads, ours.kernels());

    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);
    byte[] onnx;
    try (InputStream in = EncoderModel.class.getClassLoader().getResourceAsStream(model.onnx())) {
      onnx = in.readAllBytes();
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (OrtSession session = env.createSession(onnx, options)) {
      // Warm both up: JIT for ours, allocations and kernel selection for ONNX Runtime.
      runOurs(ours, ids, threads);
      runOrt(env, session, ids, pool);
      double[] oursRate = new double[rounds];
      double[] ortRate = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        runOrt(env, session, ids, pool);
        ortRate[r] = tokens / ((System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        runOurs(ours, ids, threads);
        double seconds = (System.nanoTime() - t0) / 1e9;
        oursRate[r] = tokens / seconds;
      }
      double oursMedian = median(oursRate);
      double ortMedian = median(ortRate);
      double seconds = tokens / oursMedian; // one pass over all the paragraphs
      double peak = FmaPeak.gflops(threads);
      out.printf(Locale.ROOT, "mnemo        %8.0f tokens/s (median of %d; min %.0f, max %.0f)%n", oursMedian, rounds,
          min(oursRate), max(oursRate));
      out.printf(Locale.ROOT, "onnxruntime  %8.0f tokens/s (median of %d; min %.0f, max %.0f)%n", ortMedian, rounds,
          min(ortRate), max(ortRate));
      out.printf(Locale.ROOT, "mnemo does %.1f GFLOP/s (%.1f of the model's arithmetic, as ONNX Runtime counts it), "
          + "%.0f%% of %d cores' measured FMA peak (%.0f GFLOP/s)%n", executed / seconds / 1e9, flops / seconds / 1e9,
          100 * executed / seconds / 1e9 / peak, threads, peak);
      out.printf(Locale.ROOT, "ratio mnemo/onnxruntime: %.2f%n", oursMedian / ortMedian);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Floating point operations of one forward pass over n tokens (products only; they are over 95%);
   * {@code pruned}: the last layer for the first token only, keys and values still for all.
   */
  static double flops(Encoder e, int n, boolean pruned) {
    int layers = e.layers();
    int h = e.dimension();
    int inter = 4 * h;
    double perLayer = 2.0 * n * h * 3 * h + 2.0 * n * n * h * 2 + 2.0 * n * h * h + 2.0 * n * h * inter * 2;
    if (!pruned) {
      return layers * perLayer;
    }
    double last = 2.0 * n * h * 2 * h + 2.0 * h * h + 2.0 * n * h * 2 + 2.0 * h * h + 2.0 * h * inter * 2;
    return (layers - 1) * perLayer + last;
  }

  private static void runOurs(Encoder e, int[][] ids, int threads) {
    e.embedTokenIds(ids, threads);
  }

  private static void runOrt(OrtEnvironment env, OrtSession session, int[][] ids, ExecutorService pool) throws Exception {
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    int threads = ((java.util.concurrent.ThreadPoolExecutor) pool).getCorePoolSize();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        int i;
        while ((i = next.getAndIncrement()) < ids.length) {
          int n = ids[i].length;
          long[][] in = new long[1][n];
          long[][] mask = new long[1][n];
          long[][] types = new long[1][n];
          for (int j = 0; j < n; j++) {
            in[0][j] = ids[i][j];
            mask[0][j] = 1;
          }
          try (OnnxTensor a = OnnxTensor.createTensor(env, in);
              OnnxTensor b = OnnxTensor.createTensor(env, mask);
              OnnxTensor c = OnnxTensor.createTensor(env, types);
              OrtSession.Result r = session.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
            r.get(0);
          }
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  static double min(double[] v) {
    return Arrays.stream(v).min().orElse(0);
  }

  static double max(double[] v) {
    return Arrays.stream(v).max().orElse(0);
  }
}
