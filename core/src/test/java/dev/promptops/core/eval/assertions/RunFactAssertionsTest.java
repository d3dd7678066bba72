package dev.promptops.core.eval.assertions;

import static dev.promptops.core.eval.assertions.Fixtures.a;
import static dev.promptops.core.eval.assertions.Fixtures.ctx;
import static dev.promptops.core.eval.assertions.TextAssertionsTest.fails;
import static dev.promptops.core.eval.assertions.TextAssertionsTest.passes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.eval.AssertionType;
import dev.promptops.core.eval.Output;
import dev.promptops.core.provider.Usage;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunFactAssertionsTest {
  static Output facts(long latency, String cost, long in, long out) {
    return new Output(
        "ok",
        null,
        List.of(),
        latency,
        cost == null ? null : new BigDecimal(cost),
        new Usage(in, out),
        false,
        null);
  }

  @Test
  void latencyIsAtMostTheThreshold() {
    passes(
        Fixtures.run("{type: latency, threshold: 1000}", ctx(facts(1000, null, 0, 0))),
        "latency 1000 ms <= 1000 ms");
    fails(
        Fixtures.run("{type: latency, threshold: 1000}", ctx(facts(1234, null, 0, 0))),
        "latency 1234 ms > 1000 ms");
    var n = Fixtures.run("{type: not-latency, threshold: 1000}", ctx(facts(1234, null, 0, 0)));
    assertThat(n.pass()).isTrue();
    assertThat(n.reason()).isEqualTo("latency 1234 ms > 1000 ms (not-latency)");
  }

  @Test
  void costIsAtMostTheThresholdInUsd() {
    passes(
        Fixtures.run("{type: cost, threshold: 0.001}", ctx(facts(0, "0.00100", 1, 1))),
        "cost $0.001 <= $0.001");
    fails(
        Fixtures.run("{type: cost, threshold: 0.001}", ctx(facts(0, "0.0032", 1, 1))),
        "cost $0.0032 > $0.001");
  }

  @Test
  void anUnknownCostFailsNegatedOrNot() {
    for (String type : List.of("cost", "not-cost")) {
      var r = Fixtures.run("{type: " + type + ", threshold: 0.01}", ctx(facts(0, null, 1, 1)));
      assertThat(r.pass()).isFalse();
      assertThat(r.score()).isZero();
      assertThat(r.reason())
          .isEqualTo("the cost is unknown: the model has no price (give it one in prices.yaml)");
    }
  }

  @Test
  void tokensCountsTotalByDefaultOrTheKindAsked() {
    passes(
        Fixtures.run("{type: tokens, threshold: 300}", ctx(facts(0, null, 100, 200))),
        "total tokens 300 <= 300");
    fails(
        Fixtures.run(
            "{type: tokens, threshold: 150, value: {kind: output}}", ctx(facts(0, null, 100, 200))),
        "output tokens 200 > 150");
    passes(
        Fixtures.run(
            "{type: tokens, threshold: 150, value: {kind: input}}", ctx(facts(0, null, 100, 200))),
        "input tokens 100 <= 150");
    var none = Fixtures.run("{type: not-tokens, threshold: 10}", ctx(facts(0, null, 0, 0)));
    assertThat(none.pass()).isFalse();
    assertThat(none.reason()).isEqualTo("the provider reported no token usage for this run");
  }

  @Test
  void aFailedRunFailsEveryTypeSaneNegatedOrNot() {
    var failed = ctx(Output.failed("every attempt failed: 503", 1200));
    for (AssertionType type : AssertionType.values()) {
      for (boolean negated : List.of(false, true)) {
        var spec =
            new dev.promptops.core.eval.AssertionSpec(type, negated, null, null, 1, null, null);
        var r = Assertions.evaluate(spec, failed);
        assertThat(r.pass()).as(spec.displayType()).isFalse();
        assertThat(r.score()).isZero();
        assertThat(r.reason()).isEqualTo("no output: every attempt failed: 503");
      }
    }
  }

  @Test
  void anUncheckedBadSpecBecomesAFailedResultNamingTheProblem() {
    var r = Assertions.evaluate(a("{type: contains}"), ctx("anything"));
    assertThat(r.pass()).isFalse();
    assertThat(r.reason()).isEqualTo("assertion contains: needs a value: a text, got no value");
    var n = Assertions.evaluate(a("{type: not-latency}"), ctx("anything"));
    assertThat(n.pass()).isFalse();
    assertThat(n.reason()).startsWith("assertion not-latency: needs a threshold");
  }
}
