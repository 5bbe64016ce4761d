package dev.mnemo.cli;

import dev.mnemo.json.Json;
import dev.mnemo.vault.Vault;
import java.io.PrintWriter;
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
    Vault vault = options.openVault(root.env);
    DailyNote.Jotted j = DailyNote.jot(vault, root.clock, String.join(" ", words));
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("path", j.path());
      o.put("line", j.line());
      out.println(Json.write(o));
    } else {
      out.println("Added to " + j.path() + ": " + j.line());
    }
    return ExitCode.OK;
  }
}
