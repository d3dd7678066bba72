package dev.promptops.core.dotprompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import dev.promptops.core.prompt.PromptFile;
import java.util.Set;

/**
 * The metadata of a prompt as Dotprompt defines it: the reserved front matter fields as they are,
 * namespaced (dotted) keys gathered under {@code ext} ({@code a.b.c: 1} becomes {@code ext: {"a.b":
 * {c: 1}}}), the whole front matter under {@code raw}, and empty {@code config}, {@code ext} and
 * {@code metadata} objects when absent.
 */
final class PromptMetadata {
  static final Set<String> RESERVED =
      Set.of(
          "config",
          "description",
          "ext",
          "input",
          "model",
          "name",
          "output",
          "raw",
          "toolDefs",
          "tools",
          "variant",
          "version");

  private PromptMetadata() {}

  static ObjectNode of(PromptFile file) {
    ObjectNode out = base();
    ObjectNode raw = file.frontMatter();
    if (raw.isEmpty()) {
      return out;
    }
    ObjectNode ext = Json.object();
    for (var field : raw.properties()) {
      String key = field.getKey();
      if (RESERVED.contains(key)) {
        out.set(key, field.getValue().deepCopy());
      } else if (key.contains(".")) {
        int dot = key.lastIndexOf('.');
        ObjectNode ns =
            ext.has(key.substring(0, dot)) && ext.get(key.substring(0, dot)).isObject()
                ? (ObjectNode) ext.get(key.substring(0, dot))
                : ext.putObject(key.substring(0, dot));
        ns.set(key.substring(dot + 1), field.getValue().deepCopy());
      }
    }
    out.set("raw", raw.deepCopy());
    out.set("ext", ext);
    return out;
  }

  static ObjectNode base() {
    ObjectNode out = Json.object();
    out.putObject("ext");
    out.putObject("metadata");
    out.putObject("config");
    return out;
  }

  /**
   * Merges options over metadata the way Dotprompt does: later fields replace earlier ones, except
   * {@code config}, which is merged one level deep.
   */
  static ObjectNode merge(ObjectNode base, ObjectNode options) {
    ObjectNode out = base.deepCopy();
    if (options == null) {
      return out;
    }
    JsonNode config = out.get("config");
    ObjectNode originalConfig = config instanceof ObjectNode o ? o : Json.object();
    options.properties().forEach(e -> out.set(e.getKey(), e.getValue().deepCopy()));
    ObjectNode merged = originalConfig.deepCopy();
    if (options.get("config") instanceof ObjectNode extra) {
      extra.properties().forEach(e -> merged.set(e.getKey(), e.getValue().deepCopy()));
    }
    out.set("config", merged);
    return out;
  }
}
