package dev.mnemo.cli;

import dev.mnemo.journal.Journal;
import dev.mnemo.json.Json;
import dev.mnemo.search.DateRange;
import dev.mnemo.search.SearchQuery;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "timeline", sortOptions = false,
    description = {"Dated entries in time order, with their first line and location, and counts per period."})
final class TimelineCommand implements Callable<Integer> {
  @ParentCommand
  Mnemo root;

  @Spec
  CommandSpec spec;

  @Mixin
  VaultOptions options;

  @Option(names = "--from", paramLabel = "DATE", description = "First day (2023-08-01, 2023-08, August 2023, 上周...).")
  String from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last day (same forms; a month means its last day).")
  String to;

  @Option(names = "--when", paramLabel = "WHEN", description = "A period instead of --from/--to: 2023-08, last week, 去年...")
  String when;

  @Option(names = "--per", paramLabel = "PERIOD", description = "Counts per day, week, month or year (default: ${DEFAULT-VALUE}).")
  String per = "month";

  @Option(names = "--json", description = "Print one JSON object: entries and counts.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    LocalDate today = root.today();
    LocalDate a = from == null ? null : range(from, today).from();
    LocalDate b = to == null ? null : range(to, today).to().minusDays(1);
    if (when != null) {
      DateRange r = range(when, today);
      a = r.from();
      b = r.to() == null ? null : r.to().minusDays(1);
    }
    try (JournalContext ctx = JournalContext.open(options, root)) {
      Map<String, Object> o = ctx.service.timeline(a, b, per);
      if (json) {
        out.println(Json.write(o));
        return ExitCode.OK;
      }
      @SuppressWarnings("unchecked")
      List<Journal.Item> items = (List<Journal.Item>) o.get("entries");
      @SuppressWarnings("unchecked")
      Map<String, Integer> counts = (Map<String, Integer>) o.get("counts");
      boolean colour = Terminal.colour(root.env, false);
      if (items.isEmpty()) {
        out.println("No dated entries" + (a == null && b == null ? "." : " in that period."));
        return ExitCode.OK;
      }
      for (Journal.Item i : items) {
        out.println(Terminal.colour(i.date().toString(), Terminal.GREEN, colour) + "  "
            + (i.title().isBlank() ? "" : i.title() + "  ") + Terminal.colour(i.location(), Terminal.MAGENTA, colour));
        if (!i.firstLine().isBlank()) {
          out.println("            " + i.firstLine());
        }
      }
      out.println();
      out.println(items.size() + " entries; per " + per + ":");
      int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(1);
      counts.forEach((k, v) -> out.printf("  %-10s %4d %s%n", k, v, "█".repeat(Math.max(1, v * 40 / max))));
    }
    return ExitCode.OK;
  }

  static DateRange range(String text, LocalDate today) throws Exception {
    return SearchQuery.when(text, today).orElseThrow(() -> new IllegalArgumentException("not a date: " + text));
  }
}
