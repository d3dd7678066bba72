package dev.promptops.core.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.promptops.core.json.CanonicalJson;
import dev.promptops.core.json.Json;
import dev.promptops.core.prompt.ComponentPin;
import dev.promptops.core.registry.PromptVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/** Computes the difference between two prompt versions. Pure: no storage, no clock. */
public final class Differ {
  private static final int CONTEXT_LINES = 3;

  private Differ() {}

  public static VersionDiff diff(PromptVersion a, PromptVersion b) {
    return new VersionDiff(
        a.ref(),
        b.ref(),
        a.digest(),
        b.digest(),
        unified(a.ref(), b.ref(), a.template(), b.template()),
        fields(a.frontMatter(), b.frontMatter()),
        fields(pins(a.components()), pins(b.components())));
  }

  /** A unified diff of two texts, with {@code ---}/{@code +++} headers; empty when equal. */
  public static String unified(String fromName, String toName, String a, String b) {
    if (a.equals(b)) {
      return "";
    }
    List<String> left = lines(a);
    List<String> right = lines(b);
    var patch = DiffUtils.diff(left, right);
    var out = UnifiedDiffUtils.generateUnifiedDiff(fromName, toName, left, patch, CONTEXT_LINES);
    var text = new StringBuilder();
    for (String line : out) {
      text.append(line).append('\n');
    }
    if (!a.endsWith("\n") || !b.endsWith("\n")) {
      text.append(noNewlineNote(a, b));
    }
    return text.toString();
  }

  private static String noNewlineNote(String a, String b) {
    if (a.endsWith("\n") == b.endsWith("\n")) {
      return "";
    }
    return "\\ the old template "
        + (a.endsWith("\n") ? "ends" : "does not end")
        + " with a newline; the new one "
        + (b.endsWith("\n") ? "does" : "does not")
        + "\n";
  }

  private static List<String> lines(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    return Arrays.asList(body.split("\n", -1));
  }

  /** Field-by-field changes between two JSON values, as JSON Pointer paths in order. */
  public static List<FieldChange> fields(JsonNode a, JsonNode b) {
    var changes = new ArrayList<FieldChange>();
    walk("", a, b, changes);
    return List.copyOf(changes);
  }

  private static void walk(String path, JsonNode a, JsonNode b, List<FieldChange> out) {
    if (a instanceof ObjectNode oa && b instanceof ObjectNode ob) {
      var keys = new TreeSet<String>();
      oa.fieldNames().forEachRemaining(keys::add);
      ob.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        String child = path + "/" + key.replace("~", "~0").replace("/", "~1");
        JsonNode va = oa.get(key);
        JsonNode vb = ob.get(key);
        if (va == null) {
          out.add(new FieldChange(child, "added", null, vb));
        } else if (vb == null) {
          out.add(new FieldChange(child, "removed", va, null));
        } else {
          walk(child, va, vb, out);
        }
      }
    } else if (!CanonicalJson.write(a).equals(CanonicalJson.write(b))) {
      out.add(new FieldChange(path.isEmpty() ? "/" : path, "changed", a, b));
    }
  }

  private static ObjectNode pins(List<ComponentPin> pins) {
    ObjectNode node = Json.object();
    for (ComponentPin pin : pins) {
      node.set(pin.name(), new TextNode("v" + pin.version() + " " + pin.digest()));
    }
    return node;
  }
}
