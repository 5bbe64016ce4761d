package dev.mnemo.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A vault's settings, from {@code .mnemo.yml} at its root (every key optional):
 *
 * <pre>
 * journal:
 *   folder: journal            # where daily notes go
 *   name: yyyy-MM-dd           # file name pattern (java.time), ".md" added
 *   template: journal          # default template for 'mnemo today'
 * templates:
 *   folder: templates          # NAME.md here overrides or adds templates
 * review:
 *   folder: reviews            # where 'mnemo week --write' saves
 *   name: YYYY-'W'ww           # file name pattern (week-based year and week)
 * </pre>
 */
public record VaultConfig(String journalFolder, String journalName, String defaultTemplate, String templatesFolder,
    String reviewFolder, String reviewName) {

  public static final String FILE = ".mnemo.yml";
  public static final VaultConfig DEFAULT = new VaultConfig("journal", "yyyy-MM-dd", "journal", "templates", "reviews",
      "YYYY-'W'ww");

  public static VaultConfig load(Path vaultRoot) throws IOException {
    Path file = vaultRoot.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return DEFAULT;
    }
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new IOException(FILE + " is not valid YAML: " + e.getMessage());
    }
    if (root == null) {
      return DEFAULT;
    }
    if (!(root instanceof Map<?, ?> m)) {
      throw new IOException(FILE + " must be a mapping of settings");
    }
    return new VaultConfig(
        get(m, "journal", "folder", DEFAULT.journalFolder),
        get(m, "journal", "name", DEFAULT.journalName),
        get(m, "journal", "template", DEFAULT.defaultTemplate),
        get(m, "templates", "folder", DEFAULT.templatesFolder),
        get(m, "review", "folder", DEFAULT.reviewFolder),
        get(m, "review", "name", DEFAULT.reviewName));
  }

  private static String get(Map<?, ?> root, String section, String key, String fallback) throws IOException {
    Object s = root.get(section);
    if (s == null) {
      return fallback;
    }
    if (!(s instanceof Map<?, ?> m)) {
      throw new IOException(FILE + ": '" + section + "' must be a mapping");
    }
    Object v = m.get(key);
    if (v == null) {
      return fallback;
    }
    return String.valueOf(v).strip();
  }
}
