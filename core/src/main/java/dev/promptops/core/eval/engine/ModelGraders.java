package dev.promptops.core.eval.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.ErrorKind;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.dotprompt.CompiledPrompt;
import dev.promptops.core.dotprompt.Dotprompt;
import dev.promptops.core.dotprompt.Partials;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.dotprompt.RenderedPrompt;
import dev.promptops.core.eval.Graders;
import dev.promptops.core.eval.Output;
import dev.promptops.core.execution.Generation;
import dev.promptops.core.execution.ModelCalls;
import dev.promptops.core.execution.OutputCheck;
import dev.promptops.core.json.Json;
import dev.promptops.core.prompt.PromptDigest;
import dev.promptops.core.prompt.PromptFile;
import dev.promptops.core.provider.ModelRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The graders of a run, on real models: {@code llm-rubric} renders the grader prompt (a prompt like
 * any other, the built-in one unless the suite names its own) with the rubric, the output and the
 * case's variables as data, asks the judge model for JSON and reads {@code {pass, score, reason}};
 * {@code similar} embeds texts, each text once per run. Judge answers go through the response cache
 * like case outputs.
 */
public final class ModelGraders implements Graders {
  /** The built-in grader prompt's source, as shipped. */
  public static final String BUILT_IN_SOURCE = builtIn();

  /** Metadata asking for JSON output, to read a custom grader's answer that did not ask. */
  private static final ObjectNode JSON_OUTPUT = jsonOutput();

  private final String project;
  private final ModelCalls models;
  private final CompiledPrompt grader;
  private final String defaultJudge;
  private final String defaultEmbeddings;
  private final EmbeddingCalls embeddings;
  private final ResponseCache cache;
  private final Map<String, float[]> vectors = new ConcurrentHashMap<>();

  /**
   * @param grader the grader prompt, or null for the built-in one
   * @param defaultJudge the model {@code llm-rubric} uses when it names none (else the grader
   *     prompt's own {@code model}); null for none
   * @param defaultEmbeddings the model {@code similar} uses when it names none; null for none
   */
  public ModelGraders(
      String project,
      ModelCalls models,
      CompiledPrompt grader,
      String defaultJudge,
      String defaultEmbeddings,
      EmbeddingCalls embeddings,
      ResponseCache cache) {
    this.project = project;
    this.models = models;
    this.grader = grader != null ? grader : builtInGrader();
    this.defaultJudge = defaultJudge;
    this.defaultEmbeddings = defaultEmbeddings;
    this.embeddings = embeddings == null ? EmbeddingCalls.none() : embeddings;
    this.cache = cache == null ? ResponseCache.none() : cache;
  }

  /** The built-in grader prompt, compiled. */
  public static CompiledPrompt builtInGrader() {
    return Dotprompt.compile(
        PromptFile.parse(BUILT_IN_SOURCE, "promptops/grader"), "promptops/grader", Partials.none());
  }

  /** The digest of the built-in grader, recorded with runs that use it. */
  public static String builtInDigest() {
    return PromptDigest.of(PromptFile.parse(BUILT_IN_SOURCE, "promptops/grader"), List.of());
  }

  @Override
  public float[] embed(String provider, String text) {
    String model = provider != null ? provider : defaultEmbeddings;
    if (model == null) {
      return Graders.none().embed(null, text);
    }
    ModelRef ref = ModelRef.parse(model);
    return vectors.computeIfAbsent(ref + "\n" + text, k -> embeddings.embed(ref, text));
  }

  @Override
  public Judgement judge(String provider, String rubric, String output, ObjectNode vars) {
    ObjectNode input =
        Json.object().put("rubric", rubric).put("output", output).put("vars", Json.write(vars));
    RenderedPrompt rendered = grader.render(RenderData.of(input));
    ObjectNode metadata = rendered.metadata();
    ModelRef judge = judgeModel(provider, metadata);
    List<ModelRef> candidates = List.of(judge);
    String key =
        CacheKey.of(
            List.of(judge.toString()),
            List.of(models.endpoint(project, judge)),
            metadata.path("config"),
            rendered.messages());
    Optional<Output> hit = cache.get(key);
    String text;
    if (hit.isPresent()) {
      text = hit.get().text();
    } else {
      ModelCalls.Outcome outcome =
          models.call(project, candidates, rendered.messages(), Generation.config(metadata), null);
      if (!outcome.ok()) {
        throw outcome.failed();
      }
      text = outcome.response().text();
      cache.put(
          key,
          new Output(
              text, null, List.of(), 0, outcome.cost(), outcome.response().usage(), false, null));
    }
    return verdict(judge, metadata, text);
  }

  private ModelRef judgeModel(String provider, ObjectNode metadata) {
    if (provider != null) {
      return ModelRef.parse(provider);
    }
    if (defaultJudge != null) {
      return ModelRef.parse(defaultJudge);
    }
    JsonNode own = metadata.get("model");
    if (own != null && own.isTextual() && !own.asText().isBlank()) {
      return ModelRef.parse(own.asText());
    }
    throw noJudge();
  }

  private static Judgement verdict(ModelRef judge, ObjectNode metadata, String text) {
    JsonNode json = OutputCheck.of(metadata, text).json();
    if (json == null) {
      json = OutputCheck.of(JSON_OUTPUT, text).json();
    }
    if (json == null || !json.path("pass").isBoolean()) {
      throw new PromptOpsException(
          ErrorKind.UNAVAILABLE,
          "bad_judgement",
          "the judge "
              + judge
              + " did not answer with {\"pass\": …, \"score\": …, \"reason\": …}: "
              + abbreviate(text),
          "use a stronger judge model, or a grader prompt that asks for that JSON");
    }
    boolean pass = json.get("pass").asBoolean();
    double score =
        json.path("score").isNumber() ? json.get("score").asDouble() : (pass ? 1.0 : 0.0);
    return new Judgement(pass, Math.max(0, Math.min(1, score)), json.path("reason").asText(""));
  }

  private static String abbreviate(String text) {
    String t = text.strip().replaceAll("\\s+", " ");
    return t.length() <= 200 ? t : t.substring(0, 197) + "...";
  }

  private static String builtIn() {
    try (InputStream in =
        ModelGraders.class.getResourceAsStream("/dev/promptops/core/eval/grader.prompt")) {
      if (in == null) {
        throw new IllegalStateException("the built-in grader prompt is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode jsonOutput() {
    ObjectNode n = Json.object();
    n.putObject("output").put("format", "json");
    return n;
  }

  static InvalidInputException noJudge() {
    return new InvalidInputException(
        "no_judge",
        "an 'llm-rubric' assertion needs a judge model, and none is configured",
        "name one in the suite (grader.provider, or the assertion's provider), e.g."
            + " openai/gpt-4o-mini");
  }
}
