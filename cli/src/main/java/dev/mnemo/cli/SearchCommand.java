package dev.mnemo.cli;

import dev.mnemo.json.Json;
import dev.mnemo.search.Hit;
import dev.mnemo.search.SearchQuery;
import dev.mnemo.search.Searcher;
import dev.mnemo.search.Snippets;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "search", sortOptions = false,
    description = {"Search a vault. Any word may match; more matches rank higher.",
        "Syntax: words  \"exact phrase\"  +required  -excluded  tag:x  #x  path:x",
        "        after:2023-08-01  before:2023-09  date:2023-08",
        "        date:\"last week\"  date:上周",
        "Words that say when filter too: 跑步 上周, 2023年9月的旅行.",
        "A question only about a time lists its entries, newest first:",
        "上周做了什么, what did I do last week."})
final class SearchCommand implements Callable<Integer> {
  @ParentCommand
  Mnemo root;

  @Spec
  CommandSpec spec;

  @Mixin
  VaultOptions options;

  @Option(names = {"-n", "--limit"}, paramLabel = "K", description = "How many hits (default: ${DEFAULT-VALUE}).")
  int limit = 10;

  @Option(names = "--per-note", paramLabel = "N", description = "At most N hits from one note (default: ${DEFAULT-VALUE}).")
  int perNote = 2;

  @Option(names = {"-m", "--mode"}, paramLabel = "MODE",
      description = "keyword, semantic or hybrid (default: ${DEFAULT-VALUE}; keyword on an index without vectors).")
  String mode = "hybrid";

  @Option(names = "--when", paramLabel = "WHEN",
      description = "Only entries of this time: 2023-08, August 2023, 2023年8月, last week, 上周, 去年...")
  String when;

  @Option(names = "--json", description = "Print one JSON array of hits.")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "QUERY", description = "What to look for.")
  List<String> words;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    SearchQuery query = SearchQuery.parse(String.join(" ", words), root.today());
    var range = SearchQuery.when(when, root.today());
    if (range.isPresent()) {
      query = query.withWhen(range.get());
    }
    if (!query.hasText() && !query.hasFilters()) {
      throw new IllegalArgumentException("nothing to search for: give words, a phrase or a filter");
    }
    try (VaultOptions.Opened opened = options.openForReading(root.env)) {
      Searcher.Results results = new Searcher().search(opened.index(), query, new Searcher.Options(limit, perNote, Searcher.Mode.parse(mode)));
      if (json) {
        out.println(Json.write(results.hits()));
        if (!results.notice().isEmpty()) {
          // The JSON stays one array of hits; how the query was read goes to stderr.
          spec.commandLine().getErr().println("mnemo: " + results.notice());
        }
      } else {
        print(out, results, Terminal.colour(root.env, false));
      }
    }
    return ExitCode.OK;
  }

  static void print(PrintWriter out, Searcher.Results results, boolean colour) {
    if (!results.notice().isEmpty()) {
      out.println(Terminal.colour(results.notice(), Terminal.DIM, colour));
    }
    if (results.hits().isEmpty()) {
      out.println("No hits.");
      return;
    }
    for (Hit h : results.hits()) {
      StringBuilder head = new StringBuilder(Terminal.colour(h.location(), Terminal.MAGENTA, colour));
      if (h.date() != null) {
        head.append("  ").append(Terminal.colour(h.date(), Terminal.GREEN, colour));
      }
      String where = h.heading().isEmpty() ? h.title() : h.heading();
      if (!where.isEmpty()) {
        head.append("  ").append(Terminal.colour(where, Terminal.CYAN, colour));
      }
      if (!Searcher.LISTING.equals(results.mode())) { // a listing by date has no scores
        head.append(Terminal.colour(String.format(Locale.ROOT, "  (%.2f)", h.score()), Terminal.DIM, colour));
      }
      out.println(head);
      out.println("    " + marks(h.snippet(), colour));
    }
    out.printf(Locale.ROOT, "%d hits shown of %d matching chunks (%d ms)%n", results.hits().size(), results.matches(),
        results.millis());
  }

  /** Shows the snippet's marks in bold red on a terminal, else leaves the ** markers. */
  static String marks(String snippet, boolean colour) {
    if (!colour) {
      return snippet;
    }
    StringBuilder sb = new StringBuilder();
    boolean open = false;
    int i = 0;
    while (i < snippet.length()) {
      if (snippet.startsWith(Snippets.MARK, i)) {
        sb.append(open ? "\033[0m" : "\033[1;31m");
        open = !open;
        i += Snippets.MARK.length();
      } else {
        sb.append(snippet.charAt(i++));
      }
    }
    if (open) {
      sb.append("\033[0m");
    }
    return sb.toString();
  }
}
