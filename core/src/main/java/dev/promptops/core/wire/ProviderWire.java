package dev.promptops.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import dev.promptops.core.provider.ProviderInfo;
import dev.promptops.core.provider.ProviderSettings;
import dev.promptops.core.provider.ProviderType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON of a project's provider (docs/api.md, "Provider"), beside {@link Wire}: its settings,
 * {@code hasSecret} and the id of the master key that encrypted the secret, never the secret.
 */
public final class ProviderWire {
  private ProviderWire() {}

  public static ObjectNode provider(ProviderInfo p) {
    ProviderSettings s = p.settings();
    ObjectNode n = Json.object();
    n.put("project", p.project());
    n.put("name", s.name());
    n.put("type", s.type().wireName());
    n.put("baseUrl", s.baseUrl());
    ObjectNode options = n.putObject("options");
    s.options().forEach(options::put);
    n.put("timeoutSeconds", s.timeout().toSeconds());
    n.put("maxRetries", s.maxRetries());
    n.put("maxConcurrent", s.maxConcurrent());
    n.put("requestsPerMinute", s.requestsPerMinute());
    n.put("hasSecret", p.hasSecret());
    n.put("secretKeyId", p.secretKeyId());
    n.put("apiKeyVariable", p.apiKeyVariable());
    n.put("updatedAt", p.updatedAt() == null ? null : p.updatedAt().toString());
    n.put("updatedBy", p.updatedBy());
    return n;
  }

  public static ProviderInfo provider(JsonNode n) {
    var options = new TreeMap<String, String>();
    n.path("options").properties().forEach(e -> options.put(e.getKey(), e.getValue().asText()));
    var settings =
        new ProviderSettings(
            n.path("name").asText(),
            ProviderType.parse(n.path("type").asText()),
            n.hasNonNull("baseUrl") ? n.get("baseUrl").asText() : null,
            Map.copyOf(options),
            Duration.ofSeconds(n.path("timeoutSeconds").asLong()),
            n.path("maxRetries").asInt(),
            n.path("maxConcurrent").asInt(),
            n.path("requestsPerMinute").asInt());
    return new ProviderInfo(
        n.path("project").asText(),
        settings,
        n.hasNonNull("secretKeyId") ? n.get("secretKeyId").asText() : null,
        n.hasNonNull("updatedAt") ? Instant.parse(n.get("updatedAt").asText()) : null,
        n.path("updatedBy").asText(null));
  }
}
