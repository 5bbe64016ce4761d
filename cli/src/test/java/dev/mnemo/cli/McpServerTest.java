package dev.mnemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code mnemo mcp} process, driven over stdio by the MCP SDK's own client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpServerTest {
  Path tmp;
  Path vault;
  Path home;

  @BeforeAll
  void indexTheSampleVault(@TempDir Path dir) throws Exception {
    tmp = dir;
    vault = tmp.resolve("vault");
    home = tmp.resolve("home");
    copy(CliRun.sample(), vault);
    CliRun r = CliRun.run(home, "index", vault.toString());
    assertEquals(0, r.code(), r.toString());
  }

  static void copy(Path from, Path to) throws Exception {
    try (var s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  /** The command line of a real mnemo process on the test's class path. */
  List<String> command(String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), "dev.mnemo.cli.Mnemo"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  McpSyncClient client(String... extra) {
    List<String> cmd = command();
    List<String> args = new ArrayList<>(cmd.subList(1, cmd.size()));
    args.addAll(List.of("mcp", "--vault", vault.toString()));
    args.addAll(List.of(extra));
    ServerParameters params = ServerParameters.builder(cmd.get(0)).args(args).env(Map.of("MNEMO_HOME", home.toString())).build();
    McpSyncClient c = McpClient.sync(new StdioClientTransport(params, McpJsonDefaults.getMapper()))
        .requestTimeout(Duration.ofSeconds(60)).initializationTimeout(Duration.ofSeconds(60)).build();
    c.initialize();
    return c;
  }

  static String text(McpSchema.CallToolResult r) {
    return r.content().stream().map(c -> ((McpSchema.TextContent) c).text()).collect(Collectors.joining("\n"));
  }

  static McpSchema.CallToolResult call(McpSyncClient c, String tool, Map<String, Object> args) {
    return c.callTool(new McpSchema.CallToolRequest(tool, args));
  }

  @Test
  void everyToolAnswersOnTheSampleVaultCitingLines() throws Exception {
    McpSyncClient c = client();
    try {
      List<String> tools = c.listTools().tools().stream().map(McpSchema.Tool::name).sorted().toList();
      assertEquals(List.of("links", "on_this_day", "read_note", "related", "search", "timeline", "week_review"), tools);
      c.listTools().tools().forEach(t -> assertTrue(t.description().length() > 30 && t.inputSchema() != null, t.name()));

      McpSchema.CallToolResult search = call(c, "search", Map.of("query", "BBDown视频下载", "limit", 3));
      assertFalse(Boolean.TRUE.equals(search.isError()), text(search));
      String hit = text(search);
      String cite = hit.lines().filter(l -> l.startsWith("tools/")).findFirst().orElseThrow(() -> new AssertionError(hit));
      String span = cite.substring(cite.indexOf(".md:") + 4, cite.indexOf(' '));
      int start = Integer.parseInt(span.split("-")[0]);
      int end = Integer.parseInt(span.split("-")[1]);
      List<String> lines = Files.readAllLines(vault.resolve("tools/下载与调试工具.md"));
      assertTrue(String.join("\n", lines.subList(start - 1, end)).contains("BBDown"), cite);

      String note = text(call(c, "read_note", Map.of("path", "tools/下载与调试工具.md", "start_line", start, "end_line", end)));
      assertTrue(note.contains("BBDown") && note.contains(String.format("%5d  ", start)), note);

      assertTrue(text(call(c, "related", Map.of("path", "study/BERT.md"))).contains("Related to study/BERT.md"));
      assertTrue(text(call(c, "timeline", Map.of("when", "2025-03"))).contains("journal/2025-03-18.md:"));
      assertTrue(text(call(c, "on_this_day", Map.of("date", "2025-03-18"))).contains("journal/2024-03-18.md:"));
      String week = text(call(c, "week_review", Map.of("week", "2025-W12")));
      assertTrue(week.contains("# Week 2025-W12") && week.contains("[[journal/2025-03-18"), week);
      String links = text(call(c, "links", Map.of("path", "study/BERT.md")));
      assertTrue(links.contains("backlinks (3)") && links.contains("Sentence similarity"), links);
      assertTrue(text(call(c, "links", Map.of())).contains("Sentence similarity"));

      McpSchema.CallToolResult escape = call(c, "read_note", Map.of("path", "../../../etc/passwd"));
      assertTrue(escape.isError(), text(escape));
      McpSchema.CallToolResult huge = call(c, "search", Map.of("query", "x".repeat(100_000)));
      assertTrue(huge.isError(), "a huge argument is refused");
      assertFalse(Boolean.TRUE.equals(call(c, "search", Map.of("query", "跑步")).isError()), "and the server still serves");

      var resources = c.listResources().resources();
      assertTrue(resources.stream().anyMatch(r -> r.uri().equals("mnemo://note/study/BERT.md")));
      var read = c.readResource(new McpSchema.ReadResourceRequest("mnemo://note/study/BERT.md"));
      assertTrue(((McpSchema.TextResourceContents) read.contents().get(0)).text().startsWith("# BERT"));
    } finally {
      c.closeGracefully();
    }
  }

  @Test
  void writeToolsExistOnlyWhenAllowedAndNeverOverwrite() throws Exception {
    McpSyncClient c = client("--allow-writes");
    try {
      List<String> tools = c.listTools().tools().stream().map(McpSchema.Tool::name).toList();
      assertTrue(tools.contains("jot") && tools.contains("create_daily_note"));
      String made = text(call(c, "create_daily_note", Map.of()));
      Path today = vault.resolve("journal/" + java.time.LocalDate.now() + ".md");
      assertTrue(Files.exists(today), made);
      String before = Files.readString(today);
      assertTrue(text(call(c, "create_daily_note", Map.of())).startsWith("Exists already"));
      assertEquals(before, Files.readString(today));
      call(c, "jot", Map.of("text", "tested the MCP jot"));
      String after = Files.readString(today);
      assertTrue(after.startsWith(before) && after.contains("tested the MCP jot"));
    } finally {
      c.closeGracefully();
    }
  }

  @Test
  void malformedJsonGetsAProtocolErrorAndTheServerKeepsServing() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command("mcp", "--vault", vault.toString(), "--keyword-only"));
    pb.environment().put("MNEMO_HOME", tmp.resolve("home-kw").toString());
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n";
      String bad = "{not json at all\n[1,2\n\"just a string\"\n";
      String list = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
          + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n"
          + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"no_such_tool\",\"arguments\":{}}}\n"
          + "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"search\",\"arguments\":{\"query\":\"BERT\"}}}\n";
      in.write((init + bad + list).getBytes(StandardCharsets.UTF_8));
      in.flush();
      List<String> got = new ArrayList<>();
      while (got.stream().noneMatch(l -> l.contains("\"id\":4"))) {
        String line = out.readLine();
        if (line == null) {
          break;
        }
        got.add(line);
      }
      String all = String.join("\n", got);
      assertEquals(3, got.stream().filter(l -> l.contains("\"id\":null") && l.contains("\"error\"")).count(), all);
      assertTrue(all.contains("-32700"), all);
      assertTrue(got.stream().anyMatch(l -> l.contains("\"id\":3") && l.contains("\"error\"")), all);
      assertTrue(got.stream().anyMatch(l -> l.contains("\"id\":4") && l.contains("study/BERT.md")), all);
    } finally {
      p.destroy();
      p.waitFor();
    }
  }
}
