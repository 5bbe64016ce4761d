package dev.mnemo.cli;

import dev.mnemo.journal.LinkGraph;
import dev.mnemo.journal.Mentions;
import dev.mnemo.json.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
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

@Command(name = "links", sortOptions = false,
    description = {"A note's links, backlinks and unlinked mentions.",
        "Outgoing links, backlinks (with the line that links), unresolved links and unlinked mentions; or,",
        "with --unresolved and no note, every link in the vault to a note that does not exist yet."})
final class LinksCommand implements Callable<Integer> {
  @ParentCommand
  Mnemo root;

  @Spec
  CommandSpec spec;

  @Mixin
  VaultOptions options;

  @Parameters(arity = "0..1", paramLabel = "NOTE", description = "Vault-relative path, file name or title.")
  String note;

  @Option(names = "--unresolved", description = "Only unresolved links (of the note, or vault-wide without one).")
  boolean unresolved;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (note == null && !unresolved) {
      throw new IllegalArgumentException("name a note, or use --unresolved for the whole vault");
    }
    try (JournalContext ctx = JournalContext.open(options, root)) {
      LinkGraph g = ctx.graph;
      if (note == null) {
        Map<String, List<LinkGraph.Edge>> all = g.unresolved();
        if (json) {
          out.println(Json.write(all));
          return ExitCode.OK;
        }
        if (all.isEmpty()) {
          out.println("No unresolved links.");
        }
        all.forEach((target, edges) -> {
          out.println(target + "  (" + edges.size() + ")");
          edges.forEach(e -> out.println("    " + e.from() + ":" + e.line() + "  " + lineOf(ctx, e.from(), e.line())));
        });
        return ExitCode.OK;
      }
      String path = g.find(note).orElseThrow(() -> new IllegalArgumentException("no such note: " + note));
      Map<String, Object> o = ctx.service.links(path);
      if (unresolved) {
        o = Map.of("path", path, "unresolved", o.get("unresolved"));
      }
      if (json) {
        out.println(Json.write(o));
        return ExitCode.OK;
      }
      print(out, o);
    }
    return ExitCode.OK;
  }

  static String lineOf(JournalContext ctx, String path, int line) {
    return ctx.service.lineOf(path, line);
  }

  @SuppressWarnings("unchecked")
  private static void print(PrintWriter out, Map<String, Object> o) {
    out.println(o.get("path"));
    for (String key : List.of("outgoing", "backlinks", "unresolved")) {
      List<Map<String, Object>> list = (List<Map<String, Object>>) o.get(key);
      if (list == null) {
        continue;
      }
      out.println("  " + key + " (" + list.size() + ")");
      for (Map<String, Object> m : list) {
        out.println("    L" + m.get("line") + "  " + m.get("name")
            + (m.get("path") != null && !m.get("path").equals(m.get("name")) ? " → " + m.get("path") : "")
            + (m.get("text") != null ? "  │ " + m.get("text") : ""));
      }
    }
    List<Mentions.Mention> mentions = (List<Mentions.Mention>) o.get("unlinkedMentions");
    if (mentions != null) {
      out.println("  unlinked mentions (" + mentions.size() + ")");
      mentions.forEach(m -> out.println("    " + m.path() + ":" + m.line() + "  │ " + m.text()));
    }
  }
}
