package dev.mnemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official MCP inspector (npm {@code @modelcontextprotocol/inspector}, CLI mode) as an
 * independent client: it lists mnemo's tools and calls one. {@code .ci/run} installs it with
 * {@code npm ci} in {@code cli/src/test/inspector}; without it the test is skipped.
 */
class InspectorTest {
  static final Path INSPECTOR = Path.of(System.getProperty("mnemo.repo", ".."))
      .resolve("cli/src/test/inspector/node_modules/.bin/mcp-inspector");

  @TempDir
  Path tmp;

  String run(Path vault, Path home, String... method) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(INSPECTOR.toString(), "--cli",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules", "jdk.incubator.vector",
        "-cp", System.getProperty("java.class.path"), "dev.mnemo.cli.Mnemo", "mcp", "--vault", vault.toString(),
        "--keyword-only"));
    cmd.addAll(List.of(method));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
    pb.environment().put("MNEMO_HOME", home.toString());
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  @Test
  void theInspectorListsAndCallsMnemosTools() throws Exception {
    assumeTrue(Files.isExecutable(INSPECTOR), "the MCP inspector is not installed (npm ci in cli/src/test/inspector)");
    Path vault = tmp.resolve("vault");
    McpServerTest.copy(CliRun.sample(), vault);
    Path home = tmp.resolve("home");
    String tools = run(vault, home, "--method", "tools/list");
    for (String name : List.of("\"search\"", "\"read_note\"", "\"related\"", "\"timeline\"", "\"on_this_day\"",
        "\"week_review\"", "\"links\"")) {
      assertTrue(tools.contains(name), name + " in " + tools);
    }
    assertTrue(!tools.contains("\"jot\""), "no write tool without --allow-writes");
    String hit = run(vault, home, "--method", "tools/call", "--tool-name", "search", "--tool-arg", "query=BBDown");
    assertTrue(hit.contains("tools/下载与调试工具.md:"), hit);
  }
}
