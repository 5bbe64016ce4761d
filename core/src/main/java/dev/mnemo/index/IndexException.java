package dev.mnemo.index;

import java.nio.file.Path;

/** An index that cannot be opened or written, with a message that says what to do. */
public class IndexException extends Exception {
  public IndexException(String message) {
    super(message);
  }

  /** No index exists yet for this vault. */
  public static final class NotIndexed extends IndexException {
    public NotIndexed(Path dir) {
      super("this vault is not indexed yet (no index at " + dir + "); run `mnemo index VAULT` first");
    }
  }
}
