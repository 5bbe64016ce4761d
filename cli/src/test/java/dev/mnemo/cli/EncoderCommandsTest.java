package dev.mnemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mnemo.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code mnemo embed} and {@code mnemo attention}: what they print, and their errors. */
class EncoderCommandsTest {
  @TempDir
  Path home;

  @Test
  void embedPrintsTheWholeUnitVector() {
    CliRun r = CliRun.run(home, "embed", "--json", "句向量 sentence vector");
    assertEquals(0, r.code(), r.toString());
    JsonNode o = Json.tree(r.out());
    assertEquals("bge-small-zh-v15", o.get("model").asString());
    assertEquals(512, o.get("dim").asInt());
    assertEquals(512, o.get("vector").size());
    double norm = 0;
    for (JsonNode v : o.get("vector")) {
      norm += v.asDouble() * v.asDouble();
    }
    assertEquals(1.0, norm, 1e-4);
    CliRun query = CliRun.run(home, "embed", "--json", "--query", "句向量 sentence vector");
    assertTrue(!Json.tree(query.out()).get("vector").equals(o.get("vector")), "the query prefix changes the vector");
  }

  @Test
  void attentionShowsOneRowPerTokenAndRowsSumToOne() {
    CliRun r = CliRun.run(home, "attention", "--layer", "4", "--head", "2", "猫坐在垫子上");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().startsWith("bge-small-zh-v15: layer 4 of 4, head 2 of 8, 8 tokens"), r.out());
    assertEquals(9, r.out().lines().count(), "a header and one row for each of [CLS], six characters and [SEP]");
    JsonNode a = Json.tree(CliRun.run(home, "attention", "--json", "猫坐在垫子上").out());
    int n = a.get("tokens").size();
    JsonNode head = a.get("weights").get(3).get(1);
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int j = 0; j < n; j++) {
        sum += head.get(i * n + j).asDouble();
      }
      assertEquals(1.0, sum, 1e-4, "row " + i);
    }
  }

  @Test
  void unknownModelsAndLayersAreClearErrors() {
    CliRun model = CliRun.run(home, "embed", "--model", "gpt-9", "x");
    assertEquals(2, model.code());
    assertTrue(model.err().contains("choose one of bge-small-zh-v15"), model.err());
    CliRun layer = CliRun.run(home, "attention", "--layer", "9", "x");
    assertTrue(layer.code() != 0 && layer.err().contains("--layer must be between 1 and 4"), layer.toString());
  }
}
