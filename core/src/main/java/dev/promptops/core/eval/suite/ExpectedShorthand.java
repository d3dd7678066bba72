package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.eval.AssertionType;
import dev.promptops.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The assertion an {@code __expected} cell stands for, as promptfoo reads it: {@code TYPE: value},
 * {@code not-TYPE: value}, {@code TYPE(0.8): value} (a threshold), {@code TYPE} alone ({@code
 * is-json}); {@code javascript:}, {@code fn:}, {@code eval:} and {@code python:} code; {@code
 * grade:} for {@code llm-rubric:}; anything else is {@code equals} the whole text. The {@code
 * contains-any}/{@code -all} families split their value on commas. As in promptfoo, {@code similar}
 * without a threshold gets 0.8 and {@code starts-with}, {@code levenshtein}, {@code rouge-n},
 * {@code latency} and {@code cost} get 0.75. The result is an assertion as a suite would write it,
 * checked like any other (an unsupported type is reported, not dropped).
 */
final class ExpectedShorthand {
  /** promptfoo's assertion types, in promptfoo's order (its regular expression tries them so). */
  static final List<String> PROMPTFOO_TYPES =
      List.of(
          "answer-relevance",
          "bleu",
          "classifier",
          "contains",
          "contains-all",
          "contains-any",
          "contains-html",
          "contains-json",
          "contains-sql",
          "contains-xml",
          "context-faithfulness",
          "context-recall",
          "context-relevance",
          "conversation-relevance",
          "cost",
          "equals",
          "factuality",
          "finish-reason",
          "g-eval",
          "gleu",
          "guardrails",
          "icontains",
          "icontains-all",
          "icontains-any",
          "is-html",
          "is-json",
          "is-refusal",
          "is-sql",
          "is-valid-function-call",
          "is-valid-openai-function-call",
          "is-valid-openai-tools-call",
          "is-xml",
          "javascript",
          "latency",
          "levenshtein",
          "llm-rubric",
          "pi",
          "meteor",
          "model-graded-closedqa",
          "model-graded-factuality",
          "moderation",
          "perplexity",
          "perplexity-score",
          "python",
          "regex",
          "rouge-n",
          "ruby",
          "similar",
          "similar:cosine",
          "similar:dot",
          "similar:euclidean",
          "starts-with",
          "tool-call-f1",
          "skill-used",
          "trajectory:goal-success",
          "trajectory:tool-args-match",
          "trajectory:step-count",
          "trajectory:tool-sequence",
          "trajectory:tool-used",
          "trace-error-spans",
          "trace-span-count",
          "trace-span-duration",
          "search-rubric",
          "webhook",
          "word-count");

  private static final Set<String> LISTS =
      Set.of("contains-all", "contains-any", "icontains-all", "icontains-any");
  private static final Set<String> RAW = Set.of("contains-json", "is-json");
  private static final Set<String> THRESHOLDED =
      Set.of(
          "answer-relevance",
          "classifier",
          "context-faithfulness",
          "context-recall",
          "context-relevance",
          "cost",
          "latency",
          "levenshtein",
          "perplexity-score",
          "perplexity",
          "rouge-n",
          "similar",
          "starts-with");

  private static final Pattern PROMPTFOO = pattern(PROMPTFOO_TYPES);
  private static final Pattern NATIVE = pattern(nativeTypes());

  private final Pattern pattern;

  private ExpectedShorthand(Pattern pattern) {
    this.pattern = pattern;
  }

  /** promptfoo's shorthands exactly. */
  static final ExpectedShorthand FOR_PROMPTFOO = new ExpectedShorthand(PROMPTFOO);

  /** promptfoo's, and PromptOps' own types ({@code json-schema: …}) for native case files. */
  static final ExpectedShorthand FOR_NATIVE = new ExpectedShorthand(NATIVE);

  private static List<String> nativeTypes() {
    var all = new ArrayList<>(PROMPTFOO_TYPES);
    AssertionType.names().stream().filter(n -> !all.contains(n)).forEach(all::add);
    return all;
  }

  private static Pattern pattern(List<String> types) {
    String alternatives = types.stream().map(Pattern::quote).collect(Collectors.joining("|"));
    return Pattern.compile(
        "^(not-)?(" + alternatives + ")(?:\\((\\d+(?:\\.\\d+)?)\\))?(?::(.*))?$", Pattern.DOTALL);
  }

  /** The assertion of a trimmed, non-empty cell. */
  ObjectNode parse(String expected) {
    ObjectNode code = code(expected);
    if (code != null) {
      return code;
    }
    Matcher m = pattern.matcher(expected);
    if (!m.matches()) {
      return assertion("equals").put("value", expected);
    }
    String type = m.group(2);
    ObjectNode a = assertion((m.group(1) == null ? "" : "not-") + type);
    String value = m.group(4);
    if (LISTS.contains(type)) {
      if (value != null) {
        ArrayNode items = a.putArray("value");
        for (String item : value.split(",", -1)) {
          items.add(item.strip());
        }
      }
    } else if (value != null) {
      a.put("value", RAW.contains(type) ? value : value.strip());
    }
    if (THRESHOLDED.contains(type)) {
      a.put("threshold", m.group(3) != null ? Double.parseDouble(m.group(3)) : defaultFor(type));
    }
    return a;
  }

  private static double defaultFor(String type) {
    return type.equals("similar") ? 0.8 : 0.75;
  }

  /** Code and rubric prefixes, which promptfoo checks before the type pattern. */
  private static ObjectNode code(String expected) {
    for (String prefix : List.of("javascript:", "fn:", "eval:")) {
      if (expected.startsWith(prefix)) {
        return assertion("javascript").put("value", expected.substring(prefix.length()).strip());
      }
    }
    if (expected.startsWith("grade:") || expected.startsWith("llm-rubric:")) {
      String rubric = expected.substring(expected.indexOf(':') + 1).strip();
      return assertion("llm-rubric").put("value", rubric);
    }
    if (expected.startsWith("python:")) {
      return assertion("python").put("value", expected.substring(7).strip());
    }
    if (expected.startsWith(FileValues.PREFIX)) {
      String path = expected.substring(FileValues.PREFIX.length());
      if (path.matches(".*\\.py(:.*)?")) {
        return assertion("python").put("value", path.strip());
      }
      if (path.matches(".*\\.(js|cjs|mjs|ts|cts|mts)(:.*)?")) {
        return assertion("javascript").put("value", path.strip());
      }
    }
    return null;
  }

  private static ObjectNode assertion(String type) {
    return Json.object().put("type", type);
  }
}
