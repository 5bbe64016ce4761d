package dev.mnemo.semantic;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A query in the other language, word by word, from CC-CEDICT (built into the jar at build time):
 * no available encoder is cross-lingual, so an English query also searches as its Chinese words and a
 * Chinese query as its English glosses, on both the keyword and the vector side. Word-by-word
 * glossing is crude, so the translation only ever adds candidates, at a lower weight.
 */
public final class Bilingual {
  private static final System.Logger LOG = System.getLogger("dev.mnemo.semantic");
  private static final String RESOURCE = "/dev/mnemo/semantic/cedict.bin";
  private static volatile Bilingual instance;

  private static final Set<String> EN_STOP = Set.of("a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or",
      "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these", "those", "i", "me", "my", "we", "our",
      "you", "your", "he", "she", "they", "them", "his", "her", "their", "with", "by", "from", "as", "do", "does", "did",
      "how", "what", "why", "when", "where", "which", "who", "can", "could", "should", "would", "will", "not", "no", "so",
      "about", "into", "than", "then", "there", "here", "some", "any", "all", "every", "one", "up", "out", "if", "but");
  private static final Set<String> ZH_STOP = Set.of("的", "了", "是", "在", "我", "你", "他", "她", "它", "们", "和", "与",
      "也", "就", "都", "而", "及", "着", "或", "一个", "没有", "我们", "你们", "他们", "这", "那", "这个", "那个", "吗", "呢",
      "吧", "啊", "什么", "怎么", "为什么", "如何", "哪", "把", "被", "让", "给", "对", "从", "到", "又", "很", "还", "再");
  private static final Pattern PAREN = Pattern.compile("\\([^)]*\\)|\\[[^]]*]");
  private static final Pattern LATIN = Pattern.compile("[A-Za-z][A-Za-z'-]*");
  private static final Pattern SOMEONE = Pattern.compile("\\b(sth|sb|one's)\\b");
  private static final Pattern LEADING = Pattern.compile("^(to be|to|a|an|the) ");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  /** A Chinese word and its first English sense. */
  private final DictionaryTable zhToEn;
  /** An English sense and the Chinese words for it, best first, separated by {@link #SEPARATOR}. */
  private final DictionaryTable enToZh;
  /** Indexed by a traditional character: its simplified form, or 0. Empty when there is no dictionary. */
  private final char[] simplified;
  private final int maxWord;

  private static final char SEPARATOR = '\u0001';
  private static final int MAGIC = 0x4d4e4244;
  private static final int VERSION = 2;
  /** How many English senses of a Chinese word are kept for the vault to choose among. */
  static final int ZH_SENSES = 6;

  private Bilingual(DictionaryTable zhToEn, DictionaryTable enToZh, char[] simplified, int maxWord) {
    this.zhToEn = zhToEn;
    this.enToZh = enToZh;
    this.simplified = simplified;
    this.maxWord = maxWord;
  }

  private static final Bilingual NONE = new Bilingual(DictionaryTable.EMPTY, DictionaryTable.EMPTY, new char[0], 1);

  /**
   * Traditional characters as their simplified forms (from the dictionary's one-character entries):
   * the Chinese encoder was trained on simplified text and understands Traditional Chinese notes
   * better this way. Text without traditional characters comes back as it is.
   */
  public String toSimplified(String text) {
    if (simplified.length == 0) {
      return text;
    }
    char[] out = null;
    for (int i = 0; i < text.length(); i++) {
      char s = simplified[text.charAt(i)];
      if (s != 0) {
        if (out == null) {
          out = text.toCharArray();
        }
        out[i] = s;
      }
    }
    return out == null ? text : new String(out);
  }

  /** Whether the dictionary is loaded already. */
  public static boolean loaded() {
    return instance != null;
  }

  /** The dictionary, loaded once; empty (no translations) when the build could not include it. */
  public static Bilingual get() {
    Bilingual b = instance;
    if (b == null) {
      synchronized (Bilingual.class) {
        if (instance == null) {
          instance = load();
        }
        b = instance;
      }
    }
    return b;
  }

  public boolean available() {
    return !zhToEn.isEmpty();
  }

