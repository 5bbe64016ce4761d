package dev.mnemo.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mnemo.testing.TempVault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultTest {
  @TempDir
  Path tmp;

  @Test
  void scanFindsNotesAndSkipsHiddenIgnoredAndOtherFiles() throws Exception {
    TempVault v = new TempVault(tmp.resolve("v"));
    v.write("a.md", "# A");
    v.write("sub/b.markdown", "b");
    v.write("sub/c.TXT", "c");
    v.write("image.png", "not a note");
    v.write(".obsidian/workspace.md", "hidden");
    v.write(".trash/old.md", "trash");
    v.write("node_modules/pkg/readme.md", "dependency");
    v.write("drafts/x.md", "draft");
    v.write(".mnemoignore", "drafts/\n");
    Vault vault = Vault.open(v.root());
    List<String> paths = vault.scan(Vault.DEFAULT_MAX_FILE_SIZE).files().stream().map(Vault.File::path).toList();
    assertEquals(List.of("a.md", "sub/b.markdown", "sub/c.TXT"), paths);
  }

  @Test
  void tooLargeFilesAndSymlinkLoopsAreReportedNotFatal() throws Exception {
    TempVault v = new TempVault(tmp.resolve("v"));
    v.write("ok.md", "fine");
    v.write("big.md", new byte[3000]);
    Files.createSymbolicLink(v.root().resolve("loop"), v.root());
    Files.createSymbolicLink(v.root().resolve("outside"), tmp);
    Vault.Scan scan = Vault.open(v.root()).scan(1000);
    assertEquals(List.of("ok.md"), scan.files().stream().map(Vault.File::path).toList());
    String problems = scan.problems().toString();
    assertTrue(problems.contains("big.md: too large"), problems);
    assertTrue(problems.contains("loop: symlink loop"), problems);
    assertTrue(problems.contains("outside: symlink leads outside the vault"), problems);
  }

  @Test
  void resolveNeverLeavesTheVault() throws Exception {
    TempVault v = new TempVault(tmp.resolve("v"));
    v.write("notes/a.md", "a");
    Files.writeString(tmp.resolve("secret.md"), "secret");
    Files.createSymbolicLink(v.root().resolve("link"), tmp);
    Vault vault = Vault.open(v.root());
    assertEquals(vault.root().resolve("notes/a.md"), vault.resolve("notes/a.md"));
    for (String bad : new String[] {"../secret.md", "notes/../../secret.md", "/etc/passwd", "link/secret.md",
        "..\\secret.md", "a\0b", "", "C:\\x"}) {
      assertThrows(VaultException.class, () -> vault.resolve(bad), bad);
    }
  }

  @Test
  void missingVaultIsAClearError() {
    VaultException e = assertThrows(VaultException.class, () -> Vault.open(tmp.resolve("nope")));
    assertTrue(e.getMessage().contains("vault not found"), e.getMessage());
  }
}
