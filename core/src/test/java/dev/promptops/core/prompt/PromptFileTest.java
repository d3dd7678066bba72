package dev.promptops.core.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.UnprocessableException;
import org.junit.jupiter.api.Test;

class PromptFileTest {

  @Test
  void splitsFrontMatterFromTemplate() {
    var file = PromptFile.parse("---\nmodel: openai/gpt-4o-mini\n---\nHello {{name}}\n", "greet");
    assertThat(file.frontMatter().get("model").asText()).isEqualTo("openai/gpt-4o-mini");
    assertThat(file.template()).isEqualTo("Hello {{name}}");
    assertThat(file.templateLine()).isEqualTo(4);
  }

  @Test
  void withoutFrontMatterTheWholeTextIsTheTemplate() {
    var file = PromptFile.parse("Hello\n---\nnot front matter\n", "x");
    assertThat(file.frontMatter().isEmpty()).isTrue();
    assertThat(file.template()).isEqualTo("Hello\n---\nnot front matter\n");
  }

  @Test
  void emptyFrontMatterAndEmptyBody() {
    assertThat(PromptFile.parse("---\n---\n", "x").template()).isEmpty();
    assertThat(PromptFile.parse("---\n---\nbody", "x").template()).isEqualTo("body");
    assertThat(PromptFile.parse("---\n# only a comment\n---\nbody", "x").frontMatter().isEmpty())
        .isTrue();
  }

  @Test
  void trimsTheTemplateAfterFrontMatterAsDotpromptDoes() {
    var file = PromptFile.parse("---\na: 1\n---\n\n  indented\n\n\n", "x");
    assertThat(file.template()).isEqualTo("indented");
    assertThat(file.templateLine()).isEqualTo(5);
  }

  @Test
  void withoutFrontMatterWhitespaceIsKeptExactly() {
    assertThat(PromptFile.parse("\n  indented\n\n", "x").template()).isEqualTo("\n  indented\n\n");
  }

  @Test
  void aLicenseHeaderMayPrecedeTheFrontMatter() {
    var file =
        PromptFile.parse("# Copyright 2026\n# SPDX: Apache-2.0\n\n---\nmodel: m\n---\nHi", "x");
    assertThat(file.frontMatter().get("model").asText()).isEqualTo("m");
    assertThat(file.template()).isEqualTo("Hi");
    assertThat(file.templateLine()).isEqualTo(7);
  }

  @Test
  void unclosedFrontMatterIsAnError() {
    assertThatThrownBy(() -> PromptFile.parse("---\nmodel: x\nHello", "prompts/greet.prompt"))
        .isInstanceOf(UnprocessableException.class)
        .hasMessage(
            "prompts/greet.prompt: front matter opened on line 1 with '---' is never closed");
  }

  @Test
  void invalidYamlNamesTheFileAndLine() {
    assertThatThrownBy(() -> PromptFile.parse("---\nmodel: x\nconfig: [1, 2\n---\nHello", "greet"))
        .isInstanceOf(UnprocessableException.class)
        .hasMessageStartingWith("greet: front matter is not valid YAML at line ")
        .satisfies(
            e -> assertThat(((UnprocessableException) e).code()).isEqualTo("invalid_front_matter"));
  }

  @Test
  void duplicateKeysAreRefused() {
    assertThatThrownBy(() -> PromptFile.parse("---\nmodel: a\nmodel: b\n---\nx", "dup"))
        .isInstanceOf(UnprocessableException.class)
        .hasMessageContaining("dup: front matter is not valid YAML")
        .hasMessageContaining("model");
  }

  @Test
  void frontMatterMustBeAMapping() {
    assertThatThrownBy(() -> PromptFile.parse("---\n- a\n- b\n---\nx", "list"))
        .isInstanceOf(UnprocessableException.class)
        .hasMessage("list: front matter must be a YAML mapping (key: value), found a list");
  }
}
