package dev.mnemo.mcp;

import dev.mnemo.journal.Journal;
import dev.mnemo.journal.LinkGraph;
import dev.mnemo.search.Hit;
import dev.mnemo.search.Related;
import dev.mnemo.search.Searcher;
import dev.mnemo.service.VaultService;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * mnemo's MCP server: tools that answer with {@code path:start-end} citations, notes as resources
 * ({@code mnemo://note/<path>}), read-only unless writes are allowed. Every answer stays within a
 * size budget and says how to get more, so an assistant's context is not flooded.
 */
public final class MnemoMcp {
  /** Characters an answer may take before it is cut (about 4,000 tokens). */
  static final int BUDGET = 16_000;
  static final String URI_PREFIX = "mnemo://note/";

  /** What a write tool does; only present when writes are allowed. */
  public interface Writer {
    String jot(String text) throws Exception;

    String createDailyNote(String template) throws Exception;
  }

  private final VaultService service;
  private final Writer writer;
  private final Runnable beforeEachCall;

  /**
   * @param writer null for a read-only server
   * @param beforeEachCall run before every tool call (for example to see the latest index)
   */
  public MnemoMcp(VaultService service, Writer writer, Runnable beforeEachCall) {
    this.service = service;
    this.writer = writer;
    this.beforeEachCall = beforeEachCall;
  }

  public McpSyncServer serve(McpServerTransportProvider transport) {
    return configure(McpServer.sync(transport));
  }

  public McpSyncServer serve(McpStreamableServerTransportProvider transport) {
    return configure(McpServer.sync(transport));
  }

  private McpSyncServer configure(McpServer.SyncSpecification<?> spec) {
    return spec.serverInfo("mnemo", version())
        .instructions("""
            mnemo searches the user's own notes and journals (English and Chinese) on their machine. Every hit \
            cites path:start-end; use read_note with start_line/end_line to read around a hit. Dates in queries: \
            after:2023-08-01 before:2023-09 date:2023-08, or the 'when' argument (2023-08, last week, 上周, 去年).""")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).build())
        .tools(tools())
        .resources(resources())
        .resourceTemplates(new McpServerFeatures.SyncResourceTemplateSpecification(
            McpSchema.ResourceTemplate.builder(URI_PREFIX + "{path}", "note")
                .description("A note of the vault by its vault-relative path (URL-encoded), as Markdown.")
                .mimeType("text/markdown").build(),
            (exchange, req) -> readResource(req.uri())))
        .build();
  }

  static String version() {
    String v = MnemoMcp.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0" : v;
  }

  // ---- tools ----

  private List<McpServerFeatures.SyncToolSpecification> tools() {
    List<McpServerFeatures.SyncToolSpecification> tools = new ArrayList<>();
    tools.add(tool("search", """
        Search the notes by words and meaning (hybrid by default). Query syntax: words, "exact phrase", \
        -excluded, tag:x, path:x, after:2023-08-01, before:2023-09, date:2023-08. Words that say when \
        (last week, 上周, 2023年8月) filter by date; a question only about a time ("what did I do last week", \
        上周做了什么) lists that time's entries. Returns hits as path:start-end with date, heading and a \
        snippet (matches in **bold**).""",
        schema(Map.of(
            "query", prop("string", "What to look for, with the query syntax."),
            "mode", Map.of("type", "string", "enum", List.of("hybrid", "keyword", "semantic"), "description", "How to rank (default hybrid)."),
            "limit", prop("integer", "How many hits, 1-50 (default 10)."),
            "when", prop("string", "Only entries of this period: 2023-08, August 2023, last week, 上周, 去年.")), List.of("query")),
        args -> search(args)));
    tools.add(tool("read_note", """
        Read a note, or lines start_line..end_line of it (1-based, inclusive), with line numbers. Use it to \
        read around a search hit. Paths are vault-relative; a note's title or file name works too.""",
        schema(Map.of(
            "path", prop("string", "Vault-relative path, file name or title."),
            "start_line", prop("integer", "First line (default 1)."),
            "end_line", prop("integer", "Last line (default: as much as fits).")), List.of("path")),
        args -> readNote(args)));
    tools.add(tool("related", """
        Entries elsewhere in the vault closest in meaning to a note, or to the entry around one of its lines; \
        notes it already links to are left out.""",
        schema(Map.of(
            "path", prop("string", "The note."),
            "line", prop("integer", "A line in it, to relate only that entry (optional)."),
            "limit", prop("integer", "How many (default 8).")), List.of("path")),
        args -> related(args)));
    tools.add(tool("timeline", "Dated journal entries in time order, with first lines and locations.",
        schema(Map.of(
            "from", prop("string", "First day, ISO (optional)."),
            "to", prop("string", "Last day, ISO (optional)."),
            "when", prop("string", "A period instead: 2023-08, last month, 去年."),
            "limit", prop("integer", "At most this many entries, newest last (default 100).")), List.of()),
        args -> timeline(args)));
    tools.add(tool("on_this_day", "What the user wrote on this day in earlier years, then the same week, then the same day of earlier months.",
        schema(Map.of("date", prop("string", "The day, ISO (default today).")), List.of()),
        args -> onThisDay(args)));
    tools.add(tool("week_review", "A Markdown draft reviewing one week: entries day by day with their lines, tasks, plans and follow-up, links, related older notes.",
        schema(Map.of("week", prop("string", "2025-W12, 2025年第12周, a date in the week, or last week / 上周 (default this week).")), List.of()),
        args -> weekReview(args)));
    tools.add(tool("links", "A note's outgoing links, backlinks with the linking line, unresolved links and unlinked mentions; without a path, every unresolved link in the vault.",
        schema(Map.of("path", prop("string", "The note (optional).")), List.of()),
        args -> links(args)));
    if (writer != null) {
      tools.add(tool("jot", "Append a timestamped line to today's daily note (created from its template if needed). Never overwrites.",
          schema(Map.of("text", prop("string", "What to note.")), List.of("text")),
          args -> text(writer.jot(string(args, "text", null)))));
      tools.add(tool("create_daily_note", "Create today's daily note from a template; if it exists it is left as it is.",
          schema(Map.of("template", prop("string", "journal or reading, or a template of the vault (optional).")), List.of()),
          args -> text(writer.createDailyNote(string(args, "template", null)))));
    }
    return tools;
  }

  @FunctionalInterface
  private interface Handler {
    McpSchema.CallToolResult call(Map<String, Object> args) throws Exception;
  }

  private McpServerFeatures.SyncToolSpecification tool(String name, String description, Map<String, Object> schema,
      Handler handler) {
    McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(description).inputSchema(schema).build();
    return McpServerFeatures.SyncToolSpecification.builder().tool(tool).callHandler((exchange, req) -> {
      try {
        beforeEachCall.run();
        return handler.call(req.arguments() == null ? Map.of() : req.arguments());
      } catch (Exception | StackOverflowError e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return McpSchema.CallToolResult.builder().addTextContent("error: " + msg).isError(true).build();
      }
    }).build();
  }

  private static Map<String, Object> schema(Map<String, Object> props, List<String> required) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "object");
    s.put("properties", props);
    s.put("required", required);
    s.put("additionalProperties", false);
    return s;
  }

  private static Map<String, Object> prop(String type, String description) {
    return Map.of("type", type, "description", description);
  }

  static String string(Map<String, Object> args, String key, String fallback) {
    Object v = args.get(key);
    if (v == null) {
      return fallback;
    }
    String s = v.toString();
    if (s.length() > 4000) {
      throw new IllegalArgumentException(key + " is too long (" + s.length() + " characters; at most 4000)");
    }
    return s;
  }

  static int integer(Map<String, Object> args, String key, int fallback, int min, int max) {
    Object v = args.get(key);
    if (v == null) {
      return fallback;
    }
    int n;
    try {
      n = v instanceof Number num ? num.intValue() : Integer.parseInt(v.toString().strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got " + v);
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + n);
    }
    return n;
  }

  private static McpSchema.CallToolResult text(String s) {
    return McpSchema.CallToolResult.builder().addTextContent(s).build();
  }

  /** Cuts at the budget, on a line boundary, saying what was left out and how to get it. */
  static String budget(String s, String howToGetMore) {
    if (s.length() <= BUDGET) {
      return s;
    }
    int cut = s.lastIndexOf('\n', BUDGET);
    cut = cut < BUDGET / 2 ? BUDGET : cut;
    return s.substring(0, cut) + "\n\n[truncated: " + (s.length() - cut) + " more characters. " + howToGetMore + "]";
  }

  private McpSchema.CallToolResult search(Map<String, Object> args) throws Exception {
    String q = string(args, "query", "");
    int limit = integer(args, "limit", 10, 1, 50);
    Searcher.Results r = service.search(q, string(args, "when", null), limit, 2, string(args, "mode", "hybrid"));
    StringBuilder sb = new StringBuilder();
    sb.append(r.hits().size()).append(" hits for ").append(q).append(" (").append(r.mode()).append(")\n");
    if (!r.notice().isEmpty()) {
      sb.append(r.notice()).append('\n');
    }
    for (Hit h : r.hits()) {
      sb.append('\n').append(h.location());
      if (h.date() != null) {
        sb.append("  ").append(h.date());
      }
      String where = h.heading().isEmpty() ? h.title() : h.heading();
      if (!where.isEmpty()) {
        sb.append("  ").append(where);
      }
      sb.append(String.format(Locale.ROOT, "  (score %.3f)", h.score())).append('\n').append(h.snippet()).append('\n');
    }
    if (r.hits().isEmpty()) {
      sb.append("\nNo hits. Try other words, the other language, or mode semantic.\n");
    }
    return McpSchema.CallToolResult.builder()
        .addTextContent(budget(sb.toString(), "Ask for fewer hits or read one with read_note."))
        .build();
  }

  @SuppressWarnings("unchecked")
  private McpSchema.CallToolResult readNote(Map<String, Object> args) throws Exception {
    String path = string(args, "path", null);
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("path is required");
    }
    int from = integer(args, "start_line", 1, 1, Integer.MAX_VALUE);
    int to = integer(args, "end_line", 0, 0, Integer.MAX_VALUE);
    Map<String, Object> note = service.note(path, from, to);
    StringBuilder sb = new StringBuilder();
    int last = from - 1;
    sb.append(note.get("path")).append(':').append(note.get("startLine")).append('-').append(note.get("endLine"))
        .append(" of ").append(note.get("lineCount")).append(" lines — ").append(note.get("title")).append('\n');
    for (Map<String, Object> line : (List<Map<String, Object>>) note.get("lines")) {
      String l = String.format(Locale.ROOT, "%5d  %s%n", (Integer) line.get("n"), line.get("text"));
      if (sb.length() + l.length() > BUDGET) {
        sb.append("\n[truncated at line ").append(last).append(". Continue with start_line=").append(last + 1).append("]\n");
        break;
      }
      sb.append(l);
      last = (Integer) line.get("n");
    }
    return text(sb.toString());
  }

  private McpSchema.CallToolResult related(Map<String, Object> args) throws Exception {
    Related.Result r = service.related(string(args, "path", ""), integer(args, "line", 0, 0, Integer.MAX_VALUE),
        integer(args, "limit", 8, 1, 30));
    StringBuilder sb = new StringBuilder("Related to " + r.path() + ":" + r.startLine() + "-" + r.endLine() + "\n");
    for (Hit h : r.hits()) {
      sb.append('\n').append(h.location()).append(h.date() == null ? "" : "  " + h.date())
          .append(String.format(Locale.ROOT, "  (similarity %.2f)", h.score())).append('\n').append(h.snippet()).append('\n');
    }
    if (r.hiddenLinked() > 0) {
      sb.append("\n(").append(r.hiddenLinked()).append(" notes already linked left out)\n");
    }
    return text(budget(sb.toString(), "Ask for a smaller limit."));
  }

  private McpSchema.CallToolResult timeline(Map<String, Object> args) throws Exception {
    LocalDate from = date(string(args, "from", null));
    LocalDate to = date(string(args, "to", null));
    String when = string(args, "when", null);
    if (when != null) {
      var range = service.period(when);
      from = range.from();
      to = range.to() == null ? null : range.to().minusDays(1);
    }
    int limit = integer(args, "limit", 100, 1, 1000);
    List<Journal.Item> items = service.journal().between(from, to);
    StringBuilder sb = new StringBuilder(items.size() + " entries\n");
    int skip = Math.max(0, items.size() - limit);
    if (skip > 0) {
      sb.append("(the oldest ").append(skip).append(" left out; narrow with from/to or raise limit)\n");
    }
    for (Journal.Item i : items.subList(skip, items.size())) {
      sb.append(i.date()).append("  ").append(i.location()).append(i.title().isBlank() ? "" : "  " + i.title())
          .append(i.firstLine().isBlank() ? "" : "\n    " + i.firstLine()).append('\n');
    }
    return text(budget(sb.toString(), "Narrow the period with from/to or when."));
  }

  private LocalDate date(String s) {
    return s == null || s.isBlank() ? null : dev.mnemo.search.DateRange.day(s, service.today());
  }

  private McpSchema.CallToolResult onThisDay(Map<String, Object> args) throws Exception {
    Journal.OnThisDay d = service.onThisDay(date(string(args, "date", null)));
    StringBuilder sb = new StringBuilder("On this day, " + d.date() + "\n");
    section(sb, "Same day in earlier years", d.sameDay());
    section(sb, "Same week in earlier years", d.sameWeek());
    section(sb, "Same day of earlier months", d.sameDayOfMonth());
    return text(budget(sb.toString(), "Use timeline for a narrower period."));
  }

  private static void section(StringBuilder sb, String title, List<Journal.Item> items) {
    sb.append('\n').append(title).append(" (").append(items.size()).append(")\n");
    for (Journal.Item i : items) {
      sb.append("  ").append(i.date()).append("  ").append(i.location()).append(i.title().isBlank() ? "" : "  " + i.title())
          .append(i.firstLine().isBlank() ? "" : "\n      " + i.firstLine()).append('\n');
    }
  }

  private McpSchema.CallToolResult weekReview(Map<String, Object> args) throws Exception {
    Map<String, Object> w = service.week(string(args, "week", null));
    return text(budget((String) w.get("markdown"), "Read the cited lines with read_note."));
  }

  @SuppressWarnings("unchecked")
  private McpSchema.CallToolResult links(Map<String, Object> args) throws Exception {
    String path = string(args, "path", null);
    StringBuilder sb = new StringBuilder();
    if (path == null || path.isBlank()) {
      Map<String, List<LinkGraph.Edge>> all = service.unresolved();
      sb.append(all.size()).append(" link targets that do not exist yet\n");
      all.forEach((target, edges) -> {
        sb.append('\n').append(target).append('\n');
        edges.forEach(e -> sb.append("  ").append(e.from()).append(':').append(e.line()).append('\n'));
      });
      return text(budget(sb.toString(), "Ask about one note with path."));
    }
    Map<String, Object> o = service.links(path);
    sb.append(o.get("path")).append('\n');
    for (String key : List.of("outgoing", "backlinks", "unresolved")) {
      List<Map<String, Object>> list = (List<Map<String, Object>>) o.get(key);
      sb.append('\n').append(key).append(" (").append(list.size()).append(")\n");
      for (Map<String, Object> m : list) {
        sb.append("  L").append(m.get("line")).append("  ").append(m.get("name"))
            .append(m.get("path") != null && !m.get("path").equals(m.get("name")) ? " -> " + m.get("path") : "")
            .append(m.get("text") != null ? "  | " + m.get("text") : "").append('\n');
      }
    }
    var mentions = (List<dev.mnemo.journal.Mentions.Mention>) o.get("unlinkedMentions");
    sb.append("\nunlinked mentions (").append(mentions.size()).append(")\n");
    mentions.forEach(m -> sb.append("  ").append(m.path()).append(':').append(m.line()).append("  | ").append(m.text()).append('\n'));
    return text(budget(sb.toString(), "Read a linking note with read_note."));
  }

  // ---- resources ----

  private List<McpServerFeatures.SyncResourceSpecification> resources() {
    List<McpServerFeatures.SyncResourceSpecification> out = new ArrayList<>();
    try {
      for (var n : service.graph().notes()) {
        String uri = URI_PREFIX + encode(n.path());
        out.add(new McpServerFeatures.SyncResourceSpecification(
            McpSchema.Resource.builder().uri(uri).name(n.path()).title(n.title()).mimeType("text/markdown").build(),
            (exchange, req) -> readResource(req.uri())));
        if (out.size() >= 5000) {
          break;
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  private McpSchema.ReadResourceResult readResource(String uri) {
    if (!uri.startsWith(URI_PREFIX)) {
      throw new IllegalArgumentException("not a mnemo note: " + uri);
    }
    String path = java.net.URLDecoder.decode(uri.substring(URI_PREFIX.length()).replace("+", "%2B"),
        java.nio.charset.StandardCharsets.UTF_8);
    try {
      beforeEachCall.run();
      String resolved = service.graph().note(path).map(n -> n.path())
          .orElseThrow(() -> new IllegalArgumentException("no such note in the vault: " + path));
      var t = service.text(resolved);
      if (t == null) {
        throw new IllegalArgumentException("cannot read " + resolved);
      }
      return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(uri, "text/markdown", t.text())));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String encode(String path) {
    StringBuilder sb = new StringBuilder();
    for (String part : path.split("/")) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(java.net.URLEncoder.encode(part, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return sb.toString();
  }
}
