package dev.mnemo.vault;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A note's text, decoded strictly as UTF-8 and split into lines.
 *
 * <p>Line endings are those CommonMark recognises: {@code \n}, {@code \r\n} and a lone {@code \r}.
 * The text handed to the Markdown parser has every ending normalised to {@code \n}, so that line
 * {@code n} of the parser is line {@code n} of the file as an editor shows it. Lines are 1-based.
 */
public final class SourceText {
  private final String text;
  private final int[] lineStarts;
  private final int lineCount;

  private SourceText(String text, int[] lineStarts, int lineCount) {
    this.text = text;
    this.lineStarts = lineStarts;
    this.lineCount = lineCount;
  }

  /** Decodes a file's bytes; refuses binary content and invalid UTF-8 with a message that says where. */
  public static SourceText decode(byte[] bytes) throws UnreadableNoteException {
    int scan = Math.min(bytes.length, 8192);
    for (int i = 0; i < scan; i++) {
      if (bytes[i] == 0) {
        throw new UnreadableNoteException("binary file (NUL byte at offset " + i + ")");
      }
    }
    int start = 0;
    if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
      start = 3;
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    String decoded;
    try {
      CharBuffer out = decoder.decode(in);
      decoded = out.toString();
    } catch (MalformedInputException e) {
      throw new UnreadableNoteException("invalid UTF-8 at byte " + in.position());
    } catch (CharacterCodingException e) {
      throw new UnreadableNoteException("invalid UTF-8: " + e.getMessage());
    }
    if (decoded.indexOf('\0') >= 0) {
      throw new UnreadableNoteException("binary file (NUL character at offset " + decoded.indexOf('\0') + ")");
    }
    return of(decoded);
  }

  /** Wraps text that is already decoded. */
  public static SourceText of(String raw) {
    StringBuilder normalised = null;
    int[] starts = new int[16];
    int count = 1;
    starts[0] = 0;
    int n = raw.length();
    for (int i = 0; i < n; i++) {
      char c = raw.charAt(i);
      if (c == '\r') {
        if (normalised == null) {
          normalised = new StringBuilder(n);
          normalised.append(raw, 0, i);
        }
        normalised.append('\n');
        if (i + 1 < n && raw.charAt(i + 1) == '\n') {
          i++;
        }
      } else if (normalised != null) {
        normalised.append(c);
      }
      if (c == '\r' || c == '\n') {
        int offset = normalised != null ? normalised.length() : i + 1;
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = offset;
      }
    }
    String text = normalised != null ? normalised.toString() : raw;
    // A final line ending does not open an empty last line.
    if (count > 1 && starts[count - 1] == text.length()) {
      count--;
    }
    return new SourceText(text, starts, count);
  }

  /** The text with every line ending normalised to {@code \n}. */
  public String text() {
    return text;
  }

  public int lineCount() {
    return text.isEmpty() ? 0 : lineCount;
  }

  /** Line {@code n} (1-based) without its line ending. */
  public String line(int n) {
    if (n < 1 || n > lineCount()) {
      throw new IndexOutOfBoundsException("line " + n + " of " + lineCount());
    }
    int from = lineStarts[n - 1];
    int to = n < lineCount ? lineStarts[n] - 1 : text.length();
    if (to > from && text.charAt(to - 1) == '\n') {
      to--;
    }
    return text.substring(from, Math.max(from, to));
  }

  /** Offset in {@link #text()} where line {@code n} starts. */
  public int lineStart(int n) {
    return lineStarts[n - 1];
  }

  /** Lines {@code from..to} (inclusive, 1-based) joined by {@code \n}. */
  public String lines(int from, int to) {
    int start = lineStarts[from - 1];
    int end = to < lineCount ? lineStarts[to] - 1 : text.length();
    if (to >= lineCount && end > start && text.charAt(end - 1) == '\n') {
      end--;
    }
    return text.substring(start, end);
  }

  public boolean isBlank(int n) {
    return line(n).isBlank();
  }
}
