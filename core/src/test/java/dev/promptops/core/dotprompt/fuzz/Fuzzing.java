package dev.promptops.core.dotprompt.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.dotprompt.CompiledPrompt;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.dotprompt.RenderPaths;
import dev.promptops.core.dotprompt.RenderedPrompt;
import java.util.function.Supplier;

/**
 * What the fuzz tests share. Their property, for every input: the engine answers, or refuses with a
 * {@link PromptOpsException} whose message says what is wrong; it never throws anything else (a
 * StackOverflowError, a NullPointerException, a ClassCastException…) and never hangs (each input
 * has 10 seconds: {@code @Timeout}, which Jazzer passes to libFuzzer as {@code -timeout}).
 *
 * <p>{@code ./mvnw verify} runs each target over its seed corpus, {@code
 * src/test/resources/dev/promptops/core/dotprompt/fuzz/<Class>Inputs/<method>/}; with {@code
 * JAZZER_FUZZ=1} Jazzer fuzzes (core/README.md, "Fuzzing").
 */
final class Fuzzing {
  /**
   * Inputs larger than this are skipped: the fuzzer explores structure, not size (libFuzzer makes
   * inputs of at most 4096 bytes unless a seed is larger). {@code EngineLimitsTest} covers inputs
   * as large as a push accepts.
   */
  static final int MAX_INPUT_BYTES = 64 * 1024;

  /** The maximal fuzzing time of each target in a fuzzing run, unless overridden. */
  static final String DURATION = "20s";

  static final String ORIGIN = "fuzz.prompt";

  /** Whether Jazzer is fuzzing (not replaying the seed corpus). */
  private static final boolean FUZZING = System.getenv("JAZZER_FUZZ") != null;

  /**
   * Whether a fuzzing run also compares the two render paths ({@code PROMPTOPS_FUZZ_PATHS=1}): done
   * in long local runs; CI's short run looks for crashes, and the seeds are compared always.
   */
  private static final boolean COMPARE_WHILE_FUZZING =
      "1".equals(System.getenv("PROMPTOPS_FUZZ_PATHS"));

  private Fuzzing() {}

  /** The engine's answer, or null when it refused the input with a PromptOpsException. */
  static <T> T answerOrNull(Supplier<T> call) {
    try {
      return call.get();
    } catch (PromptOpsException e) {
      assertThat(e.getMessage()).as("message of a %s refusal", e.code()).isNotBlank();
      return null;
    }
  }

  /**
   * When the prompt is on the direct render path, renders it there and with Handlebars.java: both
   * must give the same messages, or the same error.
   */
  static void sameOnBothPaths(CompiledPrompt prompt, JsonNode data) {
    if (!RenderPaths.direct(prompt) || (FUZZING && !COMPARE_WHILE_FUZZING)) {
      return;
    }
    RenderData render = answerOrNull(() -> RenderData.fromJson(data));
    if (render == null) {
      return;
    }
    assertThat(RenderPaths.outcome(prompt, render, null, true))
        .as("the direct path renders what Handlebars.java renders")
        .isEqualTo(RenderPaths.outcome(prompt, render, null, false));
  }

  /** Renders with the given render data (null: no variables) and checks the messages' shape. */
  static void render(CompiledPrompt prompt, JsonNode data) {
    RenderedPrompt rendered = answerOrNull(() -> prompt.render(RenderData.fromJson(data)));
    if (rendered == null) {
      return;
    }
    for (JsonNode message : rendered.messages()) {
      assertThat(message.path("role").isTextual()).as("role of %s", message).isTrue();
      assertThat(message.path("content").isArray()).as("content of %s", message).isTrue();
    }
  }
}
