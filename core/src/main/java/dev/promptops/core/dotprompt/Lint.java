package dev.promptops.core.dotprompt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.prompt.PromptFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks a prompt without rendering it: template syntax, helpers, partials (existence, cycles,
 * depth), schema validity, and variables: in a prompt that declares an input schema, a variable
 * used but not declared is an error (with a did-you-mean), one declared but never used a warning.
 * Variables used by partials included without their own context count as used by the prompt.
 */
public final class Lint {
  /** Undeclared variables that get a did-you-mean; past them, lint stays fast on huge prompts. */
  private static final int MAX_GUESSES = 100;

  /** Declared names listed in a hint. */
  private static final int MAX_LISTED = 20;

  private Lint() {}

  public static List<Problem> check(
      PromptFile file,
      String origin,
      Partials partials,
      Function<String, Optional<JsonNode>> schemas) {
    var problems = new ArrayList<Problem>();
    Dotprompt.checkTemplate(
        file.template(), origin, file.templateLine(), partials, problems, 0, List.of());
    JsonNode schema = null;
    try {
      var picoschema = new Picoschema(schemas);
      schema = picoschema.toJsonSchema(file.frontMatter().path("input").get("schema"));
      picoschema.toJsonSchema(file.frontMatter().path("output").get("schema"));
    } catch (PromptOpsException e) {
      problems.add(Problem.error(e.code(), origin, 0, 0, e.getMessage(), e.hint()));
    }
    if (InputValidation.describesObject(schema) && schema.path("properties").isObject()) {
      variables(file, origin, partials, schema, problems);
    }
    if (problems.stream().noneMatch(Problem::isError)) {
      try {
        Dotprompt.compile(file, origin, partials, schemas);
      } catch (TemplateException e) {
        problems.addAll(e.problems());
      }
    }
    return sorted(problems);
  }

  /** Lint without named schemas. */
  public static List<Problem> check(PromptFile file, String origin, Partials partials) {
    return check(file, origin, partials, name -> Optional.empty());
  }

  private static void variables(
      PromptFile file, String origin, Partials partials, JsonNode schema, List<Problem> out) {
    Set<String> declared = new java.util.TreeSet<>();
    schema.path("properties").fieldNames().forEachRemaining(declared::add);
    boolean open =
        schema.path("additionalProperties").isObject()
            || schema.path("additionalProperties").asBoolean(false);
    var used = new LinkedHashMap<String, int[]>();
    collect(file.template(), file.templateLine(), partials, used, Set.of(), 0);
    String hint = "declared: " + listed(declared) + "; declare it or fix the name";
    int guesses = 0;
    for (var e : used.entrySet()) {
      if (!declared.contains(e.getKey()) && !open) {
        String guess = guesses++ < MAX_GUESSES ? closest(e.getKey(), declared) : null;
        out.add(
            new Problem(
                Problem.Severity.ERROR,
                "undeclared_variable",
                origin,
                e.getValue()[0],
                e.getValue()[1],
                e.getKey(),
                "variable '"
                    + e.getKey()
                    + "' is not declared in the input schema"
                    + (guess == null ? "" : "; did you mean '" + guess + "'?"),
                hint));
      }
    }
    for (String name : declared) {
      if (!used.containsKey(name)) {
        out.add(
            new Problem(
                Problem.Severity.WARNING,
                "unused_variable",
                origin,
                0,
                0,
                name,
                "variable '" + name + "' is declared in the input schema but never used",
                "use it in the template, or remove it from the schema"));
      }
    }
  }

  /** Top-level variables of a template and of the partials it includes in the same context. */
  private static void collect(
      String template,
      int firstLine,
      Partials partials,
      Map<String, int[]> used,
      Set<String> provided,
      int depth) {
    TemplateAnalysis analysis = TemplateAnalysis.of(template);
    analysis
        .variables()
        .forEach(
            (name, p) -> {
              if (!provided.contains(name)) {
                used.putIfAbsent(name, new int[] {firstLine + p.line() - 1, p.column()});
              }
            });
    if (depth >= Dotprompt.MAX_PARTIAL_DEPTH) {
      return;
    }
    for (TemplateScanner.Tag tag : partialTags(template)) {
      if (!tag.params().isEmpty()) {
        continue;
      }
      var hashKeys = new java.util.HashSet<>(provided);
      hashKeys.addAll(tag.hash().keySet());
      int line = firstLine + tag.line() - 1;
      partials
          .template(tag.name())
          .ifPresent(
              body -> {
                var inner = new LinkedHashMap<String, int[]>();
                collect(body, 1, partials, inner, hashKeys, depth + 1);
                inner.keySet().forEach(n -> used.putIfAbsent(n, new int[] {line, tag.column()}));
              });
    }
  }

  private static List<TemplateScanner.Tag> partialTags(String template) {
    try {
      return TemplateScanner.scan(template).stream()
          .filter(
              t ->
                  t.kind() == TemplateScanner.Kind.PARTIAL
                      || t.kind() == TemplateScanner.Kind.PARTIAL_BLOCK)
          .toList();
    } catch (TemplateScanner.ScanException e) {
      return List.of();
    }
  }

  private static String listed(Set<String> names) {
    if (names.size() <= MAX_LISTED) {
      return String.join(", ", names);
    }
    return String.join(", ", names.stream().limit(MAX_LISTED).toList())
        + " and "
        + (names.size() - MAX_LISTED)
        + " more";
  }

  /** The declared name closest to a misspelt one, if it is close enough to be a typo. */
  static String closest(String name, Set<String> candidates) {
    String best = null;
    int allowed = Math.max(1, Math.min(3, name.length() / 3));
    int bestDistance = allowed + 1;
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    for (String c : candidates) {
      int d = distance(lower, c.toLowerCase(java.util.Locale.ROOT), allowed);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  /**
   * The edit distance of two strings if it is at most {@code max}, else {@code max + 1}. Only the
   * cells within {@code max} of the diagonal count, so it takes time in proportion to the length,
   * not its square: names may be as long as a prompt file.
   */
  private static int distance(String a, String b, int max) {
    int over = max + 1;
    if (Math.abs(a.length() - b.length()) > max) {
      return over;
    }
    int[] prev = new int[b.length() + 2];
    int[] cur = new int[b.length() + 2];
    for (int j = 0; j <= b.length() + 1; j++) {
      prev[j] = Math.min(j, over);
    }
    for (int i = 1; i <= a.length(); i++) {
      int from = Math.max(1, i - max);
      int to = Math.min(b.length(), i + max);
      cur[from - 1] = from == 1 ? Math.min(i, over) : over;
      int rowMin = cur[from - 1];
      for (int j = from; j <= to; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] =
            Math.min(over, Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost));
        rowMin = Math.min(rowMin, cur[j]);
      }
      cur[to + 1] = over;
      if (rowMin > max) {
        return over;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static List<Problem> sorted(List<Problem> problems) {
    return problems.stream().sorted(Problem.ORDER).toList();
  }
}
