package dev.mnemo.semantic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
  private static final String RESOURCE = "/dev/mnemo/semantic/cedict.tsv";
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

  private final Map<String, List<String>> zhToEn;
  private final Map<String, List<String>> enToZh;
  private final Map<Character, Character> simplified;
  private final int maxWord;

  private Bilingual(Map<String, List<String>> zhToEn, Map<String, List<String>> enToZh,
      Map<Character, Character> simplified, int maxWord) {
    this.zhToEn = zhToEn;
    this.enToZh = enToZh;
    this.simplified = simplified;
    this.maxWord = maxWord;
  }

  /**
   * Traditional characters as their simplified forms (from the dictionary's one-character entries):
   * the Chinese encoder was trained on simplified text and understands Traditional Chinese notes
   * better this way. Text without traditional characters comes back as it is.
   */
  public String toSimplified(String text) {
    if (simplified.isEmpty()) {
      return text;
    }
    char[] out = null;
    for (int i = 0; i < text.length(); i++) {
      Character s = simplified.get(text.charAt(i));
      if (s != null) {
        if (out == null) {
          out = text.toCharArray();
        }
        out[i] = s;
      }
    }
    return out == null ? text : new String(out);
  }

  /** The dictionary, loaded once; empty (no translations) when the build could not include it. */
  /** Whether the dictionary is loaded already. */
  public static boolean loaded() {
    return instance != null;
  }

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

  private static Bilingual load() {
    Map<String, List<String>> zh = new HashMap<>();
    Map<String, List<String>> en = new HashMap<>();
    Map<String, Integer> rank = new HashMap<>();
    Map<Character, Character> simplified = new HashMap<>();
    int maxWord = 1;
    try (InputStream in = Bilingual.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        LOG.log(System.Logger.Level.INFO, "no bilingual dictionary in this build: cross-language search is off");
        return new Bilingual(Map.of(), Map.of(), Map.of(), 1);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
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
          zh.computeIfAbsent(word, k -> new ArrayList<>()).addAll(senses);
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
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot read the bilingual dictionary: " + e.getMessage());
      return new Bilingual(Map.of(), Map.of(), Map.of(), 1);
    }
    for (Map.Entry<String, List<String>> e : en.entrySet()) {
      String sense = e.getKey();
      List<String> words = new ArrayList<>(new LinkedHashSet<>(e.getValue()));
      words.sort(Comparator.comparingInt(w -> rank.getOrDefault(sense + "\u0000" + w, 99)));
      e.setValue(List.copyOf(words.subList(0, Math.min(8, words.size()))));
    }
    zh.replaceAll((k, v) -> List.copyOf(new LinkedHashSet<>(v)));
    // A character that is also a simplified form of its own stays as it is.
    Set<Character> simple = new java.util.HashSet<>(simplified.values());
    simplified.keySet().removeIf(simple::contains);
    return new Bilingual(zh, en, Map.copyOf(simplified), Math.min(maxWord, 8));
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
      case ZH -> toEnglish(query);
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
      // A two-word sense ("move house") before the single words.
      if (i + 1 < words.size()) {
        List<String> pair = enToZh.get(words.get(i) + " " + words.get(i + 1));
        if (pair != null) {
          out.add(pair.get(0));
          i++;
          continue;
        }
      }
      String w = words.get(i);
      if (EN_STOP.contains(w) || w.length() < 2) {
        continue;
      }
      String best = null;
      long bestWeight = 0;
      for (String candidate : lookupEnglish(w)) {
        long weight = chooser.weight(candidate);
        if (weight > bestWeight) {
          best = candidate;
          bestWeight = weight;
        }
      }
      if (best != null) {
        out.add(best);
      }
    }
    return String.join(" ", out);
  }

  private List<String> lookupEnglish(String w) {
    List<String> zh = enToZh.get(w);
    if (zh != null) {
      return zh;
    }
    for (String stem : new String[] {w.replaceAll("ies$", "y"), w.replaceAll("es$", ""), w.replaceAll("s$", ""),
        w.replaceAll("ing$", ""), w.replaceAll("ing$", "e"), w.replaceAll("ed$", ""), w.replaceAll("ed$", "e"),
        w.replaceAll("ly$", "")}) {
      if (!stem.equals(w) && (zh = enToZh.get(stem)) != null) {
        return zh;
      }
    }
    return List.of();
  }

  String toEnglish(String query) {
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
        List<String> senses = zhToEn.get(found);
        out.add(senses.get(0));
      }
      i += found.length();
    }
    return String.join(" ", out);
  }
}
