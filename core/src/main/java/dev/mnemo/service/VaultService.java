package dev.mnemo.service;

import dev.mnemo.index.NoteIndex;
import dev.mnemo.journal.Journal;
import dev.mnemo.journal.LinkGraph;
import dev.mnemo.journal.Mentions;
import dev.mnemo.journal.WeekReview;
import dev.mnemo.search.DateRange;
import dev.mnemo.search.Hit;
import dev.mnemo.search.QuerySyntaxException;
import dev.mnemo.search.Related;
import dev.mnemo.search.SearchQuery;
import dev.mnemo.search.Searcher;
import dev.mnemo.vault.Note;
import dev.mnemo.vault.SourceText;
import dev.mnemo.vault.Vault;
import dev.mnemo.vault.VaultException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;

/**
 * What mnemo answers about a vault, in one place for the CLI's {@code --json}, the HTTP API and MCP:
 * the same questions give the same shapes everywhere. The link graph and journal are rebuilt only
 * when the index has changed since they were last made.
 */
public final class VaultService {
  private final Vault vault;
  private final NoteIndex index;
  private final Supplier<LocalDate> today;
  private final Searcher searcher = new Searcher();
  private long builtFor = -1;
  private LinkGraph graph;
  private Journal journal;

  public VaultService(Vault vault, NoteIndex index, Supplier<LocalDate> today) {
    this.vault = vault;
    this.index = index;
    this.today = today;
  }

  public Vault vault() {
    return vault;
  }

  public NoteIndex index() {
    return index;
  }

  public LocalDate today() {
    return today.get();
  }

  /** The link graph and journal as of the index's latest state. */
  public synchronized LinkGraph graph() throws IOException {
    refreshViews();
    return graph;
  }

  public synchronized Journal journal() throws IOException {
    refreshViews();
    return journal;
  }

  private void refreshViews() throws IOException {
    long version;
    IndexSearcher s = index.acquire();
    try {
      version = s.getIndexReader() instanceof DirectoryReader d ? d.getVersion() : 0;
    } finally {
      index.release(s);
    }
    if (version != builtFor || graph == null) {
      List<Note> notes = index.notes();
      graph = new LinkGraph(notes);
      journal = new Journal(notes, this::text);
      builtFor = version;
    }
  }

  /** A note's text as it is on disk now, or null when it cannot be read. */
  public SourceText text(String path) {
    try {
      Path file = vault.resolve(path);
      return SourceText.decode(Files.readAllBytes(file));
    } catch (IOException | VaultException | RuntimeException e) {
      return null;
    }
  }

  /** Parses a query with the search box's syntax, plus an optional natural {@code when}. */
  public SearchQuery query(String q, String when) throws QuerySyntaxException {
    SearchQuery query = SearchQuery.parse(q == null ? "" : q, today());
    var range = SearchQuery.when(when, today());
    if (range.isPresent()) {
      query = query.withWhen(range.get());
    }
    return query;
  }

  public Searcher.Results search(String q, String when, int limit, int perNote, String mode) throws IOException, QuerySyntaxException {
    SearchQuery query = query(q, when);
    if (!query.hasText() && !query.hasFilters()) {
      throw new IllegalArgumentException("nothing to search for: give words, a phrase or a filter");
    }
    return searcher.search(index, query, new Searcher.Options(limit, perNote,
        Searcher.Mode.parse(mode == null || mode.isBlank() ? "hybrid" : mode)));
  }

  /** A note's lines {@code from}..{@code to} (1-based, inclusive; 0 for the whole note), with what mnemo knows of it. */
  public Map<String, Object> note(String path, int from, int to) throws IOException {
    String resolved = graph().find(path).orElseThrow(() -> new IllegalArgumentException("no such note: " + path));
    Note n = graph().note(resolved).orElseThrow();
    SourceText t = text(resolved);
    if (t == null) {
      throw new IOException("cannot read " + resolved);
    }
    int a = from <= 0 ? 1 : Math.min(from, t.lineCount());
    int b = to <= 0 ? t.lineCount() : Math.min(Math.max(a, to), t.lineCount());
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("path", resolved);
    o.put("title", n.title());
    o.put("date", n.date() == null ? null : n.date().toString());
    o.put("tags", n.tags());
    o.put("lineCount", t.lineCount());
    o.put("startLine", a);
    o.put("endLine", b);
    List<Map<String, Object>> lines = new ArrayList<>();
    for (int i = a; i <= b; i++) {
      lines.add(Map.of("n", i, "text", t.line(i)));
    }
    o.put("lines", lines);
    o.put("raw", t.lines(a, b));
    return o;
  }

  public Related.Result related(String path, int line, int limit) throws IOException {
    String resolved = graph().find(path).orElseThrow(() -> new IllegalArgumentException("no such note: " + path));
    return Related.find(index, graph(), new Related.Source(resolved, line), limit);
  }

