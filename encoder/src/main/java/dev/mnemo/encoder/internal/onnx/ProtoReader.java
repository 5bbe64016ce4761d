package dev.mnemo.encoder.internal.onnx;

import dev.mnemo.encoder.ModelFormatException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the protobuf wire format over a region of a byte array, without copying. Every length is
 * checked against what is left before anything is read or allocated.
 */
final class ProtoReader {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  private final byte[] buf;
  private int pos;
  private final int limit;
  private int tag;

  ProtoReader(byte[] buf, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > buf.length) {
      throw new ModelFormatException("protobuf region out of bounds");
    }
    this.buf = buf;
    this.pos = offset;
    this.limit = offset + length;
  }

  /** Advances to the next field; false at the end of the region. */
  boolean next() {
    if (pos >= limit) {
      return false;
    }
    long t = varint();
    if (t <= 0 || t > Integer.MAX_VALUE) {
      throw new ModelFormatException("bad protobuf tag " + t + " at byte " + pos);
    }
    tag = (int) t;
    return true;
  }

  int field() {
    return tag >>> 3;
  }

  int wireType() {
    return tag & 7;
  }

  long varint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= limit) {
        throw new ModelFormatException("truncated varint");
      }
      byte b = buf[pos++];
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new ModelFormatException("varint too long");
  }

  int fixed32() {
    need(4);
    int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
    pos += 4;
    return v;
  }

  long fixed64() {
    long lo = fixed32() & 0xffffffffL;
    long hi = fixed32() & 0xffffffffL;
    return lo | hi << 32;
  }

  /** The current length-delimited field as a reader of its own. */
  ProtoReader message() {
    int len = length();
    ProtoReader sub = new ProtoReader(buf, pos, len);
    pos += len;
    return sub;
  }

  /** Offset and length of the current length-delimited field's bytes, skipping them. */
  int[] bytesRegion() {
    int len = length();
    int[] region = {pos, len};
    pos += len;
    return region;
  }

  String string() {
    int len = length();
    String s = new String(buf, pos, len, StandardCharsets.UTF_8);
    pos += len;
    return s;
  }

  byte[] buffer() {
    return buf;
  }

  /** A repeated int64 field, packed or not: calls back for each value. */
  void int64s(java.util.function.LongConsumer each) {
    if (wireType() == LENGTH_DELIMITED) {
      ProtoReader packed = message();
      while (packed.pos < packed.limit) {
        each.accept(packed.varint());
      }
    } else {
      each.accept(varint());
    }
  }

  /** A repeated float field, packed or not. */
  void floats(java.util.function.DoubleConsumer each) {
    if (wireType() == LENGTH_DELIMITED) {
      ProtoReader packed = message();
      while (packed.pos < packed.limit) {
        each.accept(Float.intBitsToFloat(packed.fixed32()));
      }
    } else {
      each.accept(Float.intBitsToFloat(fixed32()));
    }
  }

  void skip() {
    switch (wireType()) {
      case VARINT -> varint();
      case FIXED64 -> {
        need(8);
        pos += 8;
      }
      case LENGTH_DELIMITED -> {
        int len = length();
        pos += len;
      }
      case FIXED32 -> {
        need(4);
        pos += 4;
      }
      default -> throw new ModelFormatException("unsupported protobuf wire type " + wireType() + " at byte " + pos);
    }
  }

  private int length() {
    long len = varint();
    if (len < 0 || len > limit - pos) {
      throw new ModelFormatException("protobuf field of " + len + " bytes overruns its message (" + (limit - pos) + " left)");
    }
    return (int) len;
  }

  private void need(int n) {
    if (limit - pos < n) {
      throw new ModelFormatException("truncated protobuf field");
    }
  }
}
