package dev.promptops.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.provider.ProviderException;
import dev.promptops.core.provider.ProviderException.Failure;
import dev.promptops.providers.Exchange.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FailuresTest {
  static final String KEY = "sk-test-0123456789abcdef";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  final Failures failures = new Failures("provider 'oa' (openai)", Secret.of(KEY), CLOCK);

  @Test
  void retryAfterInSecondsDatesAndMilliseconds() {
    assertThat(Failures.retryAfter("7", CLOCK)).isEqualTo(Duration.ofSeconds(7));
    assertThat(Failures.retryAfter(" 1.5 ", CLOCK)).isEqualTo(Duration.ofMillis(1500));
    assertThat(Failures.retryAfter("Wed, 25 Nov 2026 12:00:30 GMT", CLOCK))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(Failures.retryAfter("Wed, 25 Nov 2026 11:00:00 GMT", CLOCK))
        .isEqualTo(Duration.ZERO);
    assertThat(Failures.retryAfter("ms:250", CLOCK)).isEqualTo(Duration.ofMillis(250));
    assertThat(Failures.retryAfter("-3", CLOCK)).isEqualTo(Duration.ZERO);
  }

  @Test
  void unreadableOrMissingRetryAfterIsNull() {
    assertThat(Failures.retryAfter(null, CLOCK)).isNull();
    assertThat(Failures.retryAfter("", CLOCK)).isNull();
    assertThat(Failures.retryAfter("soon", CLOCK)).isNull();
  }

  @Test
  void statusesMapToFailures() {
    assertThat(status(429, "3").failure()).isEqualTo(Failure.RATE_LIMITED);
    assertThat(status(429, "3").retryAfter()).isEqualTo(Duration.ofSeconds(3));
    assertThat(status(500, null).failure()).isEqualTo(Failure.SERVER_ERROR);
    assertThat(status(503, null).failure()).isEqualTo(Failure.SERVER_ERROR);
    assertThat(status(400, null).failure()).isEqualTo(Failure.BAD_REQUEST);
    assertThat(status(404, null).failure()).isEqualTo(Failure.BAD_REQUEST);
    assertThat(status(401, null).failure()).isEqualTo(Failure.UNAUTHORIZED);
    assertThat(status(403, null).failure()).isEqualTo(Failure.UNAUTHORIZED);
    assertThat(status(408, null).failure()).isEqualTo(Failure.TIMEOUT);
    assertThat(status(500, null).status()).isEqualTo(500);
  }

  @Test
  void messagesNameProviderModelAndUrlButNeverTheKey() {
    var e = status(401, null);
    assertThat(e.getMessage())
        .contains("provider 'oa' (openai)", "gpt-4o-mini", "http://127.0.0.1:9/v1/chat/completions")
        .contains("HTTP 401")
        .doesNotContain(KEY)
        .contains("***");
  }

  @Test
  void rateLimitMessageSaysHowLongToWait() {
    assertThat(status(429, "2").getMessage()).contains("rate-limited", "retry after 2s");
  }

  @Test
  void transportFailuresMapToTimeoutUnreachableAndBadResponse() {
    assertThat(wire(Transport.transportFailure(new HttpTimeoutException("t"))).failure())
        .isEqualTo(Failure.TIMEOUT);
    assertThat(
            wire(Transport.transportFailure(new IOException("x", new ConnectException())))
                .failure())
        .isEqualTo(Failure.UNREACHABLE);
    assertThat(wire(Transport.transportFailure(new IOException("reset"))).failure())
        .isEqualTo(Failure.BAD_RESPONSE);
    assertThat(wire(new Exchange.Failure(Kind.MALFORMED, 0, null, "bad json", null)).failure())
        .isEqualTo(Failure.BAD_RESPONSE);
  }

  @Test
  void timeoutMessageSaysHowLongItWaited() {
    var e = wire(Exchange.Failure.timeout());
    assertThat(e.getMessage()).contains("did not answer", "within 2s", "gpt-4o-mini");
  }

  @Test
  void exceptionsAfterAnAnswerAreBadResponsesAndBeforeOneBadRequests() {
    var before = new Exchange(Duration.ofSeconds(2));
    assertThat(failures.map(new IllegalArgumentException("no"), before, "m").failure())
        .isEqualTo(Failure.BAD_REQUEST);
    var after = exchange();
    after.answered(() -> {});
    var e = failures.map(new IllegalStateException("parse " + KEY), after, "m");
    assertThat(e.failure()).isEqualTo(Failure.BAD_RESPONSE);
    assertThat(e.getMessage()).doesNotContain(KEY);
  }

  private ProviderException status(int status, String retryAfter) {
    return wire(
        new Exchange.Failure(
            Kind.STATUS, status, retryAfter, "{\"error\":\"bad key " + KEY + "\"}", null));
  }

  private ProviderException wire(Exchange.Failure f) {
    var ex = exchange();
    ex.fail(f);
    return failures.map(new Exchange.Failed(f), ex, "gpt-4o-mini");
  }

  private static Exchange exchange() {
    var ex = new Exchange(Duration.ofSeconds(2));
    ex.sending("http://127.0.0.1:9/v1/chat/completions?api-version=1", () -> {});
    return ex;
  }
}
