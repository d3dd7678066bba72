package dev.promptops.core.eval.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpectedShorthandTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Paris                          | {"type":"equals","value":"Paris"}
          contains:Paris                 | {"type":"contains","value":"Paris"}
          contains: Paris                | {"type":"contains","value":"Paris"}
          not-icontains: sorry           | {"type":"not-icontains","value":"sorry"}
          regex: ^\\d+$                  | {"type":"regex","value":"^\\\\d+$"}
          is-json                        | {"type":"is-json"}
          contains-json: {"a":1}         | {"type":"contains-json","value":" {\\"a\\":1}"}
          similar(0.8):Hello there       | {"type":"similar","value":"Hello there","threshold":0.8}
          similar: Hello                 | {"type":"similar","value":"Hello","threshold":0.8}
          levenshtein: Hi                | {"type":"levenshtein","value":"Hi","threshold":0.75}
          contains-all: a, b             | {"type":"contains-all","value":["a","b"]}
          llm-rubric: is polite          | {"type":"llm-rubric","value":"is polite"}
          grade: is polite               | {"type":"llm-rubric","value":"is polite"}
          javascript: output.length > 3  | {"type":"javascript","value":"output.length > 3"}
          fn: output === 'x'             | {"type":"javascript","value":"output === 'x'"}
          python: len(output) > 3        | {"type":"python","value":"len(output) > 3"}
          file://check.py                | {"type":"python","value":"check.py"}
          factuality: Paris is a city    | {"type":"factuality","value":"Paris is a city"}
          json-schema: {}                | {"type":"equals","value":"json-schema: {}"}
          Paris: the capital             | {"type":"equals","value":"Paris: the capital"}
          """)
  void readsAsPromptfooDoes(String cell, String json) {
    assertThat(Json.write(ExpectedShorthand.FOR_PROMPTFOO.parse(cell.strip()))).isEqualTo(json);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          json-schema: {}        | {"type":"json-schema","value":"{}"}
          contains: x            | {"type":"contains","value":"x"}
          """)
  void nativeCaseFilesAlsoKnowPromptOpsTypes(String cell, String json) {
    assertThat(Json.write(ExpectedShorthand.FOR_NATIVE.parse(cell.strip()))).isEqualTo(json);
  }
}
