package dev.mnemo.cli;

import dev.mnemo.journal.SafeWrite;
import dev.mnemo.journal.VaultConfig;
import dev.mnemo.json.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
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

@Command(name = "week", sortOptions = false,
    description = {"A Markdown draft of a week's review.",
        "Entries day by day with their lines, tasks done and open, plans and whether later entries took",
        "them up, links among the week's notes, related older notes.",
        "Printed to stdout; --write saves it into the vault (review folder in .mnemo.yml), never overwriting."})
final class WeekCommand implements Callable<Integer> {
  @ParentCommand
  Mnemo root;

  @Spec
  CommandSpec spec;

  @Mixin
  VaultOptions options;

  @Parameters(arity = "0..1", paramLabel = "WEEK", description = "2025-W12, 2025年第12周, a date in the week, or last week / 上周 (default: this week).")
  String week;

  @Option(names = "--write", description = "Save the draft into the vault (refuses to overwrite).")
  boolean write;

  @Option(names = "--json", description = "Print one JSON object with the week and the Markdown.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (JournalContext ctx = JournalContext.open(options, root)) {
      Map<String, Object> o = new LinkedHashMap<>(ctx.service.week(week));
      String md = (String) o.get("markdown");
      String written = null;
      if (write) {
        VaultConfig cfg = VaultConfig.load(ctx.vault().root());
        LocalDate monday = LocalDate.parse((String) o.get("from"));
        String name = monday.format(DateTimeFormatter.ofPattern(cfg.reviewName(), Locale.ROOT)) + ".md";
        String rel = cfg.reviewFolder().isEmpty() ? name : cfg.reviewFolder() + "/" + name;
        Path p = SafeWrite.create(ctx.vault(), rel, md);
        written = ctx.vault().relativize(p);
      }
      if (json) {
        o.put("written", written);
        out.println(Json.write(o));
      } else if (written != null) {
        out.println("Wrote " + written);
      } else {
        out.print(md);
        out.flush();
      }
    }
    return ExitCode.OK;
  }
}
