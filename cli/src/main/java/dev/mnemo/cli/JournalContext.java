package dev.mnemo.cli;

import dev.mnemo.journal.Journal;
import dev.mnemo.journal.LinkGraph;
import dev.mnemo.service.VaultService;
import dev.mnemo.vault.Vault;
import java.io.IOException;

/** An opened vault and index as the journal commands use them: a {@link VaultService} they close. */
final class JournalContext implements AutoCloseable {
  final VaultOptions.Opened opened;
  final VaultService service;
  final LinkGraph graph;
  final Journal journal;

  private JournalContext(VaultOptions.Opened opened, Mnemo root) throws IOException {
    this.opened = opened;
    this.service = new VaultService(opened.vault(), opened.index(), root::today);
    this.graph = service.graph();
    this.journal = service.journal();
  }

  static JournalContext open(VaultOptions options, Mnemo root) throws Exception {
    return new JournalContext(options.openForReading(root.env), root);
  }

  Vault vault() {
    return opened.vault();
  }

  @Override
  public void close() throws IOException {
    opened.close();
  }
}
