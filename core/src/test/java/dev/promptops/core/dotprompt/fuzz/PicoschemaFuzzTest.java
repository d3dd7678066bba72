package dev.promptops.core.dotprompt.fuzz;

import static dev.promptops.core.dotprompt.fuzz.Fuzzing.ORIGIN;
import static dev.promptops.core.dotprompt.fuzz.Fuzzing.answerOrNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.promptops.core.dotprompt.CompiledPrompt;
import dev.promptops.core.dotprompt.Dotprompt;
import dev.promptops.core.dotprompt.Lint;
import dev.promptops.core.dotprompt.Problem;
import dev.promptops.core.prompt.PromptFile;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Picoschema (or JSON Schema) as {@code input.schema} and {@code output.schema} of a prompt: lint,
 * compile, metadata and a render, whose variables are checked against the schema. The main part of
 * the input is the schema's YAML; sections may give a {@code template} and render {@code data}.
 */
class PicoschemaFuzzTest {
  private static final String TEMPLATE = "{{#each this}}{{@key}}: {{json this}}\n{{/each}}";

  @FuzzTest(maxDuration = Fuzzing.DURATION)
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void frontMatterSchemas(byte[] data) {
    if (data.length > Fuzzing.MAX_INPUT_BYTES) {
      return;
    }
    FuzzInput input = FuzzInput.of(data);
    String schema = indented(input.main());
    String source =
        "---\ninput:\n  schema:\n"
            + schema
            + "output:\n  schema:\n"
            + schema
            + "---\n"
            + input.section("template", TEMPLATE);
    PromptFile file = answerOrNull(() -> PromptFile.parse(source, ORIGIN));
    if (file == null
        || Lint.check(file, ORIGIN, input.partials()).stream().anyMatch(Problem::isError)) {
      return;
    }
    CompiledPrompt prompt = Dotprompt.compile(file, ORIGIN, input.partials());
    prompt.metadata(null);
    Fuzzing.render(prompt, input.data());
  }

  /** The YAML nested under {@code schema:}. */
  private static String indented(String yaml) {
    var out = new StringBuilder();
    for (String line : yaml.split("\n", -1)) {
      out.append("    ").append(line).append('\n');
    }
    return out.toString();
  }
}
