package dev.promptops.core.eval.suite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NunjucksCheckTest {
  @ParameterizedTest
  @CsvSource(
      delimiterString = "=>",
      textBlock =
          """
          Hi {{ name | upper }}                 => line 1: '{{ name | upper }}' is a Nunjucks filter
          {% if premium %}VIP{% endif %}        => line 1: '{% if premium %}' is a Nunjucks tag
          a{# note #}                           => line 1: '{# note #}' is a Nunjucks comment
          {{ items[0] }}                        => line 1: '{{ items[0] }}' is Nunjucks indexing or a function call
          {{ range(3) }}                        => line 1: '{{ range(3) }}' is Nunjucks indexing or a function call
          {{ a + b }}                           => line 1: '{{ a + b }}' is a Nunjucks expression
          {{ x == 1 }}                          => line 1: '{{ x == 1 }}' is a Nunjucks expression
          {{- name -}}                          => line 1: '{{- name -}}' is Nunjucks whitespace control
          {{ env.TOPIC }}                       => line 1: '{{ env.TOPIC }}' is promptfoo's env global
          {{ 'literal' }}                       => line 1: '{{ 'literal' }}' is a Nunjucks literal
          """)
  void findsNunjucksOnlySyntax(String template, String problem) {
    assertThat(NunjucksCheck.find(template)).isEqualTo(problem);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Hi {{name}}",
        "Hi {{ user.name }}",
        "{{#if vip}}VIP{{/if}}",
        "{{#each items as |item|}}{{item}}{{/each}}",
        "{{role \"system\"}}",
        "{{> footer}}",
        "{{{raw}}}",
        "{{json data}}",
        "{{media url=photo}}",
        "{{~name~}}",
        "{{@index}}"
      })
  void passesHandlebars(String template) {
    assertThat(NunjucksCheck.find(template)).isNull();
  }

  @org.junit.jupiter.api.Test
  void namesTheLine() {
    assertThat(NunjucksCheck.find("a\nb\nc {{ x | dump }}")).startsWith("line 3: ");
  }
}
