package dev.promptops.core.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What model-graded assertions call: an embeddings provider for {@code similar}, a model as judge
 * for {@code llm-rubric}. The engine supplies one per run (over the suite's providers, with the
 * same limits, retries and cache as the cases); assertions never reach a provider otherwise.
 */
public interface Graders {

  /**
   * The embedding of {@code text}.
   *
   * @param provider the assertion's {@code provider}, or null for the suite's default
   * @throws dev.promptops.core.PromptOpsException when there is no embeddings provider or it fails
   */
  float[] embed(String provider, String text);

  /**
   * A judge model's verdict on {@code output} against {@code rubric}, from the suite's grader
   * prompt (itself a versioned prompt) rendered with {@code {rubric, output, vars}}.
   *
   * @param provider the assertion's {@code provider}, or null for the suite's default judge
   * @throws dev.promptops.core.PromptOpsException when there is no judge or it fails
   */
  Judgement judge(String provider, String rubric, String output, ObjectNode vars);

  /** A judge's answer: pass, a score in [0, 1], and its reason. */
  record Judgement(boolean pass, double score, String reason) {}

  /** Graders for suites without model-graded assertions: every call says how to configure one. */
  static Graders none() {
    return new Graders() {
      @Override
      public float[] embed(String provider, String text) {
        throw new dev.promptops.core.InvalidInputException(
            "no_embeddings_provider",
            "a 'similar' assertion needs an embeddings provider, and none is configured",
            "name one in the suite (defaultTest.options.provider.embedding, or the assertion's"
                + " provider), e.g. openai/text-embedding-3-small");
      }

      @Override
      public Judgement judge(String provider, String rubric, String output, ObjectNode vars) {
        throw new dev.promptops.core.InvalidInputException(
            "no_judge",
            "an 'llm-rubric' assertion needs a judge model, and none is configured",
            "name one in the suite (grader.provider, or the assertion's provider), e.g."
                + " openai/gpt-4o-mini");
      }
    };
  }
}
