package dev.mnemo.cli;

import dev.mnemo.index.IndexException;
import dev.mnemo.index.IndexLocation;
import dev.mnemo.index.NoteIndex;
import dev.mnemo.vault.Vault;
import dev.mnemo.vault.VaultException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --vault} and {@code --index}, shared by every command that works on a vault. */
final class VaultOptions {
  @Option(names = "--vault", paramLabel = "VAULT",
      description = "The vault folder (default: $MNEMO_VAULT, else the current folder).")
  Path vault;

  @Option(names = "--index", paramLabel = "DIR",
      description = "Where the index lives (default: a folder per vault under $MNEMO_HOME or ~/.local/share/mnemo).")
  Path index;

  Vault openVault(Map<String, String> env) throws VaultException {
    return Vault.open(vaultPath(env));
  }

  Path vaultPath(Map<String, String> env) {
    if (vault != null) {
      return vault;
    }
    String fromEnv = env.get("MNEMO_VAULT");
    return fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : Path.of("");
  }

  Path indexDir(Vault v, Map<String, String> env) throws VaultException {
    return index != null ? IndexLocation.check(index, v.root()) : IndexLocation.defaultFor(v.root(), env);
  }

  /** The vault and its index, opened for searching. */
  record Opened(Vault vault, NoteIndex index) implements AutoCloseable {
    @Override
    public void close() throws java.io.IOException {
      index.close();
    }
  }

  Opened openForReading(Map<String, String> env) throws VaultException, IndexException {
    Vault v = openVault(env);
    return new Opened(v, NoteIndex.openForReading(indexDir(v, env)));
  }
}
