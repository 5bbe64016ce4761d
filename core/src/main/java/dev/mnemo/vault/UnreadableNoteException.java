package dev.mnemo.vault;

/** A file that cannot be read as a note: binary, invalid UTF-8, too large, or unreadable. */
public final class UnreadableNoteException extends java.io.IOException {
  public UnreadableNoteException(String message) {
    super(message);
  }
}
