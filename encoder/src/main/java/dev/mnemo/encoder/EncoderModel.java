package dev.mnemo.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A sentence-encoder model: where its ONNX file and {@code tokenizer.json} are, how its token vectors
 * become one sentence vector, and what it wants in front of queries and passages.
 *
 * <p>The built-in models are read from the classpath, from the LangChain4j embedding jars that
 * ship them (only the files are used, none of their code).
 *
 * @param name the short name used on the command line
 * @param onnx classpath resource or file of the ONNX model
 * @param tokenizer classpath resource or file of the tokenizer.json
 * @param pooling how token vectors become a sentence vector
 * @param queryPrefix text put in front of a query before encoding
 * @param passagePrefix text put in front of a passage before encoding
 * @param fromClasspath whether the two files are classpath resources (else paths)
 * @param language the language the model serves best: "zh", "en", or "any"
 */
public record EncoderModel(String name, String onnx, String tokenizer, Pooling pooling, String queryPrefix,
    String passagePrefix, boolean fromClasspath, String language) {

  /** How a sentence vector is made from the last layer's token vectors. */
  public enum Pooling {
    /** The vector of the first token, [CLS] (bge). */
    CLS,
    /** The mean of the vectors of all real tokens (MiniLM, e5). */
    MEAN
  }

  private static final String BGE_ZH_QUERY = "为这个句子生成表示以用于检索相关文章：";
  private static final String BGE_EN_QUERY = "Represent this sentence for searching relevant passages: ";

  public static final EncoderModel BGE_SMALL_ZH = builtin("bge-small-zh-v15", "bge-small-zh-v1.5", Pooling.CLS, BGE_ZH_QUERY, "", "zh");
  public static final EncoderModel BGE_SMALL_ZH_Q = builtin("bge-small-zh-v15-q", "bge-small-zh-v1.5-q", Pooling.CLS, BGE_ZH_QUERY, "", "zh");
  public static final EncoderModel BGE_SMALL_EN = builtin("bge-small-en-v15", "bge-small-en-v1.5", Pooling.CLS, BGE_EN_QUERY, "", "en");
  public static final EncoderModel BGE_SMALL_EN_Q = builtin("bge-small-en-v15-q", "bge-small-en-v1.5-q", Pooling.CLS, BGE_EN_QUERY, "", "en");
  public static final EncoderModel MINILM_Q = builtin("all-minilm-l6-v2-q", "all-minilm-l6-v2-q", Pooling.MEAN, "", "", "en");
  public static final EncoderModel E5_SMALL_Q = builtin("e5-small-v2-q", "e5-small-v2-q", Pooling.MEAN, "query: ", "passage: ", "en");

  public static final List<EncoderModel> BUILTIN = List.of(BGE_SMALL_ZH, BGE_SMALL_ZH_Q, BGE_SMALL_EN, BGE_SMALL_EN_Q, MINILM_Q, E5_SMALL_Q);

  private static EncoderModel builtin(String name, String file, Pooling pooling, String query, String passage, String lang) {
    return new EncoderModel(name, file + ".onnx", file + "-tokenizer.json", pooling, query, passage, true, lang);
  }

  /** A built-in model by its short name. */
  public static Optional<EncoderModel> named(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return BUILTIN.stream().filter(m -> m.name().equals(n)).findFirst();
  }

  /** A local BERT-family ONNX file and its tokenizer.json. */
  public static EncoderModel local(Path onnx, Path tokenizer, Pooling pooling, String queryPrefix, String passagePrefix) {
    String stem = onnx.getFileName().toString().replaceFirst("\\.onnx$", "");
    return new EncoderModel(stem, onnx.toString(), tokenizer.toString(), pooling, queryPrefix, passagePrefix, false, "any");
  }

  /** Whether the model's files can be found (built-in jars on the classpath, or local files). */
  public boolean available() {
    if (!fromClasspath) {
      return Files.isRegularFile(Path.of(onnx)) && Files.isRegularFile(Path.of(tokenizer));
    }
    return EncoderModel.class.getClassLoader().getResource(onnx) != null;
  }

  /** Whether its weights are 8-bit quantized (a name ending in {@code -q}). */
  public boolean quantized() {
    return name.endsWith("-q");
  }

  byte[] onnxBytes() throws IOException {
    return read(onnx);
  }

  String tokenizerJson() throws IOException {
    return new String(read(tokenizer), StandardCharsets.UTF_8);
  }

  private byte[] read(String resource) throws IOException {
    if (!fromClasspath) {
      return Files.readAllBytes(Path.of(resource));
    }
    try (InputStream in = EncoderModel.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("model file " + resource + " is not on the classpath (is the model's jar missing?)");
      }
      return in.readAllBytes();
    }
  }
}
