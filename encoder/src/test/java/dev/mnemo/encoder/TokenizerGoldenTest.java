package dev.mnemo.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our WordPiece against the reference Hugging Face tokenizer (through DJL), id for id. */
class TokenizerGoldenTest {
  /** Special tokens such as [CLS] are matched before normalization, so they keep their case. */
  private static final java.util.regex.Pattern SPECIAL = java.util.regex.Pattern.compile("\\[(cls|sep|mask|unk|pad)]");

  @TempDir
  static Path tmp;

  static Stream<EncoderModel> models() {
    return Stream.of(EncoderModel.BGE_SMALL_ZH, EncoderModel.BGE_SMALL_EN, EncoderModel.MINILM_Q, EncoderModel.E5_SMALL_Q);
  }

  @ParameterizedTest
  @MethodSource("models")
  void sameIdsAsTheReference(EncoderModel model) throws Exception {
    String json = model.tokenizerJson();
    Tokenizer ours = Tokenizer.fromJson(json, 512);
    Path file = tmp.resolve(model.name() + ".json");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    List<String> inputs = GoldenInputs.all(true);
    assertTrue(inputs.size() >= 50, "at least 50 inputs");
    try (HuggingFaceTokenizer ref = HuggingFaceTokenizer.builder().optTokenizerPath(file).optAddSpecialTokens(true)
        .optTruncation(true).optMaxLength(ours.maxLength()).optPadding(false).build()) {
      int unkOurs = 0;
      int unkReference = 0;
      for (String text : inputs) {
        // A vocabulary without capitals gets lower-cased input: compare with the reference on lower-cased text.
        // Special tokens such as [CLS] are matched before normalization, so they keep their case.
        String refInput = text;
        if (ours.lowercaseCorrected()) {
          refInput = SPECIAL.matcher(text.toLowerCase(Locale.ROOT))
              .replaceAll(m -> "[" + m.group(1).toUpperCase(Locale.ROOT) + "]");
        }
        long[] expected = ref.encode(refInput).getIds();
        int[] actual = ours.encode(text).ids();
        assertArrayEquals(expected, Arrays.stream(actual).asLongStream().toArray(),
            () -> model.name() + " differs on: " + text + "\n ours " + ours.encode(text).tokens());
        unkOurs += Arrays.stream(actual).filter(id -> ours.token(id).equals("[UNK]")).count();
        unkReference += Arrays.stream(ref.encode(text).getIds()).filter(id -> ours.token((int) id).equals("[UNK]")).count();
      }
      // bge-small-zh's file says lowercase: false over a lower-case vocabulary (with markers like <S>).
      assertEquals(model.name().startsWith("bge-small-zh"), ours.lowercaseCorrected(), model.name());
      if (ours.lowercaseCorrected()) {
        assertTrue(unkOurs < unkReference, "lower-casing must remove [UNK]s: " + unkOurs + " vs " + unkReference);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void truncatesToTheModelsLengthAndSaysSo(EncoderModel model) throws Exception {
    Tokenizer t = Tokenizer.fromJson(model.tokenizerJson(), 512);
    Tokenizer.Encoding long_ = t.encode("word ".repeat(2000));
    assertEquals(t.maxLength(), long_.length());
    assertTrue(long_.truncated());
    assertEquals("[CLS]", long_.tokens().get(0));
    assertEquals("[SEP]", long_.tokens().get(long_.length() - 1));
    assertFalse(t.encode("short").truncated());
    assertEquals(2000, t.count("word ".repeat(2000)));
  }
}
