package dev.mnemo.cli;

import dev.mnemo.journal.VaultConfig;
import dev.mnemo.mcp.MnemoMcp;
import dev.mnemo.mcp.StdioGuard;
import dev.mnemo.semantic.Models;
import dev.mnemo.semantic.SemanticDocuments;
import dev.mnemo.service.LiveVault;
import dev.mnemo.vault.Vault;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "mcp", sortOptions = false,
    description = {"Serve the vault to an AI assistant over the Model Context Protocol, on stdio.",
        "Tools: search, read_note, related, timeline, on_this_day, week_review, links (jot and",
        "create_daily_note too with --allow-writes). Keeps the index up to date while it runs."})
final class McpCommand implements Callable<Integer> {
  @ParentCommand
  Mnemo root;

  @Spec
  CommandSpec spec;

  @Mixin
  VaultOptions options;

  @Option(names = "--allow-writes", description = "Offer the write tools (jot, create_daily_note). They never overwrite.")
  boolean allowWrites;

  @Option(names = "--keyword-only", description = "Index without vectors (faster first start; keyword search only).")
  boolean keywordOnly;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Vault vault = options.openVault(root.env);
    var maker = keywordOnly ? dev.mnemo.index.Indexer.DocumentMaker.KEYWORD_ONLY : new SemanticDocuments(Models.auto());
    try (LiveVault live = LiveVault.open(vault, options.indexDir(vault, root.env), maker, root::today,
        new TerminalProgress(err, false), r -> { })) {
      MnemoMcp.Writer writer = allowWrites ? writer(vault) : null;
      // The transport reads stdin on its own threads; the process lives until the client closes stdin.
      StdioGuard guard = new StdioGuard(System.in, System.out);
      McpSyncServer server = new MnemoMcp(live.service(), writer, live::refresh)
          .serve(new StdioServerTransportProvider(McpJsonDefaults.getMapper(), guard.input(), System.out));
      err.println("mnemo mcp: serving " + vault.root() + " on stdio" + (allowWrites ? " (writes allowed)" : " (read-only)"));
      err.flush();
      guard.awaitClosed();
      server.closeGracefully();
    }
    return ExitCode.OK;
  }

  private MnemoMcp.Writer writer(Vault vault) {
    return new MnemoMcp.Writer() {
      @Override
      public String jot(String text) throws Exception {
        DailyNote.Jotted j = DailyNote.jot(vault, root.clock, text);
        return "Added to " + j.path() + ": " + j.line();
      }

      @Override
      public String createDailyNote(String template) throws Exception {
        boolean created = DailyNote.today(vault, root.clock, template, null);
        String rel = DailyNote.path(VaultConfig.load(vault.root()), root.today());
        return (created ? "Created " : "Exists already, left as it is: ") + rel;
      }
    };
  }
}
