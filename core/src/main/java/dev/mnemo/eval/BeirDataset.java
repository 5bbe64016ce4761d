package dev.mnemo.eval;

import dev.mnemo.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A retrieval test collection in the BEIR layout: {@code corpus.jsonl} ({@code _id, title, text}),
 * {@code queries.jsonl} ({@code _id, text}) and {@code qrels/SPLIT.tsv} (query, document, grade).
 */
public record BeirDataset(String name, List<Doc> corpus, Map<String, String> queries, Map<String, Map<String, Integer>> qrels) {

  public record Doc(String id, String title, String text) {}

  public static BeirDataset load(Path dir, String split) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir + " (not a folder)");
    }
    Path qrelsFile = dir.resolve("qrels").resolve(split + ".tsv");
    if (!Files.isRegularFile(qrelsFile)) {
      throw new NoSuchFileException(qrelsFile + " (no such split; the qrels folder holds "
          + listSplits(dir.resolve("qrels")) + ")");
    }
    Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(qrelsFile, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String[] f = lines.get(i).split("\t");
      if (f.length < 3 || (i == 0 && !f[2].strip().matches("-?\\d+"))) {
        continue;
      }
      int grade = Integer.parseInt(f[2].strip());
      if (grade > 0) {
        qrels.computeIfAbsent(f[0].strip(), k -> new HashMap<>()).put(f[1].strip(), grade);
      }
    }
    Map<String, String> queries = new LinkedHashMap<>();
    readJsonl(dir.resolve("queries.jsonl"), n -> {
      String id = n.path("_id").asString();
      if (qrels.containsKey(id)) {
        queries.put(id, n.path("text").asString());
      }
    });
    List<Doc> corpus = new ArrayList<>();
    readJsonl(dir.resolve("corpus.jsonl"), n -> corpus.add(new Doc(n.path("_id").asString(),
        n.path("title").asString(""), n.path("text").asString(""))));
    return new BeirDataset(dir.getFileName().toString(), corpus, queries, qrels);
  }

  private static String listSplits(Path qrelsDir) throws IOException {
    if (!Files.isDirectory(qrelsDir)) {
      return "nothing";
    }
    try (var s = Files.list(qrelsDir)) {
      return String.join(", ", s.map(p -> p.getFileName().toString().replace(".tsv", "")).sorted().toList());
    }
  }

  private interface NodeConsumer {
    void accept(JsonNode n);
  }

  private static void readJsonl(Path file, NodeConsumer consumer) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          consumer.accept(Json.tree(line));
        }
      }
    }
  }
}
