package dev.mnemo.vault;

/**
 * A link written in a note.
 *
 * @param kind how it was written
 * @param target the note or file it names, as written ({@code x} for {@code [[x#h|alias]]}); empty for a link to a heading of the same note
 * @param subpath the heading or block after {@code #}, or null
 * @param display the alias or link text, or null
 * @param line the 1-based line it is on
 */
public record Link(Kind kind, String target, String subpath, String display, int line) {
  public enum Kind {
    /** {@code [[x]]}, {@code [[x|alias]]}, {@code [[x#heading]]}. */
    WIKI,
    /** {@code ![[x]]}. */
    EMBED,
    /** {@code [text](path.md)} to a file in the vault. */
    MARKDOWN,
    /** {@code ![alt](image.png)}. */
    IMAGE,
    /** {@code [text](https://...)}: leaves the vault. */
    URL
  }

  /** Whether this link points at another note (as opposed to the web or an image). */
  public boolean isNoteLink() {
    return kind == Kind.WIKI || kind == Kind.EMBED || kind == Kind.MARKDOWN;
  }
}