  /** Outgoing links, backlinks with their lines, unresolved links and unlinked mentions of a note. */
  public Map<String, Object> links(String path) throws IOException {
    LinkGraph g = graph();
    String resolved = g.find(path).orElseThrow(() -> new IllegalArgumentException("no such note: " + path));
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("path", resolved);
    List<LinkGraph.Edge> out = g.outgoing(resolved);
    o.put("outgoing", out.stream().filter(e -> e.to() != null).map(e -> link(e.line(), e.target(), e.to(), null)).toList());
    o.put("backlinks", g.backlinks(resolved).stream()
        .map(e -> link(e.line(), e.from(), e.from(), lineOf(e.from(), e.line()))).toList());
    o.put("unresolved", out.stream().filter(e -> e.to() == null).map(e -> link(e.line(), e.target(), null, null)).toList());
    o.put("unlinkedMentions", Mentions.unlinked(index, g, this::text, resolved, 50));
    return o;
  }

  private static Map<String, Object> link(int line, String name, String path, String text) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("line", line);
    m.put("name", name);
    m.put("path", path);
    if (text != null) {
      m.put("text", text);
    }
    return m;
  }

  public String lineOf(String path, int line) {
    SourceText t = text(path);
    return t == null || line < 1 || line > t.lineCount() ? "" : t.line(line).strip();
  }

  public Map<String, List<LinkGraph.Edge>> unresolved() throws IOException {
    return graph().unresolved();
  }

  /** Entries between two days (inclusive; null for open) and their counts per day, week or month. */
  public Map<String, Object> timeline(LocalDate from, LocalDate to, String per) throws IOException {
    List<Journal.Item> items = journal().between(from, to);
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("from", from == null ? null : from.toString());
    o.put("to", to == null ? null : to.toString());
    o.put("entries", items);
    o.put("per", per);
    o.put("counts", Journal.counts(items, per));
    return o;
  }

  /** {@code when} as a period (2023-08, last week, 去年...) for the timeline. */
  public DateRange period(String when) throws QuerySyntaxException {
    return SearchQuery.when(when, today()).orElse(DateRange.ALL);
  }

  /** The entry resurfaced for a day ({@code entry} null when the journal has nothing older) and its text. */
  public Map<String, Object> resurface(LocalDate day) throws IOException {
    LocalDate d = day == null ? today() : day;
    Journal.Item item = dev.mnemo.journal.ResurfaceHistory.pick(journal(), index.dir(), d);
    SourceText t = item == null ? null : text(item.path());
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("date", d.toString());
    o.put("entry", item);
    o.put("text", t == null ? null : t.lines(item.startLine(), Math.min(item.endLine(), t.lineCount())));
    return o;
  }

  public Journal.OnThisDay onThisDay(LocalDate day) throws IOException {
    return journal().onThisDay(day == null ? today() : day);
  }

  /** The weekly review draft for {@code 2025-W12} or a date in the week (null: this week). */
  public Map<String, Object> week(String week) throws IOException {
    LocalDate monday = WeekReview.monday(week == null || week.isBlank() ? today().toString() : week, today());
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("week", Journal.week(monday));
    o.put("from", monday.toString());
    o.put("to", monday.plusDays(6).toString());
    // The Mondays of the nearest weeks with entries on either side (null: none), to jump over empty weeks.
    Journal journal = journal();
    o.put("previous", journal.lastBefore(monday).map(d -> d.with(java.time.DayOfWeek.MONDAY).toString()).orElse(null));
    o.put("next", journal.firstAfter(monday.plusDays(6)).map(d -> d.with(java.time.DayOfWeek.MONDAY).toString()).orElse(null));
    o.put("markdown", WeekReview.draft(monday, journal, graph(), this::text, relatedFinder()));
    return o;
  }

  /** Older entries related in meaning, for the weekly review; null when the index has no vectors. */
  public WeekReview.RelatedFinder relatedFinder() throws IOException {
    if (Searcher.models(index) == null) {
      return null;
    }
    LinkGraph g = graph();
    return (path, line, before) -> {
      List<Journal.Item> out = new ArrayList<>();
      for (Hit h : Related.find(index, g, new Related.Source(path, line), 5).hits()) {
        if (h.date() != null && LocalDate.parse(h.date()).isBefore(before) && h.score() >= 0.5) {
          out.add(new Journal.Item(LocalDate.parse(h.date()), h.heading().isEmpty() ? h.title() : h.heading(), "",
              h.path(), h.startLine(), h.endLine()));
        }
      }
      return out;
    };
  }

  public Map<String, Object> stats() throws IOException {
    Map<String, Object> o = new LinkedHashMap<>();
    LinkGraph g = graph();
    o.put("vault", vault.root().toString());
    o.put("notes", g.notes().size());
    o.put("entries", journal().entries().size());
    o.put("chunks", chunkCount());
    o.put("links", g.notes().stream().mapToInt(n -> g.outgoing(n.path()).size()).sum());
    o.put("unresolved", g.unresolved().size());
    o.put("vectors", index.commitData().getOrDefault(NoteIndex.USER_VECTORS, ""));
    o.put("updated", index.commitData().get(NoteIndex.USER_UPDATED));
    return o;
  }

  private int chunkCount() throws IOException {
    IndexSearcher s = index.acquire();
    try {
      return s.count(new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(
          dev.mnemo.index.IndexSchema.KIND, dev.mnemo.index.IndexSchema.KIND_CHUNK)));
    } finally {
      index.release(s);
    }
  }
}
