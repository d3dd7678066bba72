package dev.promptops.core.eval.assertions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.promptops.core.eval.AssertionContext;
import dev.promptops.core.eval.AssertionSpec;
import dev.promptops.core.eval.assertions.Rule.Threshold;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * {@code json-path}: one value of the output's JSON, found by {@link JsonPath}, must satisfy one
 * condition. The value is {@code {path, OPERATOR: operand}} with at most one operator: {@code
 * equals} (deep equality), {@code in} (equals one of a list), {@code contains} (a substring of a
 * string, or an item of a list), {@code matches} (an RE2 regular expression found in the value's
 * text) or {@code exists} (true or false). No operator, or a plain string value naming only the
 * path, means {@code exists: true}. Text operands may refer to variables.
 */
final class JsonPathRule {
  private static final String EXAMPLE = "value: {path: $.order.status, equals: shipped}";
  private static final List<String> OPERATORS =
      List.of("equals", "in", "contains", "matches", "exists");

  static final Rule RULE =
      new Rule(Threshold.NONE, EXAMPLE, JsonPathRule::check, JsonPathRule::judge);

  private JsonPathRule() {}

  /** A parsed value: the path, the operator and what it compares with. */
  record Query(JsonPath path, String operator, JsonNode operand) {}

  private static void check(AssertionSpec spec, String example) {
    try {
      query(spec.value());
    } catch (IllegalArgumentException e) {
      throw Problems.invalid(spec, e.getMessage(), example);
    }
  }

  /**
   * The query a value writes.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  static Query query(JsonNode value) {
    if (value != null && value.isTextual()) {
      return new Query(path(value), "exists", BooleanNode.TRUE);
    }
    if (value == null || !value.isObject()) {
      throw new IllegalArgumentException(
          "needs a value: {path, and one of "
              + String.join(", ", OPERATORS)
              + "}, got "
              + Values.describe(value));
    }
    List<String> operators = operators(value);
    if (operators.size() > 1) {
      throw new IllegalArgumentException(
          "give one condition, not " + String.join(" and ", operators));
    }
    JsonPath path = path(value.get("path"));
    String operator = operators.isEmpty() ? "exists" : operators.getFirst();
    JsonNode operand = operators.isEmpty() ? BooleanNode.TRUE : value.get(operator);
    checkOperand(operator, operand);
    return new Query(path, operator, operand);
  }

  private static List<String> operators(JsonNode value) {
    var found = new ArrayList<String>();
    for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (OPERATORS.contains(key)) {
        found.add(key);
      } else if (!key.equals("path")) {
        throw new IllegalArgumentException(
            "unknown key '" + key + "'; write path and one of " + String.join(", ", OPERATORS));
      }
    }
    return found;
  }

  private static JsonPath path(JsonNode path) {
    if (path == null || !path.isTextual() || path.textValue().isBlank()) {
      throw new IllegalArgumentException(
          "needs a path, a string such as $.order.status, got " + Values.describe(path));
    }
    try {
      return JsonPath.parse(path.textValue().strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "path " + Format.quote(path.textValue()) + " " + e.getMessage(), e);
    }
  }

  private static void checkOperand(String operator, JsonNode operand) {
    switch (operator) {
      case "in" -> {
        if (!operand.isArray() || operand.isEmpty()) {
          throw new IllegalArgumentException(
              "in needs a non-empty list, got " + Values.describe(operand));
        }
      }
      case "exists" -> {
        if (!operand.isBoolean()) {
          throw new IllegalArgumentException(
              "exists needs true or false, got " + Values.describe(operand));
        }
      }
      case "matches" -> {
        if (!operand.isTextual()) {
          throw new IllegalArgumentException(
              "matches needs a regular expression as a string, got " + Values.describe(operand));
        }
        try {
          Patterns.compile(Variables.placeholders(operand.textValue(), "x"));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("matches " + e.getMessage(), e);
        }
      }
      case "contains" -> {
        if (operand.isContainerNode()) {
          throw new IllegalArgumentException(
              "contains needs a text, number or boolean, got " + Values.describe(operand));
        }
      }
      default -> {}
    }
  }

  private static Verdict judge(AssertionSpec spec, AssertionContext ctx) {
    Query q = query(spec.value());
    JsonText.Parsed parsed = JsonText.of(ctx.output());
    if (!parsed.ok()) {
      return Verdict.cannotJudge(
          "output is not JSON, so " + q.path() + " cannot be looked up: " + parsed.error());
    }
    Optional<JsonNode> found = q.path().select(parsed.json());
    if (q.operator().equals("exists")) {
      boolean exists = found.isPresent();
      return Verdict.of(
          exists == q.operand().booleanValue(),
          q.path() + (exists ? " exists" : " does not exist"));
    }
    if (found.isEmpty()) {
      return Verdict.of(false, "no value at " + q.path());
    }
    return compare(q, found.get(), ctx);
  }

  private static Verdict compare(Query q, JsonNode actual, AssertionContext ctx) {
    String at = q.path() + " is " + Format.json(actual);
    return switch (q.operator()) {
      case "equals" -> {
        JsonNode expected = substituted(q.operand(), ctx);
        boolean equal = JsonEquality.equal(expected, actual);
        yield Verdict.of(equal, equal ? at : at + ", expected " + Format.json(expected));
      }
      case "in" -> in(at, substitutedItems(q.operand(), ctx), actual);
      case "contains" -> contains(q, at, Values.substituted(q.operand(), ctx), actual);
      default -> matches(q, Values.substituted(q.operand(), ctx), actual);
    };
  }

  private static Verdict in(String at, List<JsonNode> options, JsonNode actual) {
    boolean one = options.stream().anyMatch(o -> JsonEquality.equal(o, actual));
    String listed = Format.json(JsonNodeFactory.instance.arrayNode().addAll(options));
    return Verdict.of(one, at + (one ? ", one of " : ", not one of ") + listed);
  }

  private static Verdict contains(Query q, String at, String expected, JsonNode actual) {
    if (actual.isTextual()) {
      boolean found = actual.textValue().contains(expected);
      return Verdict.of(
          found, q.path() + (found ? " contains " : " does not contain ") + Format.quote(expected));
    }
    if (actual.isArray()) {
      boolean found = false;
      for (JsonNode item : actual) {
        found |= item.isValueNode() && Values.text(item).equals(expected);
      }
      return Verdict.of(
          found, q.path() + (found ? " has the item " : " has no item ") + Format.quote(expected));
    }
    return Verdict.of(false, at + ", neither a text nor a list, so it contains nothing");
  }

  private static Verdict matches(Query q, String regex, JsonNode actual) {
    com.google.re2j.Pattern pattern;
    try {
      pattern = Patterns.compile(regex);
    } catch (IllegalArgumentException e) {
      return Verdict.cannotJudge("after substituting variables, " + e.getMessage());
    }
    String text = Values.text(actual);
    boolean found = pattern.matcher(text).find();
    return Verdict.of(
        found,
        q.path()
            + " "
            + Format.quote(text)
            + (found ? " matches " : " does not match ")
            + Patterns.show(regex));
  }

  private static JsonNode substituted(JsonNode operand, AssertionContext ctx) {
    return operand.isTextual()
        ? TextNode.valueOf(Variables.substitute(operand.textValue(), ctx.vars()))
        : operand;
  }

  private static List<JsonNode> substitutedItems(JsonNode list, AssertionContext ctx) {
    var out = new ArrayList<JsonNode>();
    list.forEach(item -> out.add(substituted(item, ctx)));
    return out;
  }
}
