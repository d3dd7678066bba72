package dev.promptops.core.eval.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.dotprompt.CompiledPrompt;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.dotprompt.RenderedPrompt;
import dev.promptops.core.eval.Output;
import dev.promptops.core.eval.ProviderSpec;
import dev.promptops.core.eval.TestCase;
import dev.promptops.core.execution.Generation;
import dev.promptops.core.execution.ModelCalls;
import dev.promptops.core.execution.OutputCheck;
import dev.promptops.core.json.Json;
import dev.promptops.core.provider.GenerationConfig;
import dev.promptops.core.provider.ModelRef;
import java.util.List;
import java.util.Optional;

/**
 * Runs cases of one compiled prompt on a model, as a prompt run does: renders with the case's
 * variables (checked against the input schema), calls the prompt's model and its fallbacks (or the
 * suite's provider for this variant, without fallback) within limits and retries, checks JSON
 * output. Answers are looked up in and stored to the response cache.
 */
public final class PromptCaseRunner implements CaseRunner {
  private final String project;
  private final CompiledPrompt prompt;
  private final String ref;
  private final ProviderSpec provider;
  private final ModelCalls models;
  private final ResponseCache cache;
  private final ObjectNode options;

  /** Computed once; a missing node when the prompt has none. */
  private volatile JsonNode outputSchema;

  /**
   * @param project whose providers and limits the calls use (locally: any name)
   * @param ref the prompt as messages name it ({@code support/reply@3})
   * @param provider the suite's model for this variant, or null for the prompt's own
   */
  public PromptCaseRunner(
      String project,
      CompiledPrompt prompt,
      String ref,
      ProviderSpec provider,
      ModelCalls models,
      ResponseCache cache) {
    this.project = project;
    this.prompt = prompt;
    this.ref = ref;
    this.provider = provider;
    this.models = models;
    this.cache = cache == null ? ResponseCache.none() : cache;
    this.options = options(provider);
  }

  private static ObjectNode options(ProviderSpec provider) {
    if (provider == null || provider.config() == null || provider.config().isEmpty()) {
      return null;
    }
    ObjectNode o = Json.object();
    o.set("config", provider.config());
    return o;
  }

  /** The models this runner's cases go to, first tried first. */
  public List<ModelRef> candidates() {
    return provider != null
        ? List.of(provider.model())
        : ModelCalls.candidates(prompt.metadata(options), ref);
  }

  @Override
  public Output run(TestCase testCase) {
    long start = System.nanoTime();
    try {
      RenderedPrompt rendered = prompt.render(RenderData.of(testCase.vars()), options);
      ObjectNode metadata = rendered.metadata();
      List<ModelRef> candidates =
          provider != null ? List.of(provider.model()) : ModelCalls.candidates(metadata, ref);
      GenerationConfig config = Generation.config(metadata);
      String key =
          cache.enabled()
              ? CacheKey.of(
                  candidates.stream().map(ModelRef::toString).toList(),
                  candidates.stream().map(m -> models.endpoint(project, m)).toList(),
                  metadata.path("config"),
                  rendered.messages())
              : null;
      Optional<Output> hit = key == null ? Optional.empty() : cache.get(key);
      if (hit.isPresent()) {
        return cached(hit.get(), metadata);
      }
      ModelCalls.Outcome outcome =
          models.call(project, candidates, rendered.messages(), config, null);
      long latency = millisSince(start);
      if (!outcome.ok()) {
        return Output.failed(outcome.failed().getMessage(), latency);
      }
      String text = outcome.response().text();
      OutputCheck check = OutputCheck.of(metadata, text);
      var output =
          new Output(
              text,
              check.json(),
              check.errors(),
              latency,
              outcome.cost(),
              outcome.response().usage(),
              false,
              null);
      if (key != null) {
        cache.put(key, output);
      }
      return output;
    } catch (PromptOpsException e) {
      return Output.failed(e.getMessage(), millisSince(start));
    }
  }

  /** A cached answer, checked again against this prompt's output settings. */
  private static Output cached(Output hit, ObjectNode metadata) {
    OutputCheck check = OutputCheck.of(metadata, hit.text());
    return new Output(
        hit.text(),
        check.json(),
        check.errors(),
        hit.latencyMillis(),
        hit.cost(),
        hit.usage(),
        true,
        null);
  }

  @Override
  public JsonNode outputSchema() {
    JsonNode known = outputSchema;
    if (known == null) {
      JsonNode schema = OutputCheck.schema(prompt.metadata(options));
      known = schema == null ? MissingNode.getInstance() : schema;
      outputSchema = known;
    }
    return known.isMissingNode() ? null : known;
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
