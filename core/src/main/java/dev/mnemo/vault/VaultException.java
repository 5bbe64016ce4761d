package dev.mnemo.vault;

/** A vault that cannot be opened, or a path that does not stay inside it. */
public final class VaultException extends Exception {
  public VaultException(String message) {
    super(message);
  }
}
