package dev.promptops.core.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"greet", "support/reply", "a/b/c", "_header", "Greet-v2", "x_1/y-2"})
  void validPromptNames(String name) {
    assertThat(Names.prompt(name)).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "/greet", "greet/", "a//b", "-", "a/-/b", "-x", "a b", "a.b", "../x", "é"})
  void invalidPromptNames(String name) {
    assertThatThrownBy(() -> Names.prompt(name))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("not a valid prompt name: '" + name + "'")
        .hasFieldOrPropertyWithValue("code", "invalid_prompt_name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"shop", "support-bot", "a_b", "0x"})
  void validProjectNames(String name) {
    assertThat(Names.project(name)).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Shop", "-x", "a/b", "", "a b"})
  void invalidProjectNames(String name) {
    assertThatThrownBy(() -> Names.project(name))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("not a valid project name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"OpenAI", "-x", "a/b", "", "azure eu"})
  void invalidProviderNames(String name) {
    assertThatThrownBy(() -> Names.provider(name))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("not a valid provider name: '" + name + "'")
        .hasFieldOrPropertyWithValue("code", "invalid_provider_name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Staging", "1st", "a/b", "", "with space"})
  void invalidTargets(String name) {
    assertThatThrownBy(() -> Names.target(name)).isInstanceOf(InvalidInputException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"latest"})
  void latestIsReserved(String name) {
    assertThat(Names.target(name)).isEqualTo(name);
    assertThatThrownBy(() -> Names.pinnableTarget(name))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("'latest' is maintained by the server and cannot be pinned");
  }

  @org.junit.jupiter.api.Test
  void longNamesAreRefusedWithoutEchoingThemWhole() {
    String longName = "a".repeat(Names.MAX_PROMPT_NAME + 1);
    assertThatThrownBy(() -> Names.prompt(longName))
        .hasMessageEndingWith("...'")
        .hasMessageContaining("a".repeat(80));
  }
}
