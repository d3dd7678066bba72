package dev.promptops.core.eval;

/**
 * Who grades model-graded assertions.
 *
 * @param judge the model {@code llm-rubric} asks by default ({@code openai/gpt-4o-mini}); null:
 *     none, so every {@code llm-rubric} must name its own {@code provider}
 * @param prompt the grader prompt, a prompt like any other (a file or a registered version) taking
 *     {@code rubric}, {@code output} and {@code vars} and answering JSON {@code {pass, score,
 *     reason}}; null for the built-in grader
 * @param embeddings the embeddings model {@code similar} uses by default ({@code
 *     openai/text-embedding-3-small}); null: none
 */
public record GraderSpec(String judge, PromptSource prompt, String embeddings) {
  public static final GraderSpec NONE = new GraderSpec(null, null, null);
}
