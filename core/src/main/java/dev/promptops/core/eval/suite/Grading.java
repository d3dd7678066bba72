package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * promptfoo's grading provider ({@code options.provider}): an id, {@code {id, config}}, or {@code
 * {text: …, embedding: …}}. An embeddings id grades {@code similar}; any other grades {@code
 * llm-rubric}.
 *
 * @param judge the model for {@code llm-rubric}, as {@code provider/model}; null for none
 * @param embeddings the model for {@code similar}; null for none
 */
record Grading(String judge, String embeddings) {
  static final Grading NONE = new Grading(null, null);

  static Grading read(JsonNode p, String where, Warnings warnings) {
    if (Nodes.absent(p)) {
      return NONE;
    }
    if (p.isObject() && (p.has("text") || p.has("embedding"))) {
      Nodes.onlyKeys(p, java.util.List.of("text", "embedding"), where);
      Grading text = read(p.get("text"), where + ".text", warnings);
      Grading embedding = read(p.get("embedding"), where + ".embedding", warnings);
      return new Grading(text.judge(), embedding.embeddings());
    }
    JsonNode id = p.isObject() ? p.get("id") : p;
    if (id == null || !id.isTextual()) {
      throw SuiteErrors.invalid(
          where,
          "must be a provider id, {id: …} or {text: …, embedding: …}",
          "write e.g. provider: openai:gpt-4o-mini");
    }
    if (p.isObject() && p.has("config")) {
      warnings.add(where + ": config is ignored; the grading model runs with its defaults");
    }
    ProviderIds.Mapped m = ProviderIds.map(id.textValue(), where);
    String model = m.model().toString();
    return m.use() == ProviderIds.Use.EMBEDDINGS
        ? new Grading(null, model)
        : new Grading(model, null);
  }
}
