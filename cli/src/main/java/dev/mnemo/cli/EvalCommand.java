package dev.mnemo.cli;

import dev.mnemo.eval.BeirDataset;
import dev.mnemo.eval.Evaluation;
import dev.mnemo.index.IndexSchema;
import dev.mnemo.index.NoteIndex;
import dev.mnemo.json.Json;
import dev.mnemo.progress.Progress;
import dev.mnemo.search.Searcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "eval", sortOptions = false,
    description = {"Measure ranking on a BEIR-layout collection.",
        "Indexes the corpus in a temporary index, runs every judged query of the split and prints",
        "nDCG@10, Recall@100, MRR@10, indexing time and query latency."})
final class EvalCommand implements Callable<Integer> {
  @ParentCommand
  Mnemo root;

  @Spec
  CommandSpec spec;

  @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "corpus.jsonl, queries.jsonl and qrels/SPLIT.tsv.")
  Path dataset;

  @Option(names = "--split", required = true, paramLabel = "NAME", description = "Which qrels file: train, dev, test...")
  String split;

  @Option(names = "--mode", paramLabel = "MODE", description = "keyword (default: ${DEFAULT-VALUE}).")
  String mode = "keyword";

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Option(names = "--threads", paramLabel = "N", description = "Indexing threads (default: all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!mode.equals("keyword")) {
      throw new IllegalArgumentException("unknown --mode " + mode + " (keyword)");
    }
    BeirDataset ds = BeirDataset.load(dataset, split);
    Progress progress = json ? Progress.NONE : new TerminalProgress(err, Terminal.isInteractive());
    Path tmp = Files.createTempDirectory("mnemo-eval-");
    try {
      Evaluation eval = new Evaluation();
      Path dir = tmp.resolve("index");
      double seconds = eval.index(ds, dir, note -> IndexSchema.documents(note, "", 0, 0, null), threads, progress);
      try (NoteIndex index = NoteIndex.openForReading(dir)) {
        Evaluation.Result r = eval.measure(ds, split, mode, null, index, Evaluation.keyword(new Searcher()), seconds, progress);
        if (json) {
          out.println(Json.write(r));
        } else {
          out.printf(Locale.ROOT, "%s %s (%d queries, %d documents), mode %s%n", r.dataset(), r.split(), r.queries(),
              r.documents(), r.mode());
          out.printf(Locale.ROOT, "  nDCG@10 %.4f   Recall@100 %.4f   MRR@10 %.4f%n", r.ndcgAt10(), r.recallAt100(), r.mrrAt10());
          out.printf(Locale.ROOT, "  indexing %.1f s   query p50 %.1f ms   p99 %.1f ms%n", r.indexSeconds(), r.queryMsP50(),
              r.queryMsP99());
        }
      }
    } finally {
      deleteTree(tmp);
    }
    return ExitCode.OK;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
