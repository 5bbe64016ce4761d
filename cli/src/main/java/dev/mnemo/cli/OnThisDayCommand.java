package dev.mnemo.cli;

import dev.mnemo.journal.Journal;
import dev.mnemo.json.Json;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "on-this-day", sortOptions = false,
    description = {"What you wrote on this day in earlier years.",
        "Then what you wrote in the same week of earlier years, then on the same day of earlier months",
        "(so a young journal shows something too)."})
final class OnThisDayCommand implements Callable<Integer> {
  @ParentCommand
  Mnemo root;

  @Spec
  CommandSpec spec;

  @Mixin
  VaultOptions options;

  @Parameters(arity = "0..1", paramLabel = "DATE",
      description = "The day: 2025-03-18, 2025年3月18日, March 18th, 2025, yesterday, 昨天 (default: today).")
  String date;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    LocalDate day = date == null ? root.today() : dev.mnemo.search.DateRange.day(date, root.today());
    try (JournalContext ctx = JournalContext.open(options, root)) {
      Journal.OnThisDay r = ctx.journal.onThisDay(day);
      if (json) {
        out.println(Json.write(r));
        return ExitCode.OK;
      }
      boolean colour = Terminal.colour(root.env, false);
      section(out, "On " + day.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " "
          + day.getDayOfMonth() + " in earlier years", r.sameDay(), colour);
      section(out, "The same week in earlier years", r.sameWeek(), colour);
      section(out, "The " + day.getDayOfMonth() + "th of earlier months", r.sameDayOfMonth(), colour);
      if (r.sameDay().isEmpty() && r.sameWeek().isEmpty() && r.sameDayOfMonth().isEmpty()) {
        out.println("Nothing yet: no entries on this day, this week or this day of the month before " + day + ".");
      }
    }
    return ExitCode.OK;
  }

  static void section(PrintWriter out, String title, List<Journal.Item> items, boolean colour) {
    if (items.isEmpty()) {
      return;
    }
    out.println(Terminal.colour(title, Terminal.CYAN, colour));
    for (Journal.Item i : items) {
      out.println("  " + Terminal.colour(i.date().toString(), Terminal.GREEN, colour) + "  "
          + (i.title().isBlank() ? "" : i.title() + "  ") + Terminal.colour(i.location(), Terminal.MAGENTA, colour));
      if (!i.firstLine().isBlank()) {
        out.println("              " + i.firstLine());
      }
    }
    out.println();
  }
}
