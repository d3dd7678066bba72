package dev.promptops.core.dotprompt.fuzz;

import static dev.promptops.core.dotprompt.fuzz.Fuzzing.ORIGIN;
import static dev.promptops.core.dotprompt.fuzz.Fuzzing.answerOrNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.promptops.core.dotprompt.CompiledPrompt;
import dev.promptops.core.dotprompt.Dotprompt;
import dev.promptops.core.prompt.PromptFile;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Rendering with any variables: a prompt, its partials and the render data ({@code input}, {@code
 * context}, {@code messages}, {@code docs}) all come from the fuzzer (see {@link FuzzInput}). A
 * template on the direct render path must render there what Handlebars.java renders.
 */
class RenderFuzzTest {

  @FuzzTest(maxDuration = Fuzzing.DURATION)
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void render(byte[] data) {
    if (data.length > Fuzzing.MAX_INPUT_BYTES) {
      return;
    }
    FuzzInput input = FuzzInput.of(data);
    CompiledPrompt prompt =
        answerOrNull(
            () ->
                Dotprompt.compile(
                    PromptFile.parse(input.main(), ORIGIN), ORIGIN, input.partials()));
    if (prompt != null) {
      Fuzzing.render(prompt, input.data());
      Fuzzing.sameOnBothPaths(prompt, input.data());
    }
  }
}
