package dev.promptops.providers.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/** Reads a rules file: YAML, either a list of rules or {@code {seed: N, rules: [...]}}. */
final class RulesParser {
  private static final Set<String> TOP = Set.of("seed", "rules");
  private static final Set<String> RULE =
      Set.of("name", "match", "reply", "json", "latency", "fault", "times", "rate");
  private static final Set<String> MATCH = Set.of("model", "protocol", "contains", "regex");
  private static final Set<String> FAULT = Set.of("type", "retryAfter", "hold");

  private final String source;

  RulesParser(String source) {
    this.source = source;
  }

  MockRules parse(String yaml) {
    JsonNode root;
    try {
      root = Json.yaml().readTree(yaml);
    } catch (JsonProcessingException e) {
      throw invalid("not valid YAML: " + e.getOriginalMessage(), "fix the YAML syntax");
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return MockRules.none();
    }
    if (root.isArray()) {
      return rules(rules(root), 0);
    }
    if (!root.isObject()) {
      throw invalid("expected a list of rules or {seed, rules}", "see providers/README.md");
    }
    keys(root, TOP, "the file");
    long seed = root.has("seed") ? integer(root.get("seed"), "seed") : 0;
    JsonNode rules = root.path("rules");
    if (!rules.isMissingNode() && !rules.isArray()) {
      throw invalid("rules must be a list", "write rules: followed by '- name: …' entries");
    }
    return rules(rules.isArray() ? rules(rules) : List.of(), seed);
  }

  private MockRules rules(List<MockRule> rules, long seed) {
    try {
      return new MockRules(rules, seed);
    } catch (InvalidInputException e) {
      throw invalid(e.getMessage(), e.hint());
    }
  }

  private List<MockRule> rules(JsonNode list) {
    var rules = new ArrayList<MockRule>();
    for (int i = 0; i < list.size(); i++) {
      rules.add(rule(list.get(i), i + 1));
    }
    return rules;
  }

  private MockRule rule(JsonNode node, int number) {
    String name = node.path("name").isTextual() ? node.get("name").textValue() : "#" + number;
    String where = "rule " + number + (node.has("name") ? " ('" + name + "')" : "");
    if (!node.isObject()) {
      throw invalid(where + " is not a mapping", "write each rule as name:, match:, reply: …");
    }
    keys(node, RULE, where);
    var b = MockRule.builder(name);
    match(node.path("match"), where + ": match", b);
    if (node.has("reply")) {
      b.reply(text(node.get("reply"), where + ": reply"));
    }
    if (node.has("json")) {
      b.json(node.get("json"));
    }
    if (node.has("latency")) {
      b.latency(latency(node.get("latency"), where + ": latency"));
    }
    if (node.has("fault")) {
      b.fault(fault(node.get("fault"), where + ": fault"));
    }
    if (node.has("times")) {
      b.times((int) integer(node.get("times"), where + ": times"));
    }
    if (node.has("rate")) {
      b.rate(rate(node.get("rate"), where + ": rate"));
    }
    try {
      return b.build();
    } catch (InvalidInputException e) {
      throw invalid(e.getMessage(), e.hint());
    } catch (IllegalArgumentException e) {
      throw invalid(where + ": " + e.getMessage(), "see providers/README.md");
    }
  }

  private void match(JsonNode match, String where, MockRule.Builder b) {
    if (match.isMissingNode()) {
      return;
    }
    if (!match.isObject()) {
      throw invalid(where + " is not a mapping", "write match: {model: gpt-*, contains: hello}");
    }
    keys(match, MATCH, where);
    if (match.has("model")) {
      b.model(text(match.get("model"), where + ".model"));
    }
    if (match.has("protocol")) {
      try {
        b.protocol(MockProtocol.parse(text(match.get("protocol"), where + ".protocol")));
      } catch (InvalidInputException e) {
        throw invalid(where + ".protocol: " + e.getMessage(), e.hint());
      }
    }
    if (match.has("contains")) {
      b.contains(text(match.get("contains"), where + ".contains"));
    }
    if (match.has("regex")) {
      String regex = text(match.get("regex"), where + ".regex");
      try {
        b.regex(regex);
      } catch (PatternSyntaxException e) {
        throw invalid(
            where + ".regex: not a regular expression: " + e.getDescription() + " in " + regex,
            "write a Java regular expression, e.g. 'order #\\d+'");
      }
    }
  }

