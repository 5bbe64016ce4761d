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
