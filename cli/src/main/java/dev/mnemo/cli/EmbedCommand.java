package dev.mnemo.cli;

import dev.mnemo.encoder.Encoder;
import dev.mnemo.encoder.EncoderModel;
import dev.mnemo.json.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "embed",
    description = {"Print the sentence vector our encoder gives a text.",
        "The vector is L2-normalized; --query adds the model's query prefix."})
final class EmbedCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", paramLabel = "M", converter = ModelOption.class,
      description = "Encoder model: " + ModelOption.NAMES + " (default: bge-small-zh-v15).")
  EncoderModel model = EncoderModel.BGE_SMALL_ZH;

  @Option(names = "--query", description = "Embed the text as a search query (with the model's query prefix).")
  boolean query;

  @Option(names = "--json", description = "Print one JSON object with model, dim, tokens and vector.")
  boolean json;

  @Parameters(paramLabel = "TEXT", arity = "1..*", description = "The text (several words are joined with spaces).")
  String[] words;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    String text = String.join(" ", words);
    Encoder encoder = Encoder.load(model);
    float[] v = query ? encoder.embedQuery(text) : encoder.embedPassage(text);
    int tokens = encoder.tokenizer().encode(text).length();
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("model", model.name());
      o.put("dim", v.length);
      o.put("tokens", tokens);
      o.put("vector", v);
      out.println(Json.write(o));
    } else {
      out.printf("# %s, %d dimensions, %d tokens%n", model.name(), v.length, tokens);
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < v.length; i++) {
        line.append(String.format(java.util.Locale.ROOT, "%9.6f", v[i]));
        if (i % 8 == 7 || i == v.length - 1) {
          out.println(line.toString().stripLeading());
          line.setLength(0);
        } else {
          line.append(' ');
        }
      }
    }
    return ExitCode.OK;
  }
}
