package dev.mnemo.encoder;

/** A model file that cannot be read, or does not hold the weights a BERT encoder needs. */
public final class ModelFormatException extends RuntimeException {
  public ModelFormatException(String message) {
    super(message);
  }
}
