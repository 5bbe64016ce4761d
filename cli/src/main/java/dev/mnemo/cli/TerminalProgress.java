package dev.mnemo.cli;

import dev.mnemo.progress.Progress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Draws progress on a terminal's error stream: a bar, counts, rate and time left, redrawn at most
 * ten times a second. Off a terminal it prints only warnings and each phase's summary line.
 */
final class TerminalProgress implements Progress {
  private final PrintWriter err;
  private final boolean live;
  private String phase = "";
  private String unit = "";
  private long total;
  private long startNanos;
  private long lastDraw;
  private boolean drawn;

  TerminalProgress(PrintWriter err, boolean live) {
    this.err = err;
    this.live = live;
  }

  @Override
  public synchronized void begin(String phase, long total, String unit) {
    this.phase = phase;
    this.total = total;
    this.unit = unit;
    this.startNanos = System.nanoTime();
    this.lastDraw = 0;
    if (live) {
      draw(0, "");
    }
  }

  @Override
  public synchronized void update(long done, String detail) {
    if (!live) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastDraw < 100_000_000L && done != total) {
      return;
    }
    lastDraw = now;
    draw(done, detail);
  }

  private void draw(long done, String detail) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    StringBuilder sb = new StringBuilder("\r\033[K").append(phase).append(' ');
    if (total > 0) {
      int width = 24;
      int filled = (int) Math.min(width, Math.round(width * (double) done / total));
      sb.append('[').append("#".repeat(filled)).append(" ".repeat(width - filled)).append("] ");
      sb.append(done).append('/').append(total).append(' ').append(unit);
      if (done > 0 && seconds > 0.5) {
        double rate = done / seconds;
        long left = (long) Math.ceil((total - done) / Math.max(rate, 1e-9));
        sb.append(String.format(Locale.ROOT, "  %.0f/s  ETA %s", rate, clock(left)));
      }
    } else {
      sb.append(done).append(' ').append(unit);
    }
    if (detail != null && !detail.isEmpty()) {
      sb.append("  ").append(detail);
    }
    err.print(sb);
    err.flush();
    drawn = true;
  }

  @Override
  public synchronized void end(String summary) {
    if (live && drawn) {
      err.print("\r\033[K");
    }
    drawn = false;
    if (live) {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      err.printf(Locale.ROOT, "%s: %s (%.1f s)%n", phase, summary, seconds);
      err.flush();
    }
  }

  @Override
  public synchronized void warn(String message) {
    if (live && drawn) {
      err.print("\r\033[K");
      drawn = false;
    }
    err.println("warning: " + message);
    err.flush();
  }

  static String clock(long seconds) {
    return seconds >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
