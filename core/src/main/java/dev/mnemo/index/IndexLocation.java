package dev.mnemo.index;

import dev.mnemo.vault.VaultException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Where a vault's index lives: never inside the vault. By default a folder per vault under the
 * user's data directory ({@code $MNEMO_HOME}, else {@code $XDG_DATA_HOME/mnemo}, else
 * {@code ~/.local/share/mnemo}), named after the vault and a hash of its path.
 */
public final class IndexLocation {
  private IndexLocation() {}

  public static Path dataHome(Map<String, String> env) {
    String mnemoHome = env.get("MNEMO_HOME");
    if (mnemoHome != null && !mnemoHome.isBlank()) {
      return Path.of(mnemoHome).toAbsolutePath();
    }
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "mnemo").toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".local", "share", "mnemo");
  }

  /** The default index folder for a vault (given by its real path). */
  public static Path defaultFor(Path vaultRoot, Map<String, String> env) {
    String name = vaultRoot.getFileName() == null ? "root" : vaultRoot.getFileName().toString();
    name = name.replaceAll("[^\\p{L}\\p{N}._-]", "_");
    if (name.length() > 40) {
      name = name.substring(0, 40);
    }
    return dataHome(env).resolve("indexes").resolve(name + "-" + shortHash(vaultRoot.toString()));
  }

  /** Refuses an index folder inside the vault: mnemo never writes into a vault unless asked to. */
  public static Path check(Path indexDir, Path vaultRoot) throws VaultException {
    Path abs = indexDir.toAbsolutePath().normalize();
    Path real = abs;
    try {
      // Resolve symlinks of the part that exists.
      Path existing = abs;
      while (existing != null && !java.nio.file.Files.exists(existing)) {
        existing = existing.getParent();
      }
      if (existing != null) {
        real = existing.toRealPath().resolve(existing.relativize(abs));
      }
    } catch (java.io.IOException e) {
      // keep the normalised path
    }
    if (real.startsWith(vaultRoot)) {
      throw new VaultException("the index must live outside the vault, but " + indexDir + " is inside " + vaultRoot);
    }
    return abs;
  }

  private static String shortHash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
