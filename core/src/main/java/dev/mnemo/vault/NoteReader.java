package dev.mnemo.vault;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads a note file from a vault: its bytes, their hash, and the parsed note. */
public final class NoteReader {
  /** A file's content hash and parsed note. */
  public record Read(Vault.File file, String hash, Note note) {}

  private final NoteParser parser;

  public NoteReader(NoteParser parser) {
    this.parser = parser;
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads the bytes of a scanned file, with an error a person can act on. */
  public static byte[] bytes(Vault.File file) throws UnreadableNoteException {
    try {
      byte[] bytes = Files.readAllBytes(file.absolute());
      return bytes;
    } catch (NoSuchFileException e) {
      throw new UnreadableNoteException("removed before it could be read");
    } catch (AccessDeniedException e) {
      throw new UnreadableNoteException("permission denied");
    } catch (OutOfMemoryError e) {
      throw new UnreadableNoteException("too large to read into memory");
    } catch (IOException e) {
      throw new UnreadableNoteException("cannot read: " + e.getMessage());
    }
  }

  /** Parses bytes already read (and hashed) into a note. */
  public Read parse(Vault.File file, byte[] bytes, String hash) throws UnreadableNoteException {
    SourceText text = SourceText.decode(bytes);
    return new Read(file, hash, parser.parse(file.path(), text));
  }
}
