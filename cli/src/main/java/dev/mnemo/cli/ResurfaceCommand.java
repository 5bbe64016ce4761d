package dev.mnemo.cli;

import dev.mnemo.journal.Journal;
import dev.mnemo.json.Json;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "resurface", sortOptions = false,
    description = {"One past entry for the day, the way a daily quote greets you.",
        "The same all day, another tomorrow, older ones a little more likely, none shown again within",
        "60 days if avoidable.",
        "What was shown is remembered beside the index, never in the vault."})
final class ResurfaceCommand implements Callable<Integer> {
  @ParentCommand
  Mnemo root;

  @Spec
  CommandSpec spec;

  @Mixin
  VaultOptions options;

  @Parameters(arity = "0..1", paramLabel = "DATE",
      description = "The day: 2025-03-18, 2025年3月18日, March 18th, 2025, yesterday, 昨天 (default: today).")
  String date;

  @Option(names = "--json", description = "Print the entry as JSON (null when the journal has nothing older).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    LocalDate day = date == null ? root.today() : dev.mnemo.search.DateRange.day(date, root.today());
    try (JournalContext ctx = JournalContext.open(options, root)) {
      Map<String, Object> answer = ctx.service.resurface(day);
      if (json) {
        out.println(Json.write(answer));
        return ExitCode.OK;
      }
      Journal.Item item = (Journal.Item) answer.get("entry");
      if (item == null) {
        out.println("Nothing to resurface yet: no dated entries before " + day + ".");
        return ExitCode.OK;
      }
      boolean colour = Terminal.colour(root.env, false);
      out.println(Terminal.colour(item.date() + "  " + item.title(), Terminal.CYAN, colour) + "  "
          + Terminal.colour(item.location(), Terminal.MAGENTA, colour));
      String text = (String) answer.get("text");
      if (text != null) {
        List<String> lines = text.lines().toList();
        out.println(String.join("\n", lines.subList(0, Math.min(lines.size(), 16))).stripTrailing());
        if (lines.size() > 16) {
          out.println("…");
        }
      }
    }
    return ExitCode.OK;
  }
}
