package dev.mnemo.cli;

import dev.mnemo.eval.BeirDataset;
import dev.mnemo.eval.Evaluation;
import dev.mnemo.index.Indexer;
import dev.mnemo.index.NoteIndex;
import dev.mnemo.json.Json;
import dev.mnemo.progress.Progress;
import dev.mnemo.search.Searcher;
import dev.mnemo.semantic.Models;
import dev.mnemo.semantic.SemanticDocuments;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

  @Option(names = "--mode", paramLabel = "MODE",
      description = "keyword, semantic, hybrid, or all three on one index (default: ${DEFAULT-VALUE}).")
  String mode = "hybrid";

  @Option(names = "--model", paramLabel = "M", description = "Encoder models: auto (by language) or one of the built-in ones (default: ${DEFAULT-VALUE}).")
  String model = Models.AUTO;

  @Option(names = "--keep-index", paramLabel = "DIR",
      description = "Keep the index in DIR and reuse it when it is already there (for trying fusion settings).")
  Path keep;

  @Option(names = "--json", description = "Print one JSON object (one per line with --mode all).")
  boolean json;

  @Option(names = "--threads", paramLabel = "N", description = "Indexing threads (default: all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Searcher.Mode> modes = new ArrayList<>();
    if (mode.equals("all")) {
      modes.addAll(List.of(Searcher.Mode.values()));
    } else {
      modes.add(Searcher.Mode.parse(mode));
    }
    boolean vectors = modes.stream().anyMatch(m -> m != Searcher.Mode.KEYWORD);
    Models models = Models.named(model).orElseThrow(
        () -> new IllegalArgumentException("unknown model '" + model + "'; choose one of " + Models.choices()));
    BeirDataset ds = BeirDataset.load(dataset, split);
    Progress progress = json ? Progress.NONE : new TerminalProgress(err, Terminal.isInteractive());
    Path tmp = keep == null ? Files.createTempDirectory("mnemo-eval-") : null;
    try {
      Evaluation eval = new Evaluation();
      Path dir = keep != null ? keep : tmp.resolve("index");
      Indexer.DocumentMaker maker = vectors ? new SemanticDocuments(models) : Indexer.DocumentMaker.KEYWORD_ONLY;
      double seconds = 0;
      if (keep == null || !reusable(dir, maker.vectors())) {
        if (keep != null) {
          deleteTree(dir);
        }
        seconds = eval.index(ds, dir, maker, threads, progress);
      } else if (!json) {
        err.println("reusing the index in " + dir);
      }
      try (NoteIndex index = NoteIndex.openForReading(dir)) {
        for (Searcher.Mode m : modes) {
          String modelName = m == Searcher.Mode.KEYWORD ? null : models.name();
          Evaluation.Result r = eval.measure(ds, split, m.label(), modelName, index,
              Evaluation.of(new Searcher(), m), seconds, progress);
          print(out, r);
        }
      }
    } finally {
      if (tmp != null) {
        deleteTree(tmp);
      }
    }
    return ExitCode.OK;
  }

  private void print(PrintWriter out, Evaluation.Result r) {
    if (json) {
      out.println(Json.write(r));
      return;
    }
    out.printf(Locale.ROOT, "%s %s (%d queries, %d documents), mode %s%s%n", r.dataset(), r.split(), r.queries(),
        r.documents(), r.mode(), r.model() == null ? "" : ", model " + r.model());
    out.printf(Locale.ROOT, "  nDCG@10 %.4f   Recall@100 %.4f   MRR@10 %.4f%n", r.ndcgAt10(), r.recallAt100(), r.mrrAt10());
    out.printf(Locale.ROOT, "  indexing %.1f s   query p50 %.1f ms   p99 %.1f ms%n", r.indexSeconds(), r.queryMsP50(),
        r.queryMsP99());
    out.flush();
  }

  /** Whether a kept index is there, complete, with the vectors asked for. */
  private static boolean reusable(Path dir, String vectors) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (NoteIndex index = NoteIndex.openForReading(dir)) {
      String have = index.commitData().getOrDefault(NoteIndex.USER_VECTORS, "");
      return have.equals(vectors) || vectors.isEmpty();
    } catch (Exception e) {
      return false;
    }
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
