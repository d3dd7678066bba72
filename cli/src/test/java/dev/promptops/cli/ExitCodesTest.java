package dev.promptops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.ErrorKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitCodesTest {
  @ParameterizedTest
  @CsvSource({
    "INVALID, 2",
    "NOT_FOUND, 2",
    "CONFLICT, 2",
    "UNPROCESSABLE, 2",
    "TOO_LARGE, 2",
    "UNAUTHENTICATED, 2",
    "PERMISSION_DENIED, 2",
    "UNAVAILABLE, 3",
    "INTERNAL, 3"
  })
  void everyErrorKindHasOneExitCode(ErrorKind kind, int code) {
    assertThat(ExitCodes.of(kind)).isEqualTo(code);
  }
}
