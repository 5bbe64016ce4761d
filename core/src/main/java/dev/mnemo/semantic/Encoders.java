package dev.mnemo.semantic;

import dev.mnemo.encoder.Encoder;
import dev.mnemo.encoder.EncoderModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;

/** Loaded encoders, one per model for the life of the process: loading takes a second, using is cheap. */
public final class Encoders {
  private static final ConcurrentHashMap<EncoderModel, Encoder> LOADED = new ConcurrentHashMap<>();

  private Encoders() {}

  /** Whether the model is loaded already (a call to {@link #get} would return at once). */
  public static boolean loaded(EncoderModel model) {
    return LOADED.containsKey(model);
  }

  public static Encoder get(EncoderModel model) {
    return LOADED.computeIfAbsent(model, m -> {
      try {
        return Encoder.load(m);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load encoder " + m.name() + ": " + e.getMessage(), e);
      }
    });
  }
}
