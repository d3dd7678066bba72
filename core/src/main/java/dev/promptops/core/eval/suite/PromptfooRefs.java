package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import java.util.Set;

/**
 * promptfoo's {@code $ref: '#/assertionTemplates/x'}: a mapping standing for another part of the
 * same config (keys written beside {@code $ref} override the target's). Only references inside the
 * config are followed; the top-level keys they point into are recorded, so that they are not
 * reported as unknown.
 */
final class PromptfooRefs {
  private static final int MAX_DEPTH = 32;

  private PromptfooRefs() {}

  static ObjectNode resolve(ObjectNode root, Origin origin, Set<String> targets) {
    return (ObjectNode) resolve(root, root, origin, targets, 0);
  }

  private static JsonNode resolve(
      JsonNode n, ObjectNode root, Origin o, Set<String> targets, int depth) {
    if (depth > MAX_DEPTH) {
      throw SuiteErrors.invalid(
          o.show(), "$ref references nest too deep (a cycle?)", "break the cycle");
    }
    if (n instanceof ArrayNode a) {
      ArrayNode out = Json.array();
      a.forEach(e -> out.add(resolve(e, root, o, targets, depth)));
      return out;
    }
    if (!(n instanceof ObjectNode obj)) {
      return n;
    }
    JsonNode ref = obj.get("$ref");
    if (ref != null && ref.isTextual()) {
      return follow(obj, ref.textValue(), root, o, targets, depth);
    }
    ObjectNode out = Json.object();
    obj.properties()
        .forEach(e -> out.set(e.getKey(), resolve(e.getValue(), root, o, targets, depth)));
    return out;
  }

  private static JsonNode follow(
      ObjectNode obj, String ref, ObjectNode root, Origin o, Set<String> targets, int depth) {
    if (!ref.startsWith("#/")) {
      throw SuiteErrors.unsupported(
          o.at("$ref " + ref), "only references inside the config (#/…) are followed", "inline it");
    }
    JsonNode target = root.at(JsonPointer.compile(ref.substring(1)));
    if (target.isMissingNode()) {
      throw SuiteErrors.invalid(o.at("$ref " + ref), "points to nothing", "check the path");
    }
    targets.add(JsonPointer.compile(ref.substring(1)).getMatchingProperty());
    JsonNode resolved = resolve(target, root, o, targets, depth + 1);
    if (obj.size() == 1 || !(resolved instanceof ObjectNode r)) {
      return resolved;
    }
    ObjectNode merged = r.deepCopy();
    obj.properties().stream()
        .filter(e -> !e.getKey().equals("$ref"))
        .forEach(e -> merged.set(e.getKey(), resolve(e.getValue(), root, o, targets, depth)));
    return merged;
  }
}
