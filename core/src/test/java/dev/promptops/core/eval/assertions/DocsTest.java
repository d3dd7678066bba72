package dev.promptops.core.eval.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.eval.AssertionType;
import dev.promptops.core.eval.EvalJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every YAML example of docs/eval-assertions.md is an assertion that passes {@code check}. */
class DocsTest {
  static final Path DOC = Path.of("../docs/eval-assertions.md");
  static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);

  static List<JsonNode> examples() throws IOException {
    var found = new ArrayList<JsonNode>();
    Matcher m = YAML_BLOCK.matcher(Files.readString(DOC));
    while (m.find()) {
      JsonNode block = Fixtures.yaml(m.group(1));
      block.path("assert").forEach(found::add);
      if (block.isArray()) {
        block.forEach(found::add);
      }
    }
    return found;
  }

  @Test
  void everyExampleIsValidAndEveryTypeHasOne() throws IOException {
    var types = EnumSet.noneOf(AssertionType.class);
    for (JsonNode example : examples()) {
      var spec = EvalJson.assertion(example);
      assertThatCode(() -> Assertions.check(spec))
          .as(example.toString())
          .doesNotThrowAnyException();
      types.add(spec.type());
    }
    assertThat(types).containsExactlyInAnyOrder(AssertionType.values());
  }

  @Test
  void everyTypeHasASection() throws IOException {
    String doc = Files.readString(DOC);
    for (AssertionType t : AssertionType.values()) {
      assertThat(doc)
          .as(t.wireName())
          .containsPattern("(?m)^### .*\\b" + Pattern.quote(t.wireName()) + "\\b");
    }
  }
}
