package dev.mnemo.progress;

/**
 * How long work reports how far it has got. The CLI draws it as a bar with counts, rate and ETA on
 * a terminal; the web UI shows it as a status line; {@code --json} runs use {@link #NONE}.
 * Implementations must tolerate calls from several threads.
 */
public interface Progress {
  /** A phase begins: what it does, how many units it has (-1 if not known), and what a unit is. */
  void begin(String phase, long total, String unit);

  /** {@code done} units of the current phase are finished; {@code detail} may add a rate or a name. */
  void update(long done, String detail);

  /** The current phase is over. */
  void end(String summary);

  /** A problem worth telling the person about, that did not stop the work. */
  default void warn(String message) {}

  Progress NONE = new Progress() {
    @Override
    public void begin(String phase, long total, String unit) {}

    @Override
    public void update(long done, String detail) {}

    @Override
    public void end(String summary) {}
  };
}
