package dev.mnemo.semantic;

import dev.mnemo.encoder.EncoderModel;

/**
 * One encoder model's vectors in the index: the Lucene field they live in and the language of the
 * chunks (and queries) routed to it ({@code null}: every chunk).
 */
public record VectorSpace(EncoderModel model, String field, Language language) {
  public static VectorSpace of(EncoderModel model, Language language) {
    return new VectorSpace(model, "vec_" + model.name().replace('-', '_'), language);
  }

  /** The field of the sentence windows' vectors (the chunk's own field holds their normalized mean). */
  public String windowField() {
    return field + "_w";
  }

  /** The text as this space's encoder reads it: Traditional Chinese as simplified for the Chinese model. */
  public String input(String text) {
    return model.language().equals("zh") ? Bilingual.get().toSimplified(text) : text;
  }

  /** Whether a text of this language goes to this space. */
  public boolean serves(Language text) {
    return language == null || text == Language.MIXED || text == language;
  }
}
