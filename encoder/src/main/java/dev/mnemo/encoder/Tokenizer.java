package dev.mnemo.encoder;

import dev.mnemo.encoder.internal.json.MiniJson;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BERT's WordPiece tokenizer, read from a Hugging Face {@code tokenizer.json}: the BertNormalizer
 * (clean text, space out CJK characters, strip accents, lower-case), the BertPreTokenizer
 * (whitespace and punctuation), greedy longest-match WordPiece with {@code ##} continuations,
 * {@code [UNK]} for words it cannot spell, and {@code [CLS] … [SEP]} with truncation to the
 * model's maximum length. It gives the same ids as the reference tokenizer.
 *
 * <p>One correction: a tokenizer that says {@code lowercase: false} over a vocabulary with no
 * upper-case word (bge-small-zh's) would turn every capitalised English word into {@code [UNK]}; such
 * input is lower-cased, exactly as the reference would treat lower-cased text.
 *
 * <p>Immutable and thread-safe.
 */
public final class Tokenizer {
  /** Token ids (with [CLS] and [SEP]) and the tokens they stand for. */
  public record Encoding(int[] ids, List<String> tokens, boolean truncated) {
    public int length() {
      return ids.length;
    }
  }

  private final Map<String, Integer> vocab;
  private final String[] tokens;
  private final boolean lowercase;
  private final boolean stripAccents;
  private final boolean cleanText;
  private final boolean chineseChars;
  private final boolean lowercaseCorrected;
  private final String prefix;
  private final int maxCharsPerWord;
  private final int maxLength;
  private final int unk;
  private final int cls;
  private final int sep;
  private final List<String> addedTokens;

  private Tokenizer(Map<String, Integer> vocab, boolean lowercase, boolean stripAccents, boolean cleanText,
      boolean chineseChars, boolean lowercaseCorrected, String prefix, int maxCharsPerWord, int maxLength,
      String unk, String cls, String sep, List<String> addedTokens) {
    this.vocab = vocab;
    int max = vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
    this.tokens = new String[max + 1];
    vocab.forEach((t, id) -> tokens[id] = t);
    this.lowercase = lowercase;
    this.stripAccents = stripAccents;
    this.cleanText = cleanText;
    this.chineseChars = chineseChars;
    this.lowercaseCorrected = lowercaseCorrected;
    this.prefix = prefix;
    this.maxCharsPerWord = maxCharsPerWord;
    this.maxLength = maxLength;
    this.unk = require(unk);
    this.cls = require(cls);
    this.sep = require(sep);
    this.addedTokens = addedTokens;
  }

  private int require(String token) {
    Integer id = vocab.get(token);
    if (id == null) {
      throw new ModelFormatException("the vocabulary has no " + token + " token");
    }
    return id;
  }

  /**
   * Reads a {@code tokenizer.json}. {@code modelMaxLength} is the most tokens the model takes (its
   * position embeddings); a smaller truncation length in the file wins.
   */
  @SuppressWarnings("unchecked")
  public static Tokenizer fromJson(String json, int modelMaxLength) {
    Map<String, Object> root;
    try {
      root = (Map<String, Object>) MiniJson.parse(json);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new ModelFormatException("tokenizer.json: " + e.getMessage());
    }
    Map<String, Object> model = map(root.get("model"), "model");
    if (!"WordPiece".equals(model.get("type"))) {
      throw new ModelFormatException("tokenizer.json: model type " + model.get("type") + " is not WordPiece");
    }
    Map<String, Object> rawVocab = map(model.get("vocab"), "model.vocab");
    Map<String, Integer> vocab = new HashMap<>(rawVocab.size() * 2);
    rawVocab.forEach((k, v) -> vocab.put(k, ((Number) v).intValue()));
    Map<String, Object> norm = root.get("normalizer") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    boolean lower = Boolean.TRUE.equals(norm.get("lowercase"));
    Object strip = norm.get("strip_accents");
    boolean stripAccents = strip == null ? lower : Boolean.TRUE.equals(strip);
    boolean corrected = false;
    if (!lower && vocabIsLowerCase(vocab.keySet())) {
      lower = true;
      corrected = true;
    }
    int maxLength = modelMaxLength;
    if (root.get("truncation") instanceof Map<?, ?> t && t.get("max_length") instanceof Number n) {
      maxLength = Math.min(maxLength, n.intValue());
    }
    List<String> added = new ArrayList<>();
    if (root.get("added_tokens") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> a && a.get("content") instanceof String c && !c.isEmpty() && vocab.containsKey(c)) {
          added.add(c);
        }
      }
    }
    added.sort(Comparator.comparingInt(String::length).reversed());
    String prefix = model.get("continuing_subword_prefix") instanceof String p ? p : "##";
    int maxChars = model.get("max_input_chars_per_word") instanceof Number n ? n.intValue() : 100;
    String unk = model.get("unk_token") instanceof String u ? u : "[UNK]";
    return new Tokenizer(vocab, lower, stripAccents, !Boolean.FALSE.equals(norm.get("clean_text")),
        !Boolean.FALSE.equals(norm.get("handle_chinese_chars")), corrected, prefix, maxChars, maxLength, unk, "[CLS]",
        "[SEP]", List.copyOf(added));
  }

  /**
   * Whether a vocabulary is lower-case: pieces with an upper-case ASCII letter are at most one in a
   * thousand of those with a lower-case one (special markers such as {@code [CLS]} or {@code <S>} aside).
   */
  private static boolean vocabIsLowerCase(java.util.Set<String> tokens) {
    int upper = 0;
    int lower = 0;
    for (String t : tokens) {
      if (t.startsWith("[") && t.endsWith("]") || t.startsWith("<") && t.endsWith(">")) {
        continue;
      }
      boolean u = false;
      boolean l = false;
      for (int i = 0; i < t.length(); i++) {
        char c = t.charAt(i);
        u |= c >= 'A' && c <= 'Z';
        l |= c >= 'a' && c <= 'z';
      }
      upper += u ? 1 : 0;
      lower += l ? 1 : 0;
    }
    return lower > 0 && upper * 1000L <= lower;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o, String what) {
    if (o instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new ModelFormatException("tokenizer.json: no " + what);
  }

  /** The most tokens an encoding may have, [CLS] and [SEP] included. */
  public int maxLength() {
    return maxLength;
  }

  public int vocabularySize() {
    return tokens.length;
  }

  /** Whether input is lower-cased although the file says not to (see the class comment). */
  public boolean lowercaseCorrected() {
    return lowercaseCorrected;
  }

  public String token(int id) {
    return id >= 0 && id < tokens.length && tokens[id] != null ? tokens[id] : "[UNK]";
  }

  /** [CLS], the text's word pieces, [SEP]; cut to {@link #maxLength()} tokens. */
  public Encoding encode(String text) {
    return encode(text, maxLength);
  }

  /** [CLS], the text's word pieces, [SEP]; cut to {@code limit} tokens in all. */
  public Encoding encode(String text, int limit) {
    int room = Math.max(0, limit == Integer.MAX_VALUE ? Integer.MAX_VALUE - 1 : limit - 2);
    List<Integer> pieces = pieceIds(text, room);
    boolean truncated = pieces.size() > room;
    int n = Math.min(pieces.size(), room);
    int[] ids = new int[n + 2];
    List<String> toks = new ArrayList<>(n + 2);
    ids[0] = cls;
    toks.add(token(cls));
    for (int i = 0; i < n; i++) {
      ids[i + 1] = pieces.get(i);
      toks.add(token(pieces.get(i)));
    }
    ids[n + 1] = sep;
    toks.add(token(sep));
    return new Encoding(ids, List.copyOf(toks), truncated);
  }

  /** How many tokens the text has, without [CLS]/[SEP] and without truncation. */
  public int count(String text) {
    return pieceIds(text, Integer.MAX_VALUE).size();
  }

  /** Word-piece ids of a text, without special tokens; stops early once {@code limit} is passed. */
  private List<Integer> pieceIds(String text, int limit) {
    List<Integer> out = new ArrayList<>();
    // Added tokens ([CLS], [MASK]...) written in the text are matched verbatim first, as the reference does.
    int start = 0;
    while (start < text.length() && out.size() <= limit) {
      int bestAt = -1;
      String best = null;
      for (String a : addedTokens) {
        int at = text.indexOf(a, start);
        if (at >= 0 && (bestAt < 0 || at < bestAt)) {
          bestAt = at;
          best = a;
        }
      }
      int end = bestAt < 0 ? text.length() : bestAt;
      wordPieces(text.substring(start, end), out, limit);
      if (best == null) {
        break;
      }
      out.add(vocab.get(best));
      start = bestAt + best.length();
    }
    return out;
  }

  private void wordPieces(String raw, List<Integer> out, int limit) {
    String text = normalize(raw);
    int i = 0;
    int n = text.length();
    while (i < n && out.size() <= limit) {
      int cp = text.codePointAt(i);
      if (isWhitespace(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int wordEnd;
      if (isPunctuation(cp)) {
        wordEnd = i + Character.charCount(cp);
      } else {
        wordEnd = i;
        while (wordEnd < n) {
          int c = text.codePointAt(wordEnd);
          if (isWhitespace(c) || isPunctuation(c)) {
            break;
          }
          wordEnd += Character.charCount(c);
        }
      }
      word(text.substring(i, wordEnd), out);
      i = wordEnd;
    }
  }

  private void word(String word, List<Integer> out) {
    if (word.codePointCount(0, word.length()) > maxCharsPerWord) {
      out.add(unk);
      return;
    }
    int before = out.size();
    int start = 0;
    while (start < word.length()) {
      int end = word.length();
      Integer found = null;
      while (start < end) {
        String sub = start > 0 ? prefix + word.substring(start, end) : word.substring(start, end);
        found = vocab.get(sub);
        if (found != null) {
          break;
        }
        end = word.offsetByCodePoints(end, -1);
      }
      if (found == null) {
        while (out.size() > before) {
          out.remove(out.size() - 1);
        }
        out.add(unk);
        return;
      }
      out.add(found);
      start = end;
    }
  }

  /** BertNormalizer: clean, space CJK, strip accents, lower-case, in that order. */
  String normalize(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cleanText) {
        if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
          continue;
        }
        if (isWhitespace(cp)) {
          sb.append(' ');
          continue;
        }
      }
      if (chineseChars && isChinese(cp)) {
        sb.append(' ').appendCodePoint(cp).append(' ');
      } else {
        sb.appendCodePoint(cp);
      }
    }
    String s = sb.toString();
    if (stripAccents) {
      String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
      StringBuilder out = new StringBuilder(nfd.length());
      for (int i = 0; i < nfd.length(); ) {
        int cp = nfd.codePointAt(i);
        i += Character.charCount(cp);
        if (Character.getType(cp) != Character.NON_SPACING_MARK) {
          out.appendCodePoint(cp);
        }
      }
      s = out.toString();
    }
    if (lowercase) {
      s = s.toLowerCase(Locale.ROOT);
    }
    return s;
  }

  /** Unicode White_Space, as Rust's {@code char::is_whitespace}. */
  static boolean isWhitespace(int c) {
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
  }

  static boolean isControl(int c) {
    if (c == '\t' || c == '\n' || c == '\r') {
      return false;
    }
    int t = Character.getType(c);
    return t == Character.CONTROL || t == Character.FORMAT || t == Character.SURROGATE || t == Character.PRIVATE_USE
        || t == Character.UNASSIGNED;
  }

  static boolean isPunctuation(int c) {
    if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
      return true;
    }
    int t = Character.getType(c);
    return t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION || t == Character.START_PUNCTUATION
        || t == Character.END_PUNCTUATION || t == Character.INITIAL_QUOTE_PUNCTUATION
        || t == Character.FINAL_QUOTE_PUNCTUATION || t == Character.OTHER_PUNCTUATION;
  }

  static boolean isChinese(int c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
        || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF)
        || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
  }
}
