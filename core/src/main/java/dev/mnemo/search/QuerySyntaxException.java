package dev.mnemo.search;

/** A query mnemo cannot read, with where and why. */
public final class QuerySyntaxException extends Exception {
  private final int position;

  public QuerySyntaxException(String message, int position) {
    super(message);
    this.position = position;
  }

  /** 0-based offset in the query where the problem starts. */
  public int position() {
    return position;
  }
}
