package dev.mnemo.bench;

import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;

/** {@code mnemo bench WHAT ...}: the benchmarks' one entry point. */
public final class Bench {
  private Bench() {}

  static final String USAGE = """
      usage: mnemo bench search VAULT [QUERIES=200] [SEED=42]         keyword search vs SQLite FTS5 and ripgrep
             mnemo bench hybrid VAULT INDEX [QUERIES=200]             every search mode's latency, keyword as reference
             mnemo bench encoder [--model M] [--threads N] [--rounds R] FILE...   encoder vs ONNX Runtime
             mnemo bench kernels                                      JMH: the matrix kernel vs the scalar path
      """;

  /** A command line that cannot run: said in one line, with the usage, and exit status 2. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
      System.err.print(USAGE);
      return;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
      System.err.print(USAGE);
      return;
    }
    try {
      switch (args[0]) {
        case "search" -> SearchBench.main(rest);
        case "encoder" -> EncoderBench.main(rest);
        case "hybrid" -> HybridBench.main(rest);
        case "kernels" -> KernelBench.main(rest);
        default -> throw new UsageException("unknown benchmark '" + args[0] + "'");
      }
    } catch (UsageException | NumberFormatException e) {
      fail(e instanceof NumberFormatException ? "not a number: " + e.getMessage().replaceFirst("^For input string: ", "")
          : e.getMessage());
    } catch (NoSuchFileException e) {
      fail("no such file: " + e.getFile());
    }
  }

  private static void fail(String message) {
    System.err.println("mnemo bench: " + message);
    System.err.print(USAGE);
    System.exit(2);
  }

  /** The value after option {@code args[i]}, or a usage error naming the option. */
  static String value(String[] args, int i) {
    if (i + 1 >= args.length) {
      throw new UsageException(args[i] + " needs a value");
    }
    return args[i + 1];
  }
}
