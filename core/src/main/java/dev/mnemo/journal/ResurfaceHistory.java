package dev.mnemo.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which entry was resurfaced on which day, kept in {@code resurfaced.tsv} beside the index (never in
 * the vault), so a day keeps its entry and recent ones are not shown again.
 */
public final class ResurfaceHistory {
  public static final int RECENT_DAYS = 60;

  private ResurfaceHistory() {}

  /** The day's entry: the remembered one if it still exists, else a new pick, remembered. */
  public static synchronized Journal.Item pick(Journal journal, Path indexDir, LocalDate day) {
    Path file = indexDir.resolve("resurfaced.tsv");
    Map<LocalDate, String> shown = new TreeMap<>();
    if (Files.isRegularFile(file)) {
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String[] parts = line.split("\t", 2);
          if (parts.length == 2) {
            try {
              shown.put(LocalDate.parse(parts[0]), parts[1]);
            } catch (RuntimeException e) {
              // a damaged line only loses one memory
            }
          }
        }
      } catch (IOException e) {
        // unreadable history: pick without it
      }
    }
    String remembered = shown.get(day);
    if (remembered != null) {
      for (Journal.Item i : journal.entries()) {
        if (i.location().equals(remembered) && i.date().isBefore(day)) {
          return i;
        }
      }
    }
    Journal.Item item = journal.resurface(day, shown, RECENT_DAYS);
    if (item != null) {
      shown.put(day, item.location());
      StringBuilder sb = new StringBuilder();
      shown.entrySet().stream().filter(e -> !e.getKey().isBefore(day.minusDays(400)))
          .forEach(e -> sb.append(e.getKey()).append('\t').append(e.getValue()).append('\n'));
      try {
        Path tmp = Files.createTempFile(indexDir, "resurfaced", ".tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // remembering is a nicety: a read-only data folder still gets the day's entry
      }
    }
    return item;
  }
}
