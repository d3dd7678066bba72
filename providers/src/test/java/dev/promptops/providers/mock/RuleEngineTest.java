package dev.promptops.providers.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleEngineTest {

  @Test
  void firstMatchingRuleDecides() {
    var engine =
        new RuleEngine(
            MockRules.of(
                MockRule.builder("gpt").model("gpt-*").protocol(MockProtocol.OPENAI).build(),
                MockRule.builder("hello").contains("hello").build(),
                MockRule.builder("order").regex("order #\\d+").build()));

    assertThat(decide(engine, MockProtocol.OPENAI, "gpt-4o", "hello")).isEqualTo("gpt");
    assertThat(decide(engine, MockProtocol.OLLAMA, "gpt-4o", "hello")).isEqualTo("hello");
    assertThat(decide(engine, MockProtocol.OLLAMA, "x", "where is order #12?")).isEqualTo("order");
    assertThat(decide(engine, MockProtocol.OLLAMA, "x", "Hello")).isNull();
  }

  @Test
  void timesLetsLaterRequestsFallThrough() {
    var engine =
        new RuleEngine(
            MockRules.of(
                MockRule.builder("flaky").fault(Fault.serverError()).times(2).build(),
                MockRule.builder("ok").reply("fine").build()));

    var decided = new ArrayList<String>();
    for (int i = 0; i < 4; i++) {
      decided.add(decide(engine, MockProtocol.OPENAI, "m", "x"));
    }

    assertThat(decided).containsExactly("flaky", "flaky", "ok", "ok");
  }

  @Test
  void rateIsDeterministicForASeed() {
    MockRules rules =
        MockRules.of(MockRule.builder("down").fault(Fault.serverError()).rate(0.3).build());

    List<String> first = sequence(new RuleEngine(rules.withSeed(7)), 200);
    List<String> again = sequence(new RuleEngine(rules.withSeed(7)), 200);
    List<String> other = sequence(new RuleEngine(rules.withSeed(8)), 200);

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    long faults = first.stream().filter("down"::equals).count();
    assertThat(faults).isBetween(40L, 80L);
  }

  @Test
  void latencyDistributionsAreSeededAndBounded() {
    MockRules rules =
        MockRules.of(
            MockRule.builder("u")
                .latency(Latency.uniform(Duration.ofMillis(10), Duration.ofMillis(20)))
                .build());
    var a = new RuleEngine(rules);
    var b = new RuleEngine(rules);

    for (int i = 0; i < 50; i++) {
      Duration d = a.decide(MockProtocol.OPENAI, "m", "x").latency();
      assertThat(d).isBetween(Duration.ofMillis(10), Duration.ofMillis(20));
      assertThat(b.decide(MockProtocol.OPENAI, "m", "x").latency()).isEqualTo(d);
    }
  }

  @Test
  void normalLatencyIsNeverNegative() {
    var engine =
        new RuleEngine(
            MockRules.of(
                MockRule.builder("n")
                    .latency(Latency.normal(Duration.ofMillis(1), Duration.ofMillis(100)))
                    .build()));
    for (int i = 0; i < 100; i++) {
      assertThat(engine.decide(MockProtocol.OPENAI, "m", "x").latency().isNegative()).isFalse();
    }
  }

  private static List<String> sequence(RuleEngine engine, int n) {
    var out = new ArrayList<String>();
    for (int i = 0; i < n; i++) {
      String rule = decide(engine, MockProtocol.OPENAI, "m", "x");
      out.add(rule == null ? "-" : rule);
    }
    return out;
  }

  private static String decide(RuleEngine engine, MockProtocol p, String model, String text) {
    return engine.decide(p, model, text).ruleName();
  }
}
