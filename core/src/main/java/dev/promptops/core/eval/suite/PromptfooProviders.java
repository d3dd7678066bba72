package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.eval.ProviderSpec;
import dev.promptops.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * promptfoo's {@code providers} (or {@code targets}): ids ({@link ProviderIds}), {@code {id, label,
 * config}} objects, {@code {ID: {config}}} maps and {@code file://} provider files. Its config maps
 * to PromptOps: {@code temperature}; {@code max_tokens}, {@code max_completion_tokens}, {@code
 * num_predict}, {@code maxOutputTokens} → {@code maxOutputTokens}; {@code top_p} → {@code topP};
 * {@code top_k} → {@code topK}; {@code stop}, {@code stop_sequences} → {@code stopSequences} (also
 * inside Gemini's {@code generationConfig}); {@code apiBaseUrl}/{@code apiHost} → the base URL;
 * {@code apiKey}/{@code apiKeyEnvar} → the key; {@code apiVersion} → Azure's option. A setting that
 * would change generation without PromptOps applying it ({@code seed}, {@code tools}, {@code
 * response_format} …) is refused; one that changes nothing measured ({@code cost}, {@code timeout}
 * …) is ignored with a warning.
 */
final class PromptfooProviders {
  private static final List<String> KEYS = List.of("id", "label", "config", "delay", "env");
  private static final Map<String, String> GENERATION =
      Map.ofEntries(
          Map.entry("temperature", "temperature"),
          Map.entry("max_tokens", "maxOutputTokens"),
          Map.entry("max_completion_tokens", "maxOutputTokens"),
          Map.entry("num_predict", "maxOutputTokens"),
          Map.entry("maxOutputTokens", "maxOutputTokens"),
          Map.entry("top_p", "topP"),
          Map.entry("topP", "topP"),
          Map.entry("top_k", "topK"),
          Map.entry("topK", "topK"),
          Map.entry("stop", "stopSequences"),
          Map.entry("stop_sequences", "stopSequences"),
          Map.entry("stopSequences", "stopSequences"));
  private static final Set<String> ENDPOINT =
      Set.of("apiKey", "apiKeyEnvar", "apiBaseUrl", "apiHost", "apiVersion");
  private static final Set<String> IGNORED =
      Set.of(
          "cost", "timeout", "maxRetries", "keep_alive", "organization", "showThinking", "cache");
  private static final Pattern ENV = Pattern.compile("\\{\\{\\s*env\\.(\\w+)\\s*}}");

  private final Origin origin;
  private final Map<String, String> env;
  private final Warnings warnings;

  PromptfooProviders(Origin origin, Map<String, String> env, Warnings warnings) {
    this.origin = origin;
    this.env = env;
    this.warnings = warnings;
  }

  List<ProviderSpec> read(JsonNode providers, String key) {
    var out = new ArrayList<ProviderSpec>();
    int n = 0;
    for (JsonNode item : Nodes.items(providers)) {
      String where = origin.at(key + " " + ++n);
      for (ObjectNode options : options(item, where)) {
        out.add(spec(options, where));
      }
    }
    NativeProviders.unique(out, origin);
    return out;
  }

  /** An entry as {id, label, config} objects (a provider file may hold several). */
  private List<ObjectNode> options(JsonNode item, String where) {
    if (FileValues.isRef(item)) {
      JsonNode loaded = new FileValues(origin).load(item.textValue(), where, null);
      var out = new ArrayList<ObjectNode>();
      for (JsonNode each : Nodes.items(loaded)) {
        out.addAll(options(each, where + " (" + item.textValue() + ")"));
      }
      return out;
    }
    if (item.isTextual()) {
      return List.of(Json.object().put("id", item.textValue()));
    }
    ObjectNode o = Nodes.object(item, where, "openai:gpt-4o-mini or {id: openai:gpt-4o-mini}");
    if (!o.has("id") && o.size() == 1) {
      var e = o.properties().iterator().next();
      ObjectNode inner = Nodes.object(e.getValue(), where, "{ID: {config: {…}}}").deepCopy();
      if (!inner.has("id")) {
        inner.put("id", e.getKey());
      }
      return List.of(inner);
    }
    return List.of(o);
  }

  private ProviderSpec spec(ObjectNode o, String where) {
    if (o.has("prompts") || o.has("transform")) {
      throw SuiteErrors.unsupported(
          where,
          (o.has("prompts") ? "prompts (a per-provider prompt filter)" : "transform (JavaScript)")
              + " is not supported",
          "remove it; split the config if providers need different prompts");
    }
    Nodes.onlyKeys(o, KEYS, where);
    String id = Nodes.requiredText(o, "id", where, "id: openai:gpt-4o-mini");
    String at = where + " (" + id + ")";
    for (String harmless : List.of("delay", "env")) {
      if (o.has(harmless)) {
        warnings.add(at + ": " + harmless + " is ignored");
      }
    }
    ProviderIds.Mapped m = ProviderIds.map(id, where);
    if (m.note() != null) {
      warnings.add(m.note());
    }
    if (m.use() == ProviderIds.Use.EMBEDDINGS) {
      throw SuiteErrors.invalid(
          at, id + " is an embeddings model", "name it as the grader's embedding provider instead");
    }
    ObjectNode config =
        o.has("config")
            ? Nodes.object(o.get("config"), at + ": config", "config: {temperature: 0}")
            : Json.object();
    return build(id, Nodes.text(o, "label", at), m, config, at);
  }

  private ProviderSpec build(
      String id, String label, ProviderIds.Mapped m, ObjectNode config, String where) {
    ObjectNode generation = Json.object();
    var refused = new ArrayList<String>();
    map(config, generation, refused, where);
    if (!refused.isEmpty()) {
      throw SuiteErrors.unsupported(
          where,
          "config "
              + String.join(", ", refused)
              + (refused.size() > 1 ? " are" : " is")
              + " not supported",
          "PromptOps sets temperature, max_tokens, top_p, top_k and stop, and the endpoint (apiBaseUrl,"
              + " apiHost, apiKey, apiKeyEnvar, apiVersion); remove the others");
    }
    GenerationParams.check(generation, where + ": config");
    String baseUrl = baseUrl(config, where);
    String apiKey = apiKey(config, where);
    Map<String, String> options = new LinkedHashMap<>();
    String version = value(config, "apiVersion", where);
    if (version != null) {
      options.put("apiVersion", version);
    }
    boolean endpoint = baseUrl != null || apiKey != null || !options.isEmpty();
    if (endpoint && m.type() == null) {
      throw SuiteErrors.invalid(
          where,
          "an endpoint or key needs a promptfoo id that names the API (openai:…, anthropic:…)",
          "write the id as e.g. openai:chat:" + m.model().model());
    }
    return new ProviderSpec(
        id,
        label,
        m.model(),
        endpoint ? m.type() : null,
        baseUrl,
        apiKey,
        options,
        generation.isEmpty() ? null : generation,
        0,
        0);
  }

  private void map(ObjectNode config, ObjectNode generation, List<String> refused, String where) {
    for (var e : config.properties()) {
      String key = e.getKey();
      if (GENERATION.containsKey(key)) {
        JsonNode v = e.getValue();
        generation.set(
            GENERATION.get(key), key.startsWith("stop") && v.isTextual() ? Json.array().add(v) : v);
      } else if (key.equals("generationConfig") && e.getValue().isObject()) {
        map((ObjectNode) e.getValue(), generation, refused, where);
      } else if (IGNORED.contains(key)) {
        warnings.add(where + ": config." + key + " is ignored");
      } else if (!ENDPOINT.contains(key)) {
        refused.add(key);
      }
    }
  }

  private String baseUrl(ObjectNode config, String where) {
    String url = value(config, "apiBaseUrl", where);
    if (url != null) {
      return url;
    }
    String host = value(config, "apiHost", where);
    return host == null ? null : host.contains("://") ? host : "https://" + host;
  }

  private String apiKey(ObjectNode config, String where) {
    String variable = value(config, "apiKeyEnvar", where);
    if (variable != null) {
      String key = env.get(variable);
      if (key == null || key.isBlank()) {
        warnings.add(
            where + ": apiKeyEnvar " + variable + " is not set; the provider's own key is used");
      }
      return key == null || key.isBlank() ? null : key;
    }
    return value(config, "apiKey", where);
  }

  /** A text setting; {@code {{ env.NAME }}} in it is replaced as promptfoo does. */
  private String value(ObjectNode config, String field, String where) {
    String v = Nodes.text(config, field, where + ": config");
    if (v == null) {
      return null;
    }
    Matcher m = ENV.matcher(v);
    var out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(m.group(1), "")));
    }
    m.appendTail(out);
    String s = out.toString().strip();
    return s.isEmpty() ? null : s;
  }
}
