package dev.promptops.providers.mock;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Chooses what the mock does for a request: tries the rules in order, counting each rule's matches,
 * so {@code times} and {@code rate} depend only on the order of requests and the seed.
 */
final class RuleEngine {
  private final MockRules rules;
  private final List<AtomicLong> matches;

  RuleEngine(MockRules rules) {
    this.rules = rules;
    this.matches = rules.rules().stream().map(r -> new AtomicLong()).toList();
  }

  MockRules rules() {
    return rules;
  }

  /** What to do: the deciding rule (null: the default echo), its latency and fault. */
  record Decision(MockRule rule, Duration latency, Fault fault) {
    static final Decision DEFAULT = new Decision(null, Duration.ZERO, null);

    String ruleName() {
      return rule == null ? null : rule.name();
    }
  }

  Decision decide(MockProtocol protocol, String model, String lastUserMessage) {
    List<MockRule> list = rules.rules();
    for (int i = 0; i < list.size(); i++) {
      MockRule rule = list.get(i);
      if (!rule.matches(protocol, model, lastUserMessage)) {
        continue;
      }
      long n = matches.get(i).incrementAndGet();
      SplittableRandom random = random(i, n);
      boolean applies =
          (rule.times() == 0 || n <= rule.times())
              && (rule.rate() >= 1 || random.nextDouble() < rule.rate());
      if (applies) {
        return new Decision(rule, rule.latency().sample(random), rule.fault());
      }
    }
    return Decision.DEFAULT;
  }

  /** The random source for the {@code n}-th match of rule {@code index}: a function of the seed. */
  private SplittableRandom random(int index, long n) {
    return new SplittableRandom(
        rules.seed() * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + n);
  }
}
