package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/** Reads a suite file (YAML, or JSON for a {@code .json} file) as one mapping. */
final class Documents {
  private Documents() {}

  static ObjectNode read(Path file, Origin origin, String example) {
    String text = new String(FileValues.bytes(file, origin.show()), StandardCharsets.UTF_8);
    boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    JsonNode root;
    try {
      root = json ? Json.parse(text) : Json.yaml().readTree(text);
    } catch (JsonProcessingException e) {
      throw SuiteErrors.invalid(
          origin.show(),
          "does not parse as " + (json ? "JSON" : "YAML") + " (" + FileValues.pos(e) + ")",
          "fix the syntax at that position");
    }
    if (Nodes.absent(root)) {
      throw SuiteErrors.invalid(origin.show(), "the file is empty", "start with " + example);
    }
    if (!root.isObject()) {
      throw SuiteErrors.invalid(
          origin.show(),
          "must be a mapping (key: value lines), not " + Nodes.kind(root),
          "start with " + example);
    }
    return (ObjectNode) root;
  }
}
