package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a CSV case file and what each row becomes. A column is a variable, except
 * promptfoo's special columns: {@code __expected}, {@code __expected1} … (an assertion each, see
 * {@link ExpectedShorthand}), {@code __description}, {@code __threshold}, {@code __metric} (the
 * metric of the row's assertions), {@code __config:__expected:threshold} and {@code
 * __config:__expectedN:threshold} (the threshold of one assertion), {@code __metadata:*} (ignored:
 * promptfoo only filters by it). {@code __prefix}, {@code __suffix} and {@code __providerOutput}
 * would change the prompt or skip the model, and are refused.
 */
final class CsvColumns {
  private static final Pattern CONFIG = Pattern.compile("__config:__expected(\\d*):(.*)");
  private static final List<String> REFUSED =
      List.of("__prefix", "__suffix", "__providerOutput", "__provider_output");

  private enum Role {
    VAR,
    EXPECTED,
    DESCRIPTION,
    THRESHOLD,
    METRIC,
    CONFIG,
    IGNORED
  }

  private final String display;
  private final ExpectedShorthand shorthand;
  private final List<String> names = new ArrayList<>();
  private final List<Role> roles = new ArrayList<>();
  private final List<Integer> targets = new ArrayList<>();

  CsvColumns(List<String> header, String display, ExpectedShorthand shorthand, Warnings warnings) {
    this.display = display;
    this.shorthand = shorthand;
    var seen = new HashSet<String>();
    for (String raw : header) {
      String name = raw.strip();
      if (!name.isEmpty() && !seen.add(name)) {
        throw SuiteErrors.invalid(
            display + ":1", "column '" + name + "' appears twice", "give each column its own name");
      }
      names.add(name);
      Role role = role(name, warnings);
      roles.add(role);
      targets.add(role == Role.CONFIG ? configTarget(name) : -1);
    }
  }

  int size() {
    return names.size();
  }

  private Role role(String name, Warnings warnings) {
    if (REFUSED.contains(name)) {
      throw SuiteErrors.unsupported(
          display + ":1",
          "column " + name + " is not supported (it changes the prompt or skips the model)",
          "remove the column; put fixed text in the prompt itself");
    }
    if (name.isEmpty()) {
      warnings.add(display + ": a column without a name is ignored");
      return Role.IGNORED;
    }
    if (name.startsWith("__metadata")) {
      warnings.add(
          display + ": column " + name + " is ignored (metadata only filters promptfoo runs)");
      return Role.IGNORED;
    }
    if (name.startsWith("__config:")) {
      return Role.CONFIG;
    }
    return switch (name) {
      case "__description" -> Role.DESCRIPTION;
      case "__threshold" -> Role.THRESHOLD;
      case "__metric" -> Role.METRIC;
      default -> name.startsWith("__expected") ? Role.EXPECTED : variable(name, warnings);
    };
  }

  private Role variable(String name, Warnings warnings) {
    for (String special :
        List.of("_expected", "_description", "_threshold", "_metric", "_config")) {
      if (name.startsWith(special)) {
        warnings.add(display + ": column " + name + " is a variable; did you mean _" + name + "?");
      }
    }
    return Role.VAR;
  }

  private int configTarget(String name) {
    Matcher m = CONFIG.matcher(name);
    if (!m.matches() || !m.group(2).equals("threshold")) {
      throw SuiteErrors.invalid(
          display + ":1",
          "column "
              + name
              + " is not __config:__expected:threshold or __config:__expectedN:threshold",
          "only an assertion's threshold can be set by column");
    }
    return m.group(1).isEmpty() ? 0 : Integer.parseInt(m.group(1)) - 1;
  }

  /**
   * The case a row stands for, as a suite would write it: {description, vars, assert, threshold}.
   */
  ObjectNode row(List<String> fields, int line) {
    String where = display + ":" + line;
    if (fields.size() != names.size()) {
      throw SuiteErrors.invalid(
          where,
          fields.size() + " fields, but the header has " + names.size() + " columns",
          "give every row one field per column (quote a field that holds a comma)");
    }
    ObjectNode node = Json.object();
    ObjectNode vars = node.putObject("vars");
    ArrayNode asserts = node.putArray("assert");
    String metric = null;
    for (int i = 0; i < fields.size(); i++) {
      String value = fields.get(i);
      switch (roles.get(i)) {
        case VAR -> vars.put(names.get(i), value);
        case EXPECTED -> {
          if (!value.isBlank()) {
            asserts.add(shorthand.parse(value.strip()));
          }
        }
        case DESCRIPTION -> {
          if (!value.isEmpty()) {
            node.put("description", value);
          }
        }
        case THRESHOLD -> threshold(node, value, where);
        case METRIC -> metric = value.isBlank() ? null : value;
        case CONFIG, IGNORED -> {}
      }
    }
    applyMetric(asserts, metric);
    applyConfig(asserts, fields, where);
    return node;
  }

  private static void threshold(ObjectNode node, String value, String where) {
    Double t = number(value, "__threshold", where);
    if (t != null && t != 0) {
      node.put("threshold", t);
    }
  }

  private static void applyMetric(ArrayNode asserts, String metric) {
    if (metric != null) {
      asserts.forEach(a -> ((ObjectNode) a).put("metric", metric));
    }
  }

  private void applyConfig(ArrayNode asserts, List<String> fields, String where) {
    for (int i = 0; i < fields.size(); i++) {
      if (roles.get(i) != Role.CONFIG) {
        continue;
      }
      int target = targets.get(i);
      Double threshold = number(fields.get(i), names.get(i), where);
      if (threshold != null && target < asserts.size()) {
        ((ObjectNode) asserts.get(target)).put("threshold", threshold);
      }
    }
  }

  private static Double number(String value, String column, String where) {
    if (value.isBlank()) {
      return null;
    }
    try {
      double d = Double.parseDouble(value.strip());
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw SuiteErrors.invalid(
        where,
        column + " must be a number, not '" + value + "'",
        "write e.g. 0.8, or leave it empty");
  }
}
