package dev.mnemo.cli;

import dev.mnemo.journal.LinkGraph;
import dev.mnemo.json.Json;
import dev.mnemo.search.Hit;
import dev.mnemo.search.Related;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "related", sortOptions = false,
    description = {"Entries elsewhere in the vault closest in meaning to a note, or to the entry around a line.",
        "Notes it already links to (or that link to it) are left out."})
final class RelatedCommand implements Callable<Integer> {
  @ParentCommand
  Mnemo root;

  @Spec
  CommandSpec spec;

  @Mixin
  VaultOptions options;

  @Parameters(paramLabel = "PATH[:LINE]", description = "A note (vault-relative path, file name or title), optionally a line in it.")
  String source;

  @Option(names = {"-n", "--limit"}, paramLabel = "K", description = "How many (default: ${DEFAULT-VALUE}).")
  int limit = 10;

  @Option(names = "--json", description = "Print one JSON object: the source span and its related hits.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (VaultOptions.Opened opened = options.openForReading(root.env)) {
      LinkGraph graph = new LinkGraph(opened.index().notes());
      Related.Source src = Related.Source.parse(source);
      String path = graph.find(src.path()).orElseThrow(() -> new IllegalArgumentException("no such note: " + src.path()));
      Related.Result r = Related.find(opened.index(), graph, new Related.Source(path, src.line()), limit);
      if (json) {
        out.println(Json.write(r));
        return ExitCode.OK;
      }
      boolean colour = Terminal.colour(root.env, false);
      out.printf("Related to %s:%d-%d%n", r.path(), r.startLine(), r.endLine());
      if (r.hits().isEmpty()) {
        out.println("Nothing related found.");
      }
      for (Hit h : r.hits()) {
        String where = h.heading().isEmpty() ? h.title() : h.heading();
        out.println(Terminal.colour(h.location(), Terminal.MAGENTA, colour)
            + (h.date() == null ? "" : "  " + Terminal.colour(h.date(), Terminal.GREEN, colour))
            + "  " + Terminal.colour(where, Terminal.CYAN, colour)
            + Terminal.colour(String.format(Locale.ROOT, "  (%.2f)", h.score()), Terminal.DIM, colour));
        out.println("    " + SearchCommand.marks(h.snippet(), colour));
      }
      if (r.hiddenLinked() > 0) {
        out.printf("(%d linked %s left out)%n", r.hiddenLinked(), r.hiddenLinked() == 1 ? "note" : "notes");
      }
    }
    return ExitCode.OK;
  }
}
