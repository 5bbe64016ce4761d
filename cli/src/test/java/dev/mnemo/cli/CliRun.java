package dev.mnemo.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import picocli.CommandLine;

/** Runs the CLI in-process through picocli, capturing exit code and output, as a person would run it. */
record CliRun(int code, String out, String err) {
  static final Clock CLOCK = Clock.fixed(LocalDate.of(2025, 3, 20).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

  static CliRun run(Path home, String... args) {
    CommandLine cmd = Mnemo.commandLine(Map.of("MNEMO_HOME", home.toString()), CLOCK);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  static Path sample() {
    String repo = System.getProperty("mnemo.repo");
    return (repo != null ? Path.of(repo) : Path.of("..")).resolve("examples/vault").toAbsolutePath().normalize();
  }

  @Override
  public String toString() {
    return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
  }
}
