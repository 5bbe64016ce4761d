package dev.mnemo.cli;

import dev.mnemo.encoder.EncoderModel;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** Turns a {@code --model} name into a built-in encoder model, listing the choices when it is unknown. */
final class ModelOption implements CommandLine.ITypeConverter<EncoderModel> {
  static final String NAMES = "bge-small-zh-v15, bge-small-zh-v15-q, bge-small-en-v15, bge-small-en-v15-q, "
      + "all-minilm-l6-v2-q, e5-small-v2-q";

  @Override
  public EncoderModel convert(String value) {
    return EncoderModel.named(value).orElseThrow(() -> new CommandLine.TypeConversionException(
        "unknown model '" + value + "'; choose one of "
            + EncoderModel.BUILTIN.stream().map(EncoderModel::name).collect(Collectors.joining(", "))));
  }
}
