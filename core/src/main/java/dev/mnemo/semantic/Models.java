package dev.mnemo.semantic;

import dev.mnemo.encoder.EncoderModel;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The encoder models an index uses. The default, {@code auto}, routes by language: Chinese and mixed
 * chunks to bge-small-zh, English and mixed ones to bge-small-en, and a query to the model (or both)
 * of its own script. Measured on bilingual notes, no single available model serves both languages;
 * see the README's ranking section. Any one built-in model may be chosen instead.
 */
public record Models(String name, List<VectorSpace> spaces) {
  public static final String AUTO = "auto";

  public static Models auto() {
    return new Models(AUTO, List.of(
        VectorSpace.of(EncoderModel.BGE_SMALL_ZH, Language.ZH),
        VectorSpace.of(EncoderModel.BGE_SMALL_EN, Language.EN)));
  }

  public static Models single(EncoderModel model) {
    return new Models(model.name(), List.of(VectorSpace.of(model, null)));
  }

  /** {@code auto} or a built-in model's short name. */
  public static Optional<Models> named(String name) {
    if (name.equalsIgnoreCase(AUTO)) {
      return Optional.of(auto());
    }
    return EncoderModel.named(name).map(Models::single);
  }

  public static String choices() {
    return AUTO + ", " + EncoderModel.BUILTIN.stream().map(EncoderModel::name).collect(Collectors.joining(", "));
  }

  /** The spaces a text of this language is embedded in (at least one). */
  public List<VectorSpace> route(Language language) {
    List<VectorSpace> out = spaces.stream().filter(s -> s.serves(language)).toList();
    return out.isEmpty() ? spaces : out;
  }
}
