package dev.promptops.core.eval.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.CanonicalJson;
import dev.promptops.core.json.Json;
import java.util.List;

/**
 * The key of a cached answer: SHA-256 of the canonical JSON of {@code {"v": 1, "models": [...],
 * "endpoints": [...], "config": {...}, "messages": [...]}}: the candidate models in order, each
 * one's provider type and endpoint (never its key), the generation parameters and the rendered
 * messages. The same call asked twice has the same key; any difference in what is sent changes it.
 */
public final class CacheKey {
  private CacheKey() {}

  public static String of(
      List<String> models, List<String> endpoints, JsonNode config, ArrayNode messages) {
    ObjectNode doc = Json.object();
    doc.put("v", 1);
    ArrayNode m = doc.putArray("models");
    models.forEach(m::add);
    ArrayNode e = doc.putArray("endpoints");
    endpoints.forEach(e::add);
    doc.set("config", config == null ? Json.object() : config);
    doc.set("messages", messages);
    return CanonicalJson.digest(doc);
  }
}
