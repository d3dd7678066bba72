package dev.promptops.core.dotprompt.fuzz;

import static dev.promptops.core.dotprompt.fuzz.Fuzzing.ORIGIN;
import static dev.promptops.core.dotprompt.fuzz.Fuzzing.answerOrNull;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.promptops.core.dotprompt.Dotprompt;
import dev.promptops.core.dotprompt.Lint;
import dev.promptops.core.dotprompt.Partials;
import dev.promptops.core.dotprompt.Problem;
import dev.promptops.core.dotprompt.TemplateReferences;
import dev.promptops.core.prompt.PromptFile;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * What a push does with a prompt and its components: {@link TemplateReferences#partials}, {@link
 * Lint#check}, then {@link Dotprompt#compile} as rendering does. Lint and compilation must agree: a
 * prompt lint lets through compiles.
 */
class LintFuzzTest {

  @FuzzTest(maxDuration = Fuzzing.DURATION)
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void lintAndCompile(byte[] data) {
    if (data.length > Fuzzing.MAX_INPUT_BYTES) {
      return;
    }
    FuzzInput input = FuzzInput.of(data);
    PromptFile file = answerOrNull(() -> PromptFile.parse(input.main(), ORIGIN));
    if (file == null) {
      return;
    }
    Partials partials = input.partials();
    TemplateReferences.partials(file.template());
    List<Problem> problems = Lint.check(file, ORIGIN, partials);
    for (Problem p : problems) {
      assertThat(p.code()).isNotBlank();
      assertThat(p.message()).isNotBlank();
      assertThat(p.line()).isNotNegative();
      assertThat(p.column()).isNotNegative();
    }
    if (problems.stream().noneMatch(Problem::isError)) {
      Dotprompt.compile(file, ORIGIN, partials);
    } else {
      answerOrNull(() -> Dotprompt.compile(file, ORIGIN, partials));
    }
  }
}
