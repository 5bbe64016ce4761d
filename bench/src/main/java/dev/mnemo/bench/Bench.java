package dev.mnemo.bench;

import java.util.Arrays;

/** {@code mnemo bench WHAT ...}: the benchmarks' one entry point. */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
      return;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "search" -> SearchBench.main(rest);
      case "encoder" -> EncoderBench.main(rest);
      case "hybrid" -> HybridBench.main(rest);
      case "kernels" -> KernelBench.main(rest);
      default -> {
        usage();
        System.exit(2);
      }
    }
  }

  private static void usage() {
    System.err.println("""
        usage: mnemo bench search VAULT [QUERIES] [SEED]   search vs SQLite FTS5 and ripgrep
               mnemo bench encoder [--model M] [--threads N] FILE...   encoder vs ONNX Runtime
        """);
  }
}
