package dev.mnemo.semantic;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SortedMap;

/**
 * A sorted string-to-string table kept as one array of characters and one of offsets, searched in
 * place by binary search: reading it is two bulk copies, with no strings or hash entries to build,
 * which is what makes the dictionary load in milliseconds instead of seconds.
 */
final class DictionaryTable {
  static final DictionaryTable EMPTY = new DictionaryTable(new char[0], new int[] {0});

  /** Entry i's key is {@code chars[offsets[2i] .. offsets[2i+1])}, its value runs to {@code offsets[2i+2]}. */
  private final char[] chars;
  private final int[] offsets;

  private DictionaryTable(char[] chars, int[] offsets) {
    this.chars = chars;
    this.offsets = offsets;
  }

  /** The table of {@code map}, whose order (String's, by UTF-16 unit) is the order searched. */
  static DictionaryTable of(SortedMap<String, String> map) {
    StringBuilder sb = new StringBuilder();
    int[] offsets = new int[2 * map.size() + 1];
    int i = 0;
    for (var e : map.entrySet()) {
      offsets[i++] = sb.length();
      sb.append(e.getKey());
      offsets[i++] = sb.length();
      sb.append(e.getValue());
    }
    offsets[i] = sb.length();
    char[] chars = new char[sb.length()];
    sb.getChars(0, sb.length(), chars, 0);
    return new DictionaryTable(chars, offsets);
  }

  int size() {
    return offsets.length / 2;
  }

  boolean isEmpty() {
    return size() == 0;
  }

  /** The value of {@code key}, or null. */
  String get(String key) {
    int i = find(key);
    return i < 0 ? null : new String(chars, offsets[2 * i + 1], offsets[2 * i + 2] - offsets[2 * i + 1]);
  }

  boolean containsKey(String key) {
    return find(key) >= 0;
  }

  private int find(String key) {
    int lo = 0;
    int hi = size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = compareKey(mid, key);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** Entry i's key against {@code key}, as {@link String#compareTo} orders them. */
  private int compareKey(int i, String key) {
    int start = offsets[2 * i];
    int len = offsets[2 * i + 1] - start;
    int n = Math.min(len, key.length());
    for (int j = 0; j < n; j++) {
      int c = chars[start + j] - key.charAt(j);
      if (c != 0) {
        return c;
      }
    }
    return len - key.length();
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(offsets.length);
    for (int o : offsets) {
      out.writeInt(o);
    }
    out.writeInt(chars.length);
    for (char c : chars) {
      out.writeChar(c);
    }
  }

  /** Reads what {@link #write} wrote, checking that every offset stays inside the characters. */
  static DictionaryTable read(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 1 || count % 2 == 0 || count > 1 << 26) {
      throw new IOException("bad table size " + count);
    }
    int[] offsets = readInts(in, count);
    int length = in.readInt();
    if (length < 0 || length > 1 << 28) {
      throw new IOException("bad table length " + length);
    }
    char[] chars = readChars(in, length);
    for (int i = 0; i < count; i++) {
      if (offsets[i] < (i == 0 ? 0 : offsets[i - 1]) || offsets[i] > length) {
        throw new IOException("bad table offset at " + i);
      }
    }
    if (offsets[count - 1] != length) {
      throw new IOException("table offsets do not cover its characters");
    }
    return new DictionaryTable(chars, offsets);
  }

  /** {@code n} ints written by {@link DataOutputStream#writeInt}, read as one block of bytes. */
  static int[] readInts(DataInputStream in, int n) throws IOException {
    int[] out = new int[n];
    block(in, 4 * n).asIntBuffer().get(out);
    return out;
  }

  /** {@code n} chars written by {@link DataOutputStream#writeChar}, read as one block of bytes. */
  static char[] readChars(DataInputStream in, int n) throws IOException {
    char[] out = new char[n];
    block(in, 2 * n).asCharBuffer().get(out);
    return out;
  }

  private static java.nio.ByteBuffer block(DataInputStream in, int length) throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new IOException("dictionary ends early");
    }
    return java.nio.ByteBuffer.wrap(bytes);
  }
}
