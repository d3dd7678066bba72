package dev.promptops.core.dotprompt;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a template refers to, for code outside this package (component pinning). */
public final class TemplateReferences {
  private TemplateReferences() {}

  /**
   * The partials a template includes (inline partials it defines itself excepted), each with the
   * [line, column] of its first use in the template.
   */
  public static Map<String, int[]> partials(String template) {
    TemplateAnalysis analysis = TemplateAnalysis.of(template);
    var out = new LinkedHashMap<String, int[]>();
    analysis.partials().entrySet().stream()
        .sorted(
            java.util.Comparator.comparingInt(
                    (Map.Entry<String, TemplateAnalysis.Position> e) -> e.getValue().line())
                .thenComparingInt(e -> e.getValue().column()))
        .forEach(
            e -> {
              if (!analysis.inlinePartials().contains(e.getKey())) {
                out.put(e.getKey(), new int[] {e.getValue().line(), e.getValue().column()});
              }
            });
    return out;
  }
}
