package dev.mnemo.cli;

import dev.mnemo.journal.Journal;
import dev.mnemo.journal.LinkGraph;
import dev.mnemo.journal.WeekReview;
import dev.mnemo.search.Hit;
import dev.mnemo.search.Related;
import dev.mnemo.search.Searcher;
import dev.mnemo.vault.SourceText;
import dev.mnemo.vault.Vault;
import dev.mnemo.vault.VaultException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A vault's index read as a journal and a link graph, with the notes' text read from the vault. */
final class JournalContext implements AutoCloseable {
  final VaultOptions.Opened opened;
  final LinkGraph graph;
  final Journal journal;
  private final Map<String, SourceText> texts = new HashMap<>();

  JournalContext(VaultOptions.Opened opened) throws IOException {
    this.opened = opened;
    var notes = opened.index().notes();
    this.graph = new LinkGraph(notes);
    this.journal = new Journal(notes, this::text);
  }

  static JournalContext open(VaultOptions options, Map<String, String> env) throws Exception {
    return new JournalContext(options.openForReading(env));
  }

  Vault vault() {
    return opened.vault();
  }

  /** A note's text as it is on disk now, or null when it cannot be read. */
  SourceText text(String path) {
    return texts.computeIfAbsent(path, p -> {
      try {
        Path file = opened.vault().resolve(p);
        return SourceText.decode(Files.readAllBytes(file));
      } catch (IOException | VaultException | RuntimeException e) {
        return null;
      }
    });
  }

  /** Older entries related in meaning, for the weekly review; null when the index has no vectors. */
  WeekReview.RelatedFinder related() throws IOException {
    if (Searcher.models(opened.index()) == null) {
      return null;
    }
    return (path, line, before) -> {
      List<Journal.Item> out = new ArrayList<>();
      for (Hit h : Related.find(opened.index(), graph, new Related.Source(path, line), 5).hits()) {
        if (h.date() != null && LocalDate.parse(h.date()).isBefore(before) && h.score() >= 0.5) {
          out.add(new Journal.Item(LocalDate.parse(h.date()), h.heading().isEmpty() ? h.title() : h.heading(), "",
              h.path(), h.startLine(), h.endLine()));
        }
      }
      return out;
    };
  }

  @Override
  public void close() throws IOException {
    opened.close();
  }
}