  private Latency latency(JsonNode node, String where) {
    if (node.isTextual() || node.isNumber()) {
      return Latency.fixed(parseDuration(node.asText(), where));
    }
    if (node.isObject()) {
      if (node.has("min") && node.has("max") && node.size() == 2) {
        return uniform(node, where);
      }
      if (node.has("mean") && node.has("stddev") && node.size() == 2) {
        return Latency.normal(duration(node, "mean", where), duration(node, "stddev", where));
      }
    }
    throw invalid(
        where + ": expected 200ms, {min: 100ms, max: 300ms} or {mean: 200ms, stddev: 50ms}",
        "write a duration with a unit (ms, s, m)");
  }

  private Latency uniform(JsonNode node, String where) {
    Duration min = duration(node, "min", where);
    Duration max = duration(node, "max", where);
    if (max.compareTo(min) < 0) {
      throw invalid(where + ": max is below min", "swap them");
    }
    return Latency.uniform(min, max);
  }

  private Duration duration(JsonNode node, String field, String where) {
    return parseDuration(node.get(field).asText(), where + "." + field);
  }

  private Duration parseDuration(String text, String where) {
    return Durations.parse(text, source + ": " + where);
  }

  private Fault fault(JsonNode node, String where) {
    if (node.isTextual()) {
      return new Fault(kind(node.textValue(), where), null, null);
    }
    if (!node.isObject() || !node.has("type")) {
      throw invalid(
          where + ": expected a fault name or {type: …}",
          "write fault: rate_limit, or fault: {type: rate_limit, retryAfter: 2s}");
    }
    keys(node, FAULT, where);
    Fault.Kind kind = kind(node.get("type").asText(), where);
    Duration retryAfter = null;
    if (node.has("retryAfter")) {
      JsonNode r = node.get("retryAfter");
      retryAfter =
          r.isIntegralNumber()
              ? Duration.ofSeconds(r.longValue())
              : parseDuration(r.asText(), where + ".retryAfter");
    }
    Duration hold = node.has("hold") ? duration(node, "hold", where) : null;
    return new Fault(kind, retryAfter, hold);
  }

  private Fault.Kind kind(String name, String where) {
    for (Fault.Kind k : Fault.Kind.values()) {
      if (k.wireName().equals(name)) {
        return k;
      }
    }
    throw invalid(
        where + ": unknown fault '" + name + "'",
        "use rate_limit, server_error, timeout, malformed or unauthorized");
  }

  private double rate(JsonNode node, String where) {
    if (!node.isNumber() || node.doubleValue() < 0 || node.doubleValue() > 1) {
      throw invalid(where + ": expected a number from 0 to 1, not " + node, "e.g. rate: 0.2");
    }
    return node.doubleValue();
  }

  private long integer(JsonNode node, String where) {
    if (!node.isIntegralNumber() || node.longValue() < 0) {
      throw invalid(where + ": expected a whole number ≥ 0, not " + node, "e.g. " + where + ": 2");
    }
    return node.longValue();
  }

  private String text(JsonNode node, String where) {
    if (!node.isValueNode() || node.isNull()) {
      throw invalid(where + ": expected text, not " + node, "quote the value");
    }
    return node.asText();
  }

  private void keys(JsonNode node, Set<String> known, String where) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        String hint =
            MATCH.contains(key)
                ? "conditions go under match:, e.g. match: {" + key + ": …}"
                : "known keys: " + String.join(", ", known.stream().sorted().toList());
        throw invalid(where + ": unknown key '" + key + "'", hint);
      }
    }
  }

  private InvalidInputException invalid(String message, String hint) {
    return new InvalidInputException("invalid_mock_rules", source + ": " + message, hint);
  }
}
