package dev.mnemo.semantic;

/**
 * Which script a text is written in, for choosing the encoder that understands it. Chinese
 * characters count three times a Latin letter: a character carries about as much meaning as a
 * short English word.
 */
public enum Language {
  ZH, EN, MIXED;

  /** The share of meaning carried by CJK characters, 0 to 1 (0 for text without letters). */
  public static double cjkShare(CharSequence text) {
    long cjk = 0;
    long latin = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x3400 && c <= 0x9FFF || c >= 0xF900 && c <= 0xFAFF) {
        cjk++;
      } else if (c < 0x250 && Character.isLetter(c)) {
        latin++;
      }
    }
    return cjk + latin == 0 ? 0 : 3.0 * cjk / (3.0 * cjk + latin);
  }

  /** Chinese when at least 60% of the meaning is in CJK, English below 15%, mixed between. */
  public static Language of(CharSequence text) {
    double s = cjkShare(text);
    return s >= 0.6 ? ZH : s < 0.15 ? EN : MIXED;
  }
}
