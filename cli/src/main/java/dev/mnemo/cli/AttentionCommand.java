package dev.mnemo.cli;

import dev.mnemo.encoder.Encoder;
import dev.mnemo.encoder.EncoderModel;
import dev.mnemo.json.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "attention",
    description = {"Show who attends to whom inside the encoder, for one layer and head.",
        "Rows are the attending tokens (queries), columns the attended ones (keys); each row sums to 1.",
        "Shading: ' ' < .05 <= '.' < .1 <= ':' < .2 <= '+' < .35 <= '*' < .5 <= '#'."})
final class AttentionCommand implements Callable<Integer> {
  private static final String SHADES = " .:+*#";
  private static final double[] STEPS = {0.05, 0.1, 0.2, 0.35, 0.5};

  @Spec
  CommandSpec spec;

  @Option(names = "--model", paramLabel = "M", converter = ModelOption.class,
      description = "Encoder model: " + ModelOption.NAMES + " (default: bge-small-zh-v15).")
  EncoderModel model = EncoderModel.BGE_SMALL_ZH;

  @Option(names = "--layer", paramLabel = "L", description = "Layer, 1-based (default: the last).")
  Integer layer;

  @Option(names = "--head", paramLabel = "H", description = "Head, 1-based (default: 1).")
  int head = 1;

  @Option(names = "--json", description = "Print tokens and every layer's and head's matrix as JSON.")
  boolean json;

  @Parameters(paramLabel = "TEXT", arity = "1..*", description = "The sentence.")
  String[] words;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Encoder encoder = Encoder.load(model);
    Encoder.Attention a = encoder.attention(String.join(" ", words));
    int l = layer == null ? a.layers() : layer;
    if (l < 1 || l > a.layers()) {
      throw new IllegalArgumentException("--layer must be between 1 and " + a.layers());
    }
    if (head < 1 || head > a.heads()) {
      throw new IllegalArgumentException("--head must be between 1 and " + a.heads());
    }
    if (json) {
      out.println(Json.write(toJson(a)));
      return ExitCode.OK;
    }
    List<String> tokens = a.tokens();
    int n = tokens.size();
    int width = Math.min(16, tokens.stream().mapToInt(AttentionCommand::displayWidth).max().orElse(1));
    out.printf("%s: layer %d of %d, head %d of %d, %d tokens%n", model.name(), l, a.layers(), head, a.heads(), n);
    for (int i = 0; i < n; i++) {
      out.printf("%3d %s ", i, pad(tokens.get(i), width));
      StringBuilder row = new StringBuilder();
      int best = 0;
      for (int j = 0; j < n; j++) {
        float w = a.weight(l - 1, head - 1, i, j);
        row.append(shade(w));
        if (w > a.weight(l - 1, head - 1, i, best)) {
          best = j;
        }
      }
      out.printf("|%s|  -> %s %.2f%n", row, tokens.get(best), a.weight(l - 1, head - 1, i, best));
    }
    return ExitCode.OK;
  }

  static Map<String, Object> toJson(Encoder.Attention a) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("tokens", a.tokens());
    o.put("layers", a.layers());
    o.put("heads", a.heads());
    o.put("weights", a.weights());
    return o;
  }

  private static char shade(float w) {
    int s = 0;
    while (s < STEPS.length && w >= STEPS[s]) {
      s++;
    }
    return SHADES.charAt(s);
  }

  /** Columns a token takes on a terminal: CJK characters are two wide. */
  static int displayWidth(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      w += Character.isIdeographic(cp) || (cp >= 0xFF00 && cp <= 0xFF60) ? 2 : 1;
      i += Character.charCount(cp);
    }
    return w;
  }

  private static String pad(String token, int width) {
    String t = token;
    while (displayWidth(t) > width) {
      t = t.substring(0, t.length() - 1);
    }
    return t + " ".repeat(width - displayWidth(t));
  }
}
