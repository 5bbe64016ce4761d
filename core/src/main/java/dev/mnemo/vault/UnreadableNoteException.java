package dev.mnemo.vault;

/** A file that cannot be read as a note: binary, invalid UTF-8, too large, or unreadable. */
public final class UnreadableNoteException extends Exception {
  public UnreadableNoteException(String message) {
    super(message);
  }
}
