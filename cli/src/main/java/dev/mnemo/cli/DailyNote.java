package dev.mnemo.cli;

import dev.mnemo.journal.SafeWrite;
import dev.mnemo.journal.Templates;
import dev.mnemo.journal.VaultConfig;
import dev.mnemo.vault.Vault;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Where a day's note lives and how it is made, per the vault's {@code .mnemo.yml}. */
final class DailyNote {
  private DailyNote() {}

  static String path(VaultConfig cfg, LocalDate day) {
    String name = day.format(DateTimeFormatter.ofPattern(cfg.journalName(), Locale.ROOT)) + ".md";
    return cfg.journalFolder().isEmpty() ? name : cfg.journalFolder() + "/" + name;
  }

  /** A line added to a day's note. */
  record Jotted(String path, String line) {}

  /** Appends {@code - HH:MM text} to today's note, creating the note from its template first if needed. */
  static Jotted jot(Vault vault, java.time.Clock clock, String text) throws Exception {
    String line = text == null ? "" : text.replaceAll("[\\r\\n]+", " ").strip();
    if (line.isEmpty()) {
      throw new IllegalArgumentException("nothing to jot");
    }
    VaultConfig cfg = VaultConfig.load(vault.root());
    java.time.LocalDateTime now = java.time.LocalDateTime.now(clock);
    create(vault, cfg, null, now.toLocalDate(), now.toLocalTime(), null);
    String rel = path(cfg, now.toLocalDate());
    String entry = "- " + now.format(DateTimeFormatter.ofPattern("HH:mm")) + " " + line;
    SafeWrite.append(vault, rel, entry + "\n");
    return new Jotted(rel, entry);
  }

  /** Creates today's note from a template (the configured one when null); false if it existed. */
  static boolean today(Vault vault, java.time.Clock clock, String template, String title) throws Exception {
    VaultConfig cfg = VaultConfig.load(vault.root());
    java.time.LocalDateTime now = java.time.LocalDateTime.now(clock);
    return create(vault, cfg, template, now.toLocalDate(), now.toLocalTime(), title);
  }

  /** Creates the day's note from a template; returns false if it exists (it is left as it is). */
  static boolean create(Vault vault, VaultConfig cfg, String template, LocalDate day, LocalTime time, String title)
      throws Exception {
    String rel = path(cfg, day);
    if (Files.exists(vault.resolve(rel))) {
      return false;
    }
    Templates t = new Templates(vault.root(), cfg);
    String text = Templates.render(t.source(template == null ? cfg.defaultTemplate() : template), day, time,
        title == null ? day.toString() : title);
    SafeWrite.create(vault, rel, text);
    return true;
  }
}
