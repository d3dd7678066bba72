package dev.promptops.core.dotprompt.fuzz;

import static dev.promptops.core.dotprompt.fuzz.Fuzzing.ORIGIN;
import static dev.promptops.core.dotprompt.fuzz.Fuzzing.answerOrNull;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.promptops.core.prompt.PromptFile;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** The front matter parser on any text: {@link PromptFile#parse}. */
class PromptFileFuzzTest {

  @FuzzTest(maxDuration = Fuzzing.DURATION)
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void parse(byte[] data) {
    if (data.length > Fuzzing.MAX_INPUT_BYTES) {
      return;
    }
    String source = new String(data, StandardCharsets.UTF_8);
    PromptFile file = answerOrNull(() -> PromptFile.parse(source, ORIGIN));
    if (file == null) {
      return;
    }
    String text = PromptFile.normalize(source);
    assertThat(file.template()).doesNotContain("\r");
    assertThat(file.templateLine()).isBetween(1, (int) text.lines().count() + 1);
    if (file.templateLine() == 1 && file.frontMatter().isEmpty()) {
      assertThat(file.template()).as("a file without front matter is all template").isEqualTo(text);
    }
  }
}
