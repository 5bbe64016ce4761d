package dev.mnemo.journal;

import dev.mnemo.vault.Vault;
import dev.mnemo.vault.VaultException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;

/**
 * The only way mnemo writes into a vault. Paths are resolved inside the vault (never out of it);
 * contents go to a temporary file beside the target first, so a crash leaves either the old file or
 * the new one, never half of one; a new file never replaces an existing one.
 */
public final class SafeWrite {
  private SafeWrite() {}

  /** Creates a file with this content; fails if it exists. Returns its absolute path. */
  public static Path create(Vault vault, String relative, String content) throws IOException, VaultException {
    Path target = vault.resolve(relative);
    if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(relative, null, "exists already; mnemo never overwrites a note");
    }
    Files.createDirectories(target.getParent());
    vault.resolve(relative); // the folders just made must still be inside the vault
    Path tmp = temporary(target, content.getBytes(StandardCharsets.UTF_8));
    try {
      // A hard link fails if the target exists: creating and checking are one step.
      Files.createLink(target, tmp);
    } catch (UnsupportedOperationException e) {
      Files.move(tmp, target);
      return target;
    } finally {
      Files.deleteIfExists(tmp);
    }
    return target;
  }

  /**
   * Adds text at the end of an existing file: the whole new content is written beside it and renamed
   * over it, but only if the file did not change meanwhile.
   */
  public static Path append(Vault vault, String relative, String text) throws IOException, VaultException {
    Path target = vault.resolve(relative);
    if (Files.isSymbolicLink(target)) {
      throw new IOException(relative + " is a symbolic link; mnemo does not write through links");
    }
    byte[] before = Files.readAllBytes(target);
    FileTime mtime = Files.getLastModifiedTime(target);
    String sep = before.length == 0 || before[before.length - 1] == '\n' ? "" : "\n";
    byte[] add = (sep + text).getBytes(StandardCharsets.UTF_8);
    byte[] after = Arrays.copyOf(before, before.length + add.length);
    System.arraycopy(add, 0, after, before.length, add.length);
    Path tmp = temporary(target, after);
    try {
      if (!Files.getLastModifiedTime(target).equals(mtime) || Files.size(target) != before.length) {
        throw new IOException(relative + " changed while mnemo was writing; nothing was written, try again");
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return target;
  }

  private static Path temporary(Path target, byte[] content) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".mnemo-tmp");
    try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(content));
      ch.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    return tmp;
  }
}
