package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * promptfoo's variables: a {@code file://} value is the file's content (a pattern matches several
 * files, one case each), and a list whose first element is text runs once per element; with several
 * such variables, once per combination, in the order the variables are written. Lists of anything
 * else are passed as they are. {@code options.disableVarExpansion} keeps lists whole.
 */
final class VarExpansion {
  /** More combinations than this is almost surely a mistake, and would flood the run. */
  static final int MAX_COMBINATIONS = 100_000;

  private VarExpansion() {}

  static List<ObjectNode> expand(
      ObjectNode vars, boolean expand, FileValues files, String where, MessageDigest sink) {
    List<ObjectNode> out = new ArrayList<>();
    out.add(Json.object());
    for (Map.Entry<String, JsonNode> var : vars.properties()) {
      String at = where + ": vars." + var.getKey();
      List<JsonNode> values = alternatives(var.getValue(), expand, files, at, sink);
      if ((long) out.size() * values.size() > MAX_COMBINATIONS) {
        throw SuiteErrors.invalid(
            where,
            "its list variables make more than " + MAX_COMBINATIONS + " combinations",
            "split the case, or set options.disableVarExpansion: true to pass lists whole");
      }
      out = product(out, var.getKey(), values);
    }
    return out;
  }

  private static List<JsonNode> alternatives(
      JsonNode v, boolean expand, FileValues files, String where, MessageDigest sink) {
    if (FileValues.isRef(v)) {
      List<Path> paths = files.files(v.textValue(), where);
      var loaded = new ArrayList<JsonNode>();
      paths.forEach(p -> loaded.add(files.load(p, where, sink)));
      if (expand || loaded.size() == 1) {
        return loaded;
      }
      ArrayNode whole = Json.array();
      loaded.forEach(whole::add);
      return List.of(whole);
    }
    if (expand && v.isArray() && !v.isEmpty() && v.get(0).isTextual()) {
      var each = new ArrayList<JsonNode>();
      v.forEach(e -> each.add(FileValues.isRef(e) ? files.load(e.textValue(), where, sink) : e));
      return each;
    }
    return List.of(v);
  }

  private static List<ObjectNode> product(
      List<ObjectNode> sofar, String key, List<JsonNode> values) {
    var next = new ArrayList<ObjectNode>(sofar.size() * values.size());
    for (ObjectNode combination : sofar) {
      for (JsonNode value : values) {
        ObjectNode c = values.size() == 1 ? combination : combination.deepCopy();
        c.set(key, value);
        next.add(c);
      }
    }
    return next;
  }
}
