package dev.mnemo.cli;

import dev.mnemo.index.IndexException;
import dev.mnemo.search.QuerySyntaxException;
import dev.mnemo.vault.VaultException;

/** mnemo's exit codes, the same for every command. */
public final class ExitCode {
  private ExitCode() {}

  public static final int OK = 0;
  /** Something failed that is not the caller's input: I/O, a bug. */
  public static final int ERROR = 1;
  /** Bad usage: unknown option, malformed query. */
  public static final int USAGE = 2;
  /** The vault does not exist, is not a folder, or a path leaves it. */
  public static final int VAULT = 3;
  /** The vault has no index yet. */
  public static final int NOT_INDEXED = 4;
  /** A write was refused because the file exists (mnemo never overwrites). */
  public static final int EXISTS = 5;

  static int of(Exception e) {
    return switch (e) {
      case QuerySyntaxException q -> USAGE;
      case IllegalArgumentException i -> USAGE;
      case VaultException v -> VAULT;
      case IndexException.NotIndexed n -> NOT_INDEXED;
      case java.nio.file.FileAlreadyExistsException f -> EXISTS;
      default -> ERROR;
    };
  }
}