  /**
   * Reads the dictionary that the build digested from CC-CEDICT ({@link #main}): sorted tables read
   * in two bulk copies each, so a process's first search does not spend seconds parsing glosses.
   */
  private static Bilingual load() {
    try (InputStream in = Bilingual.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        LOG.log(System.Logger.Level.INFO, "no bilingual dictionary in this build: cross-language search is off");
        return NONE;
      }
      return read(new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16)));
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot read the bilingual dictionary: " + e.getMessage());
      return NONE;
    }
  }

  static Bilingual read(DataInputStream in) throws IOException {
    if (in.readInt() != MAGIC || in.readInt() != VERSION) {
      throw new IOException("not a dictionary of this version of mnemo");
    }
    int maxWord = in.readInt();
    int pairs = in.readInt();
    if (maxWord < 1 || pairs < 0 || pairs > Character.MAX_VALUE) {
      throw new IOException("bad dictionary header");
    }
    char[] simplified = new char[pairs == 0 ? 0 : Character.MAX_VALUE + 1];
    char[] both = DictionaryTable.readChars(in, 2 * pairs);
    for (int i = 0; i < pairs; i++) {
      simplified[both[2 * i]] = both[2 * i + 1];
    }
    DictionaryTable zh = DictionaryTable.read(in);
    DictionaryTable en = DictionaryTable.read(in);
    return new Bilingual(zh, en, simplified, maxWord);
  }

  /**
   * Digests CC-CEDICT lines (simplified, traditional, glosses separated by '/', tab-separated) into
   * what translation looks up: each word's plain senses in the dictionary's order (at most
   * {@value #ZH_SENSES}), each sense's Chinese words best first (at most sixteen), traditional
   * characters' simplified forms.
   */
  static Bilingual digest(BufferedReader r) throws IOException {
    Map<String, Set<String>> zhSenses = new HashMap<>();
    Map<String, List<String>> en = new HashMap<>();
    Map<String, Integer> rank = new HashMap<>();
    Map<Character, Character> simplified = new HashMap<>();
    int maxWord = 1;
    String line;
    while ((line = r.readLine()) != null) {
      String[] f = line.split("\t", 3);
      if (f.length < 3) {
        continue;
      }
      if (f[0].length() == 1 && f[1].length() == 1 && f[0].charAt(0) != f[1].charAt(0)) {
        simplified.putIfAbsent(f[1].charAt(0), f[0].charAt(0));
      }
      List<String> senses = senses(f[2]);
      if (senses.isEmpty()) {
        continue;
      }
      for (String word : new String[] {f[0], f[1]}) {
        Set<String> known = zhSenses.computeIfAbsent(word, k -> new LinkedHashSet<>());
        for (String sense : senses) {
          if (known.size() < ZH_SENSES) {
            known.add(sense);
          }
        }
        maxWord = Math.max(maxWord, word.length());
      }
      for (int i = 0; i < senses.size(); i++) {
        String s = senses.get(i);
        // The first sense of a two-character word is the best guess; later senses and long words less so.
        int score = i * 10 + Math.abs(f[0].length() - 2) * 3 + (f[0].length() == 1 ? 5 : 0);
        String key = s + "\u0000" + f[0];
        if (rank.merge(key, score, Math::min) == score) {
          en.computeIfAbsent(s, k -> new ArrayList<>()).add(f[0]);
        }
      }
    }
    SortedMap<String, String> zh = new TreeMap<>();
    zhSenses.forEach((word, senses) -> zh.put(word, String.join(String.valueOf(SEPARATOR), senses)));
    SortedMap<String, String> enBest = new TreeMap<>();
    for (Map.Entry<String, List<String>> e : en.entrySet()) {
      String sense = e.getKey();
      List<String> words = new ArrayList<>(new LinkedHashSet<>(e.getValue()));
      words.sort(Comparator.comparingInt(w -> rank.getOrDefault(sense + "\u0000" + w, 99)));
      enBest.put(sense, String.join(String.valueOf(SEPARATOR), words.subList(0, Math.min(16, words.size()))));
    }
    // A character that is also a simplified form of its own stays as it is.
    Set<Character> simple = new java.util.HashSet<>(simplified.values());
    simplified.keySet().removeIf(simple::contains);
    char[] table = new char[simplified.isEmpty() ? 0 : Character.MAX_VALUE + 1];
    simplified.forEach((t, s) -> table[t] = s);
    return new Bilingual(DictionaryTable.of(zh), DictionaryTable.of(enBest), table, Math.min(maxWord, 8));
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(maxWord);
    StringBuilder pairs = new StringBuilder();
    for (int c = 0; c < simplified.length; c++) {
      if (simplified[c] != 0) {
        pairs.append((char) c).append(simplified[c]);
      }
    }
    out.writeInt(pairs.length() / 2);
    out.writeChars(pairs.toString());
    zhToEn.write(out);
    enToZh.write(out);
  }

  /**
   * Build step: {@code Bilingual CEDICT.tsv OUT}. Digests the dictionary the build fetched into the
   * resource {@link #load} reads. Without the TSV (no npm at build time) it writes nothing, and
   * mnemo runs without cross-language search and says so.
   */
  public static void main(String[] args) throws IOException {
    java.nio.file.Path tsv = java.nio.file.Path.of(args[0]);
    java.nio.file.Path out = java.nio.file.Path.of(args[1]);
    if (!java.nio.file.Files.isRegularFile(tsv)) {
      System.err.println("cedict: " + tsv + " is absent; building without the bilingual dictionary");
      return;
    }
    if (upToDate(out, tsv)) {
      return;
    }
    Bilingual b;
    try (BufferedReader r = java.nio.file.Files.newBufferedReader(tsv, StandardCharsets.UTF_8)) {
      b = digest(r);
    }
    java.nio.file.Files.createDirectories(out.getParent());
    java.nio.file.Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    try (DataOutputStream d = new DataOutputStream(new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(tmp), 1 << 16))) {
      b.write(d);
    }
    java.nio.file.Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** Whether {@code out} is newer than the dictionary and than the classes that wrote it. */
  private static boolean upToDate(java.nio.file.Path out, java.nio.file.Path tsv) throws IOException {
    if (!java.nio.file.Files.isRegularFile(out)) {
      return false;
    }
    var built = java.nio.file.Files.getLastModifiedTime(out);
    List<java.nio.file.Path> inputs = new ArrayList<>(List.of(tsv));
    for (Class<?> c : List.of(Bilingual.class, DictionaryTable.class)) {
      java.net.URL url = c.getResource(c.getSimpleName() + ".class");
      if (url == null || !"file".equals(url.getProtocol())) {
        return false;
      }
      try {
        inputs.add(java.nio.file.Path.of(url.toURI()));
      } catch (java.net.URISyntaxException e) {
        return false;
      }
    }
    for (java.nio.file.Path in : inputs) {
      if (java.nio.file.Files.getLastModifiedTime(in).compareTo(built) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** Short, plain senses of one entry: "to move house; to relocate" gives "move house", "relocate". */
  static List<String> senses(String glosses) {
    List<String> out = new ArrayList<>();
    for (String g : glosses.split("/")) {
      for (String part : g.split(";")) {
        // Each pattern runs only where it can match: the dictionary's 120,000 entries pass through here
        // when it loads, on the first search of a process.
        String s = (part.indexOf('(') >= 0 || part.indexOf('[') >= 0 ? PAREN.matcher(part).replaceAll(" ") : part)
            .strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.startsWith("variant of") || s.startsWith("old variant") || s.startsWith("surname")
            || s.startsWith("see ") || s.startsWith("cl:") || s.startsWith("used in") || s.startsWith("abbr.")
            || s.contains("sb") && s.split(" ").length > 3) {
          continue;
        }
        if (s.contains("sth") || s.contains("sb") || s.contains("one's")) {
          s = SOMEONE.matcher(s).replaceAll("");
        }
        if (s.startsWith("to ") || s.startsWith("a ") || s.startsWith("an ") || s.startsWith("the ")) {
          s = LEADING.matcher(s).replaceAll("");
        }
        s = (singleSpaced(s) ? s : SPACES.matcher(s).replaceAll(" ")).strip();
        if (!s.isEmpty() && s.split(" ").length <= 3 && s.length() <= 30) {
          out.add(s);
        }
      }
    }
    return out;
  }

  /** Whether {@code s} has no white space but single plain spaces (so collapsing runs changes nothing). */
  private static boolean singleSpaced(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' ? i + 1 < s.length() && Character.isWhitespace(s.charAt(i + 1)) : Character.isWhitespace(c)) {
        return false;
      }
    }
    return true;
  }

  /** Judges how likely a word of the other language is the right one: for example how often the vault uses it. */
  @FunctionalInterface
  public interface Chooser {
    /** A weight for a candidate, 0 or less to reject it. */
    long weight(String candidate);

    Chooser FIRST = c -> 1;
  }

  /** The query in the other language: English words as Chinese words, Chinese words as English; "" if none. */
  public String translate(String query) {
    return translate(query, Chooser.FIRST);
  }

  /** As {@link #translate(String)}, each English word's Chinese rendering picked by {@code chooser} among the dictionary's. */
  public String translate(String query, Chooser chooser) {
    if (!available()) {
      return "";
    }
    Language lang = Language.of(query);
    return switch (lang) {
      case EN -> toChinese(query, chooser);
      case ZH -> toEnglish(query, chooser);
      case MIXED -> "";
    };
  }

  String toChinese(String query, Chooser chooser) {
    List<String> words = new ArrayList<>();
    Matcher m = LATIN.matcher(query.toLowerCase(Locale.ROOT));
    while (m.find()) {
      words.add(m.group());
    }
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < words.size(); i++) {
      // A two-word sense ("move house", also as "moving house") before the single words; the
      // dictionary's first rendering of it when the vault backs none.
      if (i + 1 < words.size()) {
        List<String> pair = lookupEnglish(words.get(i), " " + words.get(i + 1));
        if (!pair.isEmpty()) {
          String best = best(pair, chooser);
          out.add(best != null ? best : pair.get(0));
          i++;
          continue;
        }
      }
      String w = words.get(i);
      if (EN_STOP.contains(w) || w.length() < 2) {
        continue;
      }
      String best = best(lookupEnglish(w, ""), chooser);
      if (best != null) {
        out.add(best);
      }
    }
    return String.join(" ", out);
  }

  /** The candidate the chooser weighs most, or null if it weighs none above 0. */
  private static String best(List<String> candidates, Chooser chooser) {
    String best = null;
    long bestWeight = 0;
    for (String candidate : candidates) {
      long weight = chooser.weight(candidate);
      if (weight > bestWeight) {
        best = candidate;
        bestWeight = weight;
      }
    }
    return best;
  }

  /** The Chinese for English word {@code w} followed by {@code rest}, trying the word's plain forms when it is inflected. */
  private List<String> lookupEnglish(String w, String rest) {
    List<String> zh = chinese(w + rest);
    if (!zh.isEmpty()) {
      return zh;
    }
    // The plain form that keeps an "e" first: "uses", "used" and "using" are "use", not "us".
    for (String stem : new String[] {w.replaceAll("ies$", "y"), w.replaceAll("s$", ""), w.replaceAll("es$", ""),
        w.replaceAll("ing$", "e"), w.replaceAll("ing$", ""), w.replaceAll("ed$", "e"), w.replaceAll("ed$", ""),
        w.replaceAll("ly$", "")}) {
      if (!stem.equals(w) && !(zh = chinese(stem + rest)).isEmpty()) {
        return zh;
      }
    }
    return List.of();
  }

  /** The Chinese words for an English sense, best first; empty if none. */
  private List<String> chinese(String sense) {
    String words = enToZh.get(sense);
    return words == null ? List.of() : List.of(words.split(String.valueOf(SEPARATOR)));
  }

  String toEnglish(String query, Chooser chooser) {
    Set<String> out = new LinkedHashSet<>();
    int i = 0;
    while (i < query.length()) {
      char c = query.charAt(i);
      if (c < 0x3400 || c > 0x9FFF) {
        i++;
        continue;
      }
      int len = Math.min(maxWord, query.length() - i);
      String found = null;
      for (; len >= 1; len--) {
        String w = query.substring(i, i + len);
        if (zhToEn.containsKey(w)) {
          found = w;
          break;
        }
      }
      if (found == null) {
        i++;
        continue;
      }
      if (!ZH_STOP.contains(found) && (found.length() > 1 || out.isEmpty() && query.length() <= 2)) {
        // The sense the notes use, weighed against the dictionary's order: the log of its use over its
        // place ("替换": replace, second, over switch, fourth though used a little more).
        String[] senses = zhToEn.get(found).split(String.valueOf(SEPARATOR));
        String best = senses[0];
        double bestScore = 0;
        for (int k = 0; k < senses.length; k++) {
          double score = Math.log1p(chooser.weight(senses[k])) / (1.0 + k);
          if (score > bestScore) {
            best = senses[k];
            bestScore = score;
          }
        }
        out.add(best);
      }
      i += found.length();
    }
    return String.join(" ", out);
  }
}
