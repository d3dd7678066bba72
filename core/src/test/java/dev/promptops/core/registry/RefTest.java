package dev.promptops.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class RefTest {

  @Test
  void parsesTheThreeForms() {
    assertThat(Ref.parse("support/reply"))
        .isEqualTo(new Ref("support/reply", new Selector.Default()));
    assertThat(Ref.parse("support/reply:staging"))
        .isEqualTo(new Ref("support/reply", new Selector.Target("staging")));
    assertThat(Ref.parse("support/reply@12"))
        .isEqualTo(new Ref("support/reply", new Selector.Version(12)));
  }

  @Test
  void printsAsWritten() {
    for (String text : new String[] {"greet", "greet:canary", "a/b@3"}) {
      assertThat(Ref.parse(text).toString()).isEqualTo(text);
    }
  }

  @Test
  void refusesBothVersionAndEnvironment() {
    assertThatThrownBy(() -> Ref.parse("greet@3:staging"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("'greet@3:staging' names both a version and an environment");
  }

  @Test
  void refusesBadVersions() {
    assertThatThrownBy(() -> Ref.parse("greet@x")).hasMessage("not a prompt reference: 'greet@x'");
    assertThatThrownBy(() -> Ref.parse("greet@0")).hasMessage("not a version number: 0");
    assertThatThrownBy(() -> Ref.parse("greet:")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Ref.parse("@3")).hasMessageStartingWith("not a valid prompt name");
  }
}
