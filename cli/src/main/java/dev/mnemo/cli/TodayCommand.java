package dev.mnemo.cli;

import dev.mnemo.journal.VaultConfig;
import dev.mnemo.json.Json;
import dev.mnemo.vault.Vault;
import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "today", sortOptions = false,
    description = {"Create today's note from a template (journal folder, name and templates from .mnemo.yml).",
        "Never overwrites: if the note exists, says so and prints its path."})
final class TodayCommand implements Callable<Integer> {
  @ParentCommand
  Mnemo root;

  @Spec
  CommandSpec spec;

  @Mixin
  VaultOptions options;

  @Option(names = "--template", paramLabel = "NAME", description = "journal or reading (built in), or NAME.md in the templates folder.")
  String template;

  @Option(names = "--title", paramLabel = "TITLE", description = "Title for templates that use {{title}} (for example a book).")
  String title;

  @Option(names = "--json", description = "Print one JSON object: path and whether it was created.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Vault vault = options.openVault(root.env);
    VaultConfig cfg = VaultConfig.load(vault.root());
    LocalDateTime now = LocalDateTime.now(root.clock);
    boolean created = DailyNote.create(vault, cfg, template, now.toLocalDate(), now.toLocalTime(), title);
    String rel = DailyNote.path(cfg, now.toLocalDate());
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("path", rel);
      o.put("created", created);
      out.println(Json.write(o));
    } else {
      out.println((created ? "Created " : "Exists already, left as it is: ") + rel);
    }
    return ExitCode.OK;
  }
}
