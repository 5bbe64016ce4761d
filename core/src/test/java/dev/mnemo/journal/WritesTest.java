package dev.mnemo.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mnemo.testing.TempVault;
import dev.mnemo.vault.Vault;
import dev.mnemo.vault.VaultException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way mnemo writes into a vault: never overwrites, never leaves a half file, never leaves the vault. */
class WritesTest {
  @TempDir
  Path tmp;

  @Test
  void createNeverOverwritesAndLeavesNoTemporaryFiles() throws Exception {
    TempVault v = new TempVault(tmp.resolve("v"));
    v.write("journal/2025-01-01.md", "mine");
    Vault vault = Vault.open(v.root());
    assertThrows(FileAlreadyExistsException.class, () -> SafeWrite.create(vault, "journal/2025-01-01.md", "theirs"));
    assertEquals("mine", Files.readString(v.root().resolve("journal/2025-01-01.md")));
    SafeWrite.create(vault, "new/folder/note.md", "hello");
    assertEquals("hello", Files.readString(v.root().resolve("new/folder/note.md")));
    try (var s = Files.walk(v.root())) {
      assertTrue(s.noneMatch(p -> p.toString().endsWith(".mnemo-tmp")));
    }
  }

  @Test
  void writesNeverEscapeTheVault() throws Exception {
    TempVault v = new TempVault(tmp.resolve("v"));
    v.write("note.md", "x");
    Files.createDirectories(tmp.resolve("outside"));
    Files.createSymbolicLink(v.root().resolve("link"), tmp.resolve("outside"));
    Vault vault = Vault.open(v.root());
    for (String bad : new String[] {"../escape.md", "/etc/passwd", "a/../../escape.md", "link/escape.md"}) {
      assertThrows(VaultException.class, () -> SafeWrite.create(vault, bad, "x"), bad);
    }
    assertTrue(Files.notExists(tmp.resolve("escape.md")));
    assertTrue(Files.notExists(tmp.resolve("outside/escape.md")));
  }

  @Test
  void appendAddsALineKeepingEverythingElse() throws Exception {
    TempVault v = new TempVault(tmp.resolve("v"));
    v.write("today.md", "# Today\nno newline at end");
    Vault vault = Vault.open(v.root());
    SafeWrite.append(vault, "today.md", "- 09:30 coffee\n");
    assertEquals("# Today\nno newline at end\n- 09:30 coffee\n", Files.readString(v.root().resolve("today.md")));
  }

  @Test
  void templatesRenderDatesInBothLanguagesAndUserTemplatesWin() throws Exception {
    TempVault v = new TempVault(tmp.resolve("v"));
    Templates t = new Templates(v.root(), VaultConfig.DEFAULT);
    String journal = Templates.render(t.source("journal"), LocalDate.of(2025, 3, 20), LocalTime.NOON, "x");
    assertTrue(journal.contains("# 2025-03-20 Thursday · 星期四"), journal);
    assertTrue(journal.contains("## 明日规划 Plans for tomorrow"));
    assertTrue(Templates.render(t.source("reading"), LocalDate.of(2025, 3, 20), LocalTime.NOON, "Deep Work")
        .startsWith("---\ndate: 2025-03-20"));
    v.write("templates/journal.md", "# {{date:yyyy年M月d日}} {{week}}\n");
    assertEquals("# 2025年3月20日 2025-W12\n", Templates.render(new Templates(v.root(), VaultConfig.DEFAULT).source("journal"),
        LocalDate.of(2025, 3, 20), LocalTime.NOON, ""));
    assertThrows(IllegalArgumentException.class, () -> t.source("../../etc/passwd"));
  }

  @Test
  void configIsReadFromTheVaultAndBadConfigIsAClearError() throws Exception {
    TempVault v = new TempVault(tmp.resolve("v"));
    v.write(".mnemo.yml", "journal:\n  folder: 日记\n  name: yyyy年M月d日\n");
    VaultConfig c = VaultConfig.load(v.root());
    assertEquals("日记", c.journalFolder());
    assertEquals("yyyy年M月d日", c.journalName());
    assertEquals("reviews", c.reviewFolder());
    v.write(".mnemo.yml", "journal: [oops");
    var e = assertThrows(java.io.IOException.class, () -> VaultConfig.load(v.root()));
    assertTrue(e.getMessage().contains(".mnemo.yml"));
  }
}
