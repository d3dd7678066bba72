package dev.promptops.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
  static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

  @Test
  void theDefaultMakesEightAttemptsOverAboutADay() {
    assertThat(RetrySchedule.DEFAULT.maxAttempts()).isEqualTo(8);
    Duration total = RetrySchedule.DEFAULT.delays().stream().reduce(Duration.ZERO, Duration::plus);
    assertThat(total).isBetween(Duration.ofHours(12), Duration.ofHours(24));
  }

  @Test
  void aFailureIsRetriedAfterItsDelayWithJitterUntilTheLastAttempt() {
    var schedule = RetrySchedule.parse("10s, 1m");
    assertThat(schedule.delays()).containsExactly(Duration.ofSeconds(10), Duration.ofMinutes(1));

    var first = schedule.outcome(1, 500, "boom", null, NOW);
    assertThat(first.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(first.nextAttemptAt()).isBetween(NOW.plusSeconds(8), NOW.plusSeconds(12));
    var second = schedule.outcome(2, null, "connection refused", null, NOW);
    assertThat(second.nextAttemptAt()).isBetween(NOW.plusSeconds(48), NOW.plusSeconds(72));
    var last = schedule.outcome(3, 502, "bad gateway", null, NOW);
    assertThat(last.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(last.nextAttemptAt()).isNull();
    assertThat(last.error()).isEqualTo("bad gateway");
  }

  @Test
  void a2xxIsDeliveredAndRetryAfterIsHonouredUpToADay() {
    var schedule = RetrySchedule.parse("1s");
    assertThat(schedule.outcome(1, 204, null, null, NOW).status())
        .isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(schedule.outcome(1, 429, "slow down", Duration.ofMinutes(2), NOW).nextAttemptAt())
        .isEqualTo(NOW.plus(Duration.ofMinutes(2)));
    assertThat(schedule.outcome(1, 503, "later", Duration.ofDays(9), NOW).nextAttemptAt())
        .isEqualTo(NOW.plus(Duration.ofDays(1)));
  }

  @Test
  void aBadScheduleNamesTheDelay() {
    assertThat(RetrySchedule.parse("").delays()).isEqualTo(List.of());
    assertThatThrownBy(() -> RetrySchedule.parse("10s,soon"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("not a retry delay: 'soon' in '10s,soon'");
  }
}
