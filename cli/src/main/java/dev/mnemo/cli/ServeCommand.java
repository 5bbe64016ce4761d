package dev.mnemo.cli;

import dev.mnemo.index.Indexer;
import dev.mnemo.journal.VaultConfig;
import dev.mnemo.semantic.Models;
import dev.mnemo.semantic.SemanticDocuments;
import dev.mnemo.service.LiveVault;
import dev.mnemo.vault.Vault;
import dev.mnemo.web.WebServer;
import java.io.PrintWriter;
import java.nio.file.Path;
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

@Command(name = "serve", sortOptions = false,
    description = {"Serve the web UI, the JSON API and MCP (streamable HTTP at /mcp) on 127.0.0.1.",
        "Indexes first if needed, then follows the vault: saved, created, renamed or deleted notes show up",
        "in search within a second."})
final class ServeCommand implements Callable<Integer> {
  @ParentCommand
  Mnemo root;

  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "VAULT", description = "The vault folder (or use --vault).")
  Path vaultArg;

  @Mixin
  VaultOptions options;

  @Option(names = "--port", paramLabel = "P", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port = 4747;

  @Option(names = "--bind", paramLabel = "ADDR",
      description = "Address to listen on (default 127.0.0.1). Any other address needs --token: your notes would be on the network.")
  String bind;

  @Option(names = "--token", paramLabel = "T", description = "Session token (at least 16 characters); required with --bind.")
  String token;

  @Option(names = "--keyword-only", description = "Index without vectors (keyword search only).")
  boolean keywordOnly;

  @Option(names = "--read-only", description = "No write endpoints (daily note, jot).")
  boolean readOnly;

  @Override
  public Integer call() throws Exception {
    if (vaultArg != null) {
      options.vault = vaultArg;
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Vault vault = options.openVault(root.env);
    Indexer.DocumentMaker maker = keywordOnly ? Indexer.DocumentMaker.KEYWORD_ONLY : new SemanticDocuments(Models.auto());
    try (LiveVault live = LiveVault.open(vault, options.indexDir(vault, root.env), maker, root::today,
        new TerminalProgress(err, Terminal.isInteractive()), r -> err.println("updated: " + r.added() + " added, "
            + r.changed() + " changed, " + r.removed() + " removed"));
        WebServer server = WebServer.start(live, bind, port, token, readOnly ? null : writes(vault))) {
      out.println("mnemo: serving " + vault.root() + " at " + server.url()
          + (bind != null ? "?token=" + server.token() : ""));
      out.println("Press Ctrl+C to stop.");
      out.flush();
      server.join();
    }
    return ExitCode.OK;
  }

  private dev.mnemo.web.ApiServlet.Writes writes(Vault vault) {
    return new dev.mnemo.web.ApiServlet.Writes() {
      @Override
      public Map<String, Object> jot(String text) throws Exception {
        DailyNote.Jotted j = DailyNote.jot(vault, root.clock, text);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("path", j.path());
        o.put("line", j.line());
        return o;
      }

      @Override
      public Map<String, Object> today(String template) throws Exception {
        boolean created = DailyNote.today(vault, root.clock, template, null);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("path", DailyNote.path(VaultConfig.load(vault.root()), root.today()));
        o.put("created", created);
        return o;
      }
    };
  }
}
