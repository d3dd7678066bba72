package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.eval.ProviderSpec;
import dev.promptops.core.provider.ProviderType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A native suite's {@code providers}: {@code provider/model}, or {@code {id, label, config, type,
 * baseUrl, options, apiKeyEnv, maxConcurrent, requestsPerMinute}}. An API key is never written in a
 * suite (suites live in git): name the environment variable holding it.
 */
final class NativeProviders {
  static final List<String> KEYS =
      List.of(
          "id",
          "label",
          "config",
          "type",
          "baseUrl",
          "options",
          "apiKeyEnv",
          "maxConcurrent",
          "requestsPerMinute");

  /** The largest limit a suite may set (per provider, for the run). */
  static final int MAX_LIMIT = 1_000_000;

  private NativeProviders() {}

  static List<ProviderSpec> read(JsonNode node, Origin origin, Map<String, String> env) {
    var out = new ArrayList<ProviderSpec>();
    List<JsonNode> items = Nodes.list(node, origin.at("providers"), "[openai/gpt-4o-mini]");
    for (int i = 0; i < items.size(); i++) {
      out.add(one(items.get(i), origin.at("providers " + (i + 1)), env));
    }
    unique(out, origin);
    return out;
  }

  private static ProviderSpec one(JsonNode n, String where, Map<String, String> env) {
    if (n.isTextual()) {
      Models.parse(n.textValue(), where);
      return ProviderSpec.of(n.textValue());
    }
    ObjectNode o = Nodes.object(n, where, "openai/gpt-4o-mini or {id: openai/gpt-4o-mini}");
    if (o.has("apiKey")) {
      throw SuiteErrors.invalid(
          where,
          "an API key does not belong in a suite file",
          "put it in an environment variable and name it: apiKeyEnv: OPENAI_API_KEY_EU");
    }
    Nodes.onlyKeys(o, KEYS, where);
    String id = Nodes.requiredText(o, "id", where, "id: openai/gpt-4o-mini");
    String at = where + " (" + id + ")";
    ObjectNode config = config(o.get("config"), at + ": config");
    return new ProviderSpec(
        id,
        Nodes.text(o, "label", at),
        Models.parse(id, at),
        type(Nodes.text(o, "type", at), at),
        Nodes.text(o, "baseUrl", at),
        apiKey(Nodes.text(o, "apiKeyEnv", at), env, at),
        options(o.get("options"), at),
        config,
        limit(o, "maxConcurrent", at),
        limit(o, "requestsPerMinute", at));
  }

  private static int limit(ObjectNode o, String field, String where) {
    Integer v = Nodes.whole(o, field, where, 1, MAX_LIMIT);
    return v == null ? 0 : v;
  }

  private static ObjectNode config(JsonNode config, String where) {
    if (Nodes.absent(config)) {
      return null;
    }
    return GenerationParams.check(
        Nodes.object(config, where, "config: {temperature: 0}").deepCopy(), where);
  }

  private static ProviderType type(String type, String where) {
    try {
      return type == null ? null : ProviderType.parse(type);
    } catch (PromptOpsException e) {
      throw SuiteErrors.invalid(where, e.getMessage(), e.hint());
    }
  }

  private static String apiKey(String variable, Map<String, String> env, String where) {
    if (variable == null) {
      return null;
    }
    String key = env.get(variable);
    if (key == null || key.isBlank()) {
      throw SuiteErrors.invalid(
          where,
          "apiKeyEnv names " + variable + ", which is not set",
          "export " + variable + "=… before running the suite");
    }
    return key;
  }

  private static Map<String, String> options(JsonNode options, String where) {
    var out = new LinkedHashMap<String, String>();
    if (!Nodes.absent(options)) {
      ObjectNode o =
          Nodes.object(options, where + ": options", "options: {apiVersion: 2024-10-21}");
      for (var e : o.properties()) {
        if (!e.getValue().isValueNode()) {
          throw SuiteErrors.invalid(
              where, "options." + e.getKey() + " must be a single value", "write key: value");
        }
        out.put(e.getKey(), e.getValue().asText());
      }
    }
    return out;
  }

  /** Each provider is a column of the run, named by its label: two may not share one. */
  static void unique(List<ProviderSpec> providers, Origin origin) {
    var seen = new HashSet<String>();
    for (ProviderSpec p : providers) {
      if (!seen.add(p.label())) {
        throw SuiteErrors.invalid(
            origin.at("providers"),
            "two providers are both labelled '" + p.label() + "'",
            "give each a label of its own (label: …)");
      }
    }
  }
}
