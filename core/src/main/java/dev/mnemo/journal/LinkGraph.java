package dev.mnemo.journal;

import dev.mnemo.vault.Link;
import dev.mnemo.vault.Note;
import dev.mnemo.vault.Paths;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The notes of a vault and the links between them, resolved the way Obsidian and Logseq do: a
 * wikilink names a note by its vault path, its file name (with or without extension), its title or
 * an alias, case-insensitively; Logseq's namespace pages {@code a/b} live in files named
 * {@code a___b.md} (or {@code a%2Fb.md}); a Markdown link is a path relative to the linking note.
 */
public final class LinkGraph {
  /** A link from one note to another (or to a note that does not exist yet: {@code to} null). */
  public record Edge(String from, String to, String target, int line, Link.Kind kind) {}

  private final Map<String, Note> notes = new TreeMap<>();
  private final Map<String, List<String>> byName = new HashMap<>();
  private final Map<String, List<Edge>> outgoing = new HashMap<>();
  private final Map<String, List<Edge>> incoming = new HashMap<>();

  public LinkGraph(Collection<Note> all) {
    for (Note n : all) {
      notes.put(n.path(), n);
    }
    for (Note n : notes.values()) {
      for (String key : names(n)) {
        byName.computeIfAbsent(key, k -> new ArrayList<>()).add(n.path());
      }
    }
    for (Note n : notes.values()) {
      List<Edge> out = new ArrayList<>();
      for (Link l : n.links()) {
        String name = l.isNoteLink() ? pageName(l.target()) : null;
        if (name == null || name.isEmpty()) {
          continue;
        }
        Link named = new Link(l.kind(), name, l.subpath(), l.display(), l.line());
        String to = resolve(n.path(), named).orElse(null);
        Edge e = new Edge(n.path(), to, name, l.line(), l.kind());
        out.add(e);
        if (to != null) {
          incoming.computeIfAbsent(to, k -> new ArrayList<>()).add(e);
        }
      }
      outgoing.put(n.path(), out);
    }
  }

  /** The names a note answers to, normalized: path, path without extension, file name, title, aliases. */
  static List<String> names(Note n) {
    List<String> out = new ArrayList<>();
    out.add(key(n.path()));
    String noExt = n.path().replaceFirst("\\.[^./]+$", "");
    out.add(key(noExt));
    out.add(key(Paths.stem(n.path())));
    out.add(key(logseqName(Paths.stem(n.path()))));
    out.add(key(n.title()));
    for (String a : n.aliases()) {
      out.add(key(a));
    }
    if (n.date() != null && Paths.stem(n.path()).matches("\\d{4}[-_.]\\d{1,2}[-_.]\\d{1,2}")) {
      // A daily note: Logseq links it as [[Mar 5th, 2023]], others by its ISO date.
      out.add(key(n.date().toString()));
      out.add(key(logseqDate(n.date())));
    }
    return out.stream().filter(s -> !s.isEmpty()).distinct().toList();
  }

  /** Logseq writes page {@code a/b} to file {@code a___b.md} (older graphs: {@code a.b.md} or {@code a%2Fb.md}). */
  static String logseqName(String stem) {
    String s = stem.replace("___", "/");
    if (s.contains("%")) {
      try {
        s = URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        // not percent-encoded after all
      }
    }
    return s;
  }

  /** Logseq's default journal page title: {@code Mar 5th, 2023}. */
  static String logseqDate(java.time.LocalDate d) {
    int day = d.getDayOfMonth();
    String suffix = day % 100 >= 11 && day % 100 <= 13 ? "th" : switch (day % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
    return d.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH) + " " + day + suffix + ", "
        + d.getYear();
  }

  /** A link target as a page name: nested brackets ({@code [[[[x]]]]}) unwrapped; null for a block reference. */
  static String pageName(String target) {
    String t = target.strip();
    while (t.startsWith("[[") && t.endsWith("]]") && t.length() > 4) {
      t = t.substring(2, t.length() - 2).strip();
    }
    return t.startsWith("((") && t.endsWith("))") ? null : t;
  }

  static String key(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /** The note a link points at, if it exists. */
  public Optional<String> resolve(String fromPath, Link link) {
    String target = link.target();
    if (link.kind() == Link.Kind.MARKDOWN) {
      String decoded;
      try {
        decoded = URLDecoder.decode(target.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        decoded = target;
      }
      String rel = normalizePath(Paths.parent(fromPath), decoded);
      if (rel != null && notes.containsKey(rel)) {
        return Optional.of(rel);
      }
      target = decoded;
    }
    List<String> candidates = byName.get(key(target));
    if (candidates == null) {
      candidates = byName.get(key(target.replaceFirst("\\.(md|markdown|txt)$", "")));
    }
    if (candidates == null || candidates.isEmpty()) {
      return Optional.empty();
    }
    // Several notes of one name: the one nearest the linking note, then the shortest path.
    String dir = Paths.parent(fromPath);
    return candidates.stream().min(Comparator.comparing((String p) -> !Paths.parent(p).equals(dir))
        .thenComparingInt(String::length).thenComparing(Comparator.naturalOrder()));
  }

  private static String normalizePath(String dir, String rel) {
    String joined = rel.startsWith("/") ? rel.substring(1) : dir.isEmpty() ? rel : dir + "/" + rel;
    List<String> parts = new ArrayList<>();
    for (String p : joined.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.remove(parts.size() - 1);
      } else {
        parts.add(p);
      }
    }
    return String.join("/", parts);
  }

  public Optional<Note> note(String path) {
    return Optional.ofNullable(notes.get(path));
  }

  public Collection<Note> notes() {
    return notes.values();
  }

  /** A note by a path, a file name or a title, as a user would type it. */
  public Optional<String> find(String nameOrPath) {
    if (notes.containsKey(nameOrPath)) {
      return Optional.of(nameOrPath);
    }
    return resolve("", new Link(Link.Kind.WIKI, nameOrPath, null, null, 0));
  }

  public List<Edge> outgoing(String path) {
    return outgoing.getOrDefault(path, List.of());
  }

  public List<Edge> backlinks(String path) {
    return incoming.getOrDefault(path, List.of());
  }

  /** Links whose target does not exist, grouped by the name they use (in order of first appearance). */
  public Map<String, List<Edge>> unresolved() {
    Map<String, List<Edge>> out = new LinkedHashMap<>();
    for (List<Edge> edges : outgoing.values()) {
      for (Edge e : edges) {
        if (e.to() == null) {
          out.computeIfAbsent(e.target(), k -> new ArrayList<>()).add(e);
        }
      }
    }
    out.values().forEach(l -> l.sort(Comparator.comparing(Edge::from).thenComparingInt(Edge::line)));
    return new TreeMap<>(out);
  }

  /** Whether {@code from} links to {@code to} or the reverse. */
  public boolean linked(String from, String to) {
    return outgoing(from).stream().anyMatch(e -> to.equals(e.to())) || outgoing(to).stream().anyMatch(e -> from.equals(e.to()));
  }
}
