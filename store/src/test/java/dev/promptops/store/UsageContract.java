package dev.promptops.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.provider.UsageEvent;
import dev.promptops.core.provider.UsageRecorder;
import dev.promptops.core.store.Tx;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Usage events: batched appends, reads by time, the off-request recorder. */
abstract class UsageContract extends StoreContract {

  static UsageEvent event(int n, BigDecimal cost) {
    return new UsageEvent(
        T0.plusSeconds(n),
        "shop",
        "support/reply",
        2,
        "sha256:ab",
        n % 2 == 0 ? "production" : null,
        "api",
        "openai",
        "gpt-4o-mini",
        100 + n,
        20,
        cost,
        350,
        "ok",
        1);
  }

  @Test
  void appendsInBatchesAndReadsBackExactly() {
    var events =
        List.of(event(1, new BigDecimal("0.000027")), event(2, null), event(3, BigDecimal.ZERO));
    store.write(
        tx -> {
          tx.usage().append(events);
          return null;
        });
    store.write(
        tx -> {
          tx.usage().append(List.of(event(4, null)));
          return null;
        });

    var read = store.read((Tx tx) -> tx.usage().since("shop", T0.plusSeconds(2), 100));
    assertThat(read).containsExactly(events.get(1), events.get(2), event(4, null));
    assertThat(read.get(1).cost()).isEqualByComparingTo("0");
    assertThat(store.read((Tx tx) -> tx.usage().since("other", T0, 100))).isEmpty();
  }

  @Test
  void theRecorderWritesOffTheRequestPathAndFlushesOnClose() {
    var recorder = new UsageRecorder(store, Duration.ofMillis(20)).start();
    for (int i = 0; i < 1200; i++) {
      recorder.record(event(i, null));
    }
    recorder.close();
    assertThat(recorder.written()).isEqualTo(1200);
    assertThat(recorder.dropped()).isZero();
    assertThat(store.read((Tx tx) -> tx.usage().since("shop", T0, 5000))).hasSize(1200);
  }
}
