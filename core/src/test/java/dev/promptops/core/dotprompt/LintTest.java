package dev.promptops.core.dotprompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.prompt.PromptFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LintTest {

  static List<Problem> lint(String source, Map<String, String> partials) {
    return Lint.check(
        PromptFile.parse(source, "reply.prompt"), "reply.prompt", Partials.of(partials));
  }

  @Test
  void usedButUndeclaredIsAnErrorWithADidYouMean() {
    var problems =
        lint(
            "---\ninput:\n  schema:\n    customer: string\n    order_id: string\n---\n"
                + "Dear {{custmer}}, order {{order_id}}",
            Map.of());
    assertThat(problems)
        .filteredOn(Problem::isError)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo("undeclared_variable");
              assertThat(p.variable()).isEqualTo("custmer");
              assertThat(p.line()).isEqualTo(7);
              assertThat(p.column()).isEqualTo(6);
              assertThat(p.message())
                  .isEqualTo(
                      "variable 'custmer' is not declared in the input schema; did you mean"
                          + " 'customer'?");
              assertThat(p.hint())
                  .isEqualTo("declared: customer, order_id; declare it or fix the name");
            });
    assertThat(problems)
        .filteredOn(p -> !p.isError())
        .extracting(Problem::variable)
        .containsExactly("customer");
  }

  @Test
  void variablesInsideEachAndWithAreLocal() {
    var problems =
        lint(
            "---\ninput:\n  schema:\n    items(array): {name: string}\n    user: {name: string}\n---\n"
                + "{{#each items}}{{name}} {{@index}} {{../user.name}}{{/each}}{{#with user}}{{name}}{{/with}}",
            Map.of());
    assertThat(problems).isEmpty();
  }

  @Test
  void partialsUsingTheCallersContextCount() {
    var problems =
        lint(
            "---\ninput:\n  schema:\n    name: string\n---\n{{> header}} {{> footer sign=name}}",
            Map.of("header", "Hi {{name}}", "footer", "Bye {{sign}} {{nickname}}"));
    assertThat(problems)
        .filteredOn(Problem::isError)
        .singleElement()
        .satisfies(p -> assertThat(p.variable()).isEqualTo("nickname"));
  }

  @Test
  void withoutASchemaThereIsNoVariableCheck() {
    assertThat(lint("Hello {{whoever}}", Map.of())).isEmpty();
  }

  @Test
  void helpersPartialsAndSchemasAreChecked() {
    assertThat(lint("{{shout x}} {{> missing}}", Map.of()))
        .extracting(Problem::code)
        .containsExactly("unknown_helper", "unknown_partial");
    assertThat(lint("---\noutput:\n  schema:\n    x(list): string\n---\nhi", Map.of()))
        .extracting(Problem::code)
        .containsExactly("invalid_schema");
  }
}
