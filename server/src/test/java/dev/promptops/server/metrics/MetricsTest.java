package dev.promptops.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void countersGaugesAndHistogramsInTheTextFormat() {
    var m = new Metrics();
    var c = m.counter("promptops_things_total", "Things\nseen", "kind");
    c.inc("a\"b");
    c.inc("a\"b");
    c.inc("c");
    var h = m.histogram("promptops_wait_seconds", "Waits", 1, 5);
    h.observe(0.5);
    h.observe(3);
    h.observe(9);
    m.gauge("promptops_open", "Open", List.of("kind"), () -> Map.of(List.of("stale"), 2.0));
    m.gauge(
        "promptops_broken",
        "Cannot be read",
        List.of(),
        () -> {
          throw new IllegalStateException("down");
        });

    assertThat(m.scrape())
        .isEqualTo(
            """
            # HELP promptops_things_total Things\\nseen
            # TYPE promptops_things_total counter
            promptops_things_total{kind="a\\"b"} 2
            promptops_things_total{kind="c"} 1
            # HELP promptops_wait_seconds Waits
            # TYPE promptops_wait_seconds histogram
            promptops_wait_seconds_bucket{le="1"} 1
            promptops_wait_seconds_bucket{le="5"} 2
            promptops_wait_seconds_bucket{le="+Inf"} 3
            promptops_wait_seconds_sum 12.5
            promptops_wait_seconds_count 3
            # HELP promptops_open Open
            # TYPE promptops_open gauge
            promptops_open{kind="stale"} 2
            """);
    assertThatThrownBy(() -> m.counter("promptops_open", "again"))
        .hasMessageContaining("registered twice");
  }

  @Test
  void labelledHistogramsAndCountersKeptElsewhere() {
    var m = new Metrics();
    var h = m.histogram("promptops_call_seconds", "Calls", List.of("model"), 0.1, 1);
    h.observe(0.05, "a");
    h.observe(0.5, "b\"");
    m.counterFrom(
        "promptops_hits_total", "Hits", List.of("result"), () -> Map.of(List.of("hit"), 3.0));
    assertThat(h.count("a")).isOne();
    var idle = m.histogram("promptops_idle_seconds", "Never observed", 1);
    assertThat(idle.count()).isZero();
    assertThat(m.scrape())
        .isEqualTo(
            """
            # HELP promptops_call_seconds Calls
            # TYPE promptops_call_seconds histogram
            promptops_call_seconds_bucket{model="a",le="0.1"} 1
            promptops_call_seconds_bucket{model="a",le="1"} 1
            promptops_call_seconds_bucket{model="a",le="+Inf"} 1
            promptops_call_seconds_sum{model="a"} 0.05
            promptops_call_seconds_count{model="a"} 1
            promptops_call_seconds_bucket{model="b\\"",le="0.1"} 0
            promptops_call_seconds_bucket{model="b\\"",le="1"} 1
            promptops_call_seconds_bucket{model="b\\"",le="+Inf"} 1
            promptops_call_seconds_sum{model="b\\""} 0.5
            promptops_call_seconds_count{model="b\\""} 1
            # HELP promptops_hits_total Hits
            # TYPE promptops_hits_total counter
            promptops_hits_total{result="hit"} 3
            # HELP promptops_idle_seconds Never observed
            # TYPE promptops_idle_seconds histogram
            promptops_idle_seconds_bucket{le="1"} 0
            promptops_idle_seconds_bucket{le="+Inf"} 0
            promptops_idle_seconds_sum 0
            promptops_idle_seconds_count 0
            """);
  }
}
