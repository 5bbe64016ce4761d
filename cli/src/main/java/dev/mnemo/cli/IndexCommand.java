package dev.mnemo.cli;

import dev.mnemo.index.Indexer;
import dev.mnemo.index.NoteIndex;
import dev.mnemo.json.Json;
import dev.mnemo.progress.Progress;
import dev.mnemo.semantic.Models;
import dev.mnemo.semantic.SemanticDocuments;
import dev.mnemo.vault.NoteParser;
import dev.mnemo.vault.NoteReader;
import dev.mnemo.vault.Vault;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "index", sortOptions = false,
    description = {"Index a vault, or bring its index up to date.",
        "Only changed files are read again; deleted ones are removed. The index lives outside the vault."})
final class IndexCommand implements Callable<Integer> {
  @ParentCommand
  Mnemo root;

  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "VAULT", description = "The vault folder (or use --vault).")
  Path vaultArg;

  @Mixin
  VaultOptions options;

  @Option(names = "--json", description = "Print one JSON object with what was done; no progress.")
  boolean json;

  @Option(names = "--threads", paramLabel = "N", description = "Threads for reading and parsing (default: all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--model", paramLabel = "M",
      description = "Encoder models for search by meaning: auto (bge-small-zh for Chinese, bge-small-en for English) "
          + "or one built-in model (default: ${DEFAULT-VALUE}). Changing it re-embeds every chunk.")
  String model = Models.AUTO;

  @Option(names = "--keyword-only", description = "No vectors: faster indexing, keyword search only.")
  boolean keywordOnly;

  @Option(names = "--max-file-size", paramLabel = "MB", description = "Skip (and report) files larger than this (default: ${DEFAULT-VALUE}).")
  int maxFileMb = (int) (Vault.DEFAULT_MAX_FILE_SIZE >> 20);

  @Override
  public Integer call() throws Exception {
    if (vaultArg != null) {
      options.vault = vaultArg;
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Vault vault = options.openVault(root.env);
    Path dir = options.indexDir(vault, root.env);
    Progress progress = json ? Progress.NONE : new TerminalProgress(err, Terminal.isInteractive());
    try (NoteIndex index = NoteIndex.openForWriting(dir, vault.root())) {
      Indexer indexer = new Indexer(new NoteReader(new NoteParser()), maker(), threads,
          (long) maxFileMb << 20);
      Indexer.Report report = indexer.update(vault, index, progress);
      if (json) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("vault", vault.root().toString());
        o.put("index", dir.toString());
        o.put("report", report);
        out.println(Json.write(o));
      } else {
        print(out, vault, dir, report);
      }
    }
    return ExitCode.OK;
  }

  Indexer.DocumentMaker maker() {
    if (keywordOnly) {
      return Indexer.DocumentMaker.KEYWORD_ONLY;
    }
    return new SemanticDocuments(Models.named(model).orElseThrow(
        () -> new IllegalArgumentException("unknown model '" + model + "'; choose one of " + Models.choices())));
  }

  private static void print(PrintWriter out, Vault vault, Path dir, Indexer.Report r) {
    out.printf(Locale.ROOT, "Indexed %s in %.1f s: %d notes, %d chunks.%n", vault.root(), r.millis() / 1000.0, r.files(),
        r.chunks());
    out.printf(Locale.ROOT, "  %d added, %d changed, %d removed, %d unchanged%n", r.added(), r.changed(), r.removed(),
        r.unchanged());
    if (r.notice() != null) {
      out.println("  note: " + r.notice());
    }
    if (!r.problems().isEmpty()) {
      out.printf(Locale.ROOT, "  %d %s skipped or reported (see warnings above)%n", r.problems().size(),
          r.problems().size() == 1 ? "file was" : "files were");
    }
    out.println("  index: " + dir);
  }
}
