package dev.mnemo.cli;

import dev.mnemo.journal.SafeWrite;
import dev.mnemo.journal.VaultConfig;
import dev.mnemo.json.Json;
import dev.mnemo.vault.Vault;
import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "jot", sortOptions = false,
    description = {"Append a timestamped line to today's note, creating the note from its template if needed."})
final class JotCommand implements Callable<Integer> {
  @ParentCommand
  Mnemo root;

  @Spec
  CommandSpec spec;

  @Mixin
  VaultOptions options;

  @Option(names = "--json", description = "Print one JSON object: path and the line added.")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "TEXT", description = "What to note.")
  String[] words;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    String text = String.join(" ", words).replaceAll("[\\r\\n]+", " ").strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("nothing to jot");
    }
    Vault vault = options.openVault(root.env);
    VaultConfig cfg = VaultConfig.load(vault.root());
    LocalDateTime now = LocalDateTime.now(root.clock);
    DailyNote.create(vault, cfg, null, now.toLocalDate(), now.toLocalTime(), null);
    String rel = DailyNote.path(cfg, now.toLocalDate());
    String line = "- " + now.format(DateTimeFormatter.ofPattern("HH:mm")) + " " + text + "\n";
    SafeWrite.append(vault, rel, line);
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("path", rel);
      o.put("line", line.strip());
      out.println(Json.write(o));
    } else {
      out.println("Added to " + rel + ": " + line.strip());
    }
    return ExitCode.OK;
  }
}
