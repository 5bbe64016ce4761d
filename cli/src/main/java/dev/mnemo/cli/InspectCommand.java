package dev.mnemo.cli;

import dev.mnemo.json.Json;
import dev.mnemo.vault.Note;
import dev.mnemo.vault.NoteOutline;
import dev.mnemo.vault.NoteParser;
import dev.mnemo.vault.SourceText;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "inspect",
    description = {"Show how mnemo reads one note.",
        "Title, dates, entries, links, tags, tasks and chunks, each with its lines."})
final class InspectCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A Markdown or text file.")
  Path file;

  @Option(names = "--json", description = "Print the parsed note as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    Note note = new NoteParser().parse(file.getFileName().toString(), SourceText.decode(bytes));
    if (json) {
      out.println(Json.write(note));
    } else {
      NoteOutline.of(note).forEach(out::println);
    }
    return ExitCode.OK;
  }
}
