package dev.promptops.providers.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesParserTest {

  /** The example of providers/README.md, so the documentation cannot go stale. */
  static String readmeExample() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    int marker = readme.indexOf("<!-- rules-example");
    int start = readme.indexOf("```yaml\n", marker) + "```yaml\n".length();
    return readme.substring(start, readme.indexOf("```", start));
  }

  @Test
  void parsesTheReadmeExample() throws IOException {
    MockRules rules = MockRules.parse(readmeExample(), "README.md");

    assertThat(rules.seed()).isEqualTo(42);
    assertThat(rules.rules())
        .extracting(MockRule::name)
        .containsExactly("greeting", "order-status", "flaky", "sometimes-down", "hang", "garbage");
    MockRule greeting = rules.rules().get(0);
    assertThat(greeting.model()).isEqualTo("gpt-4o*");
    assertThat(greeting.protocol()).isEqualTo(MockProtocol.OPENAI);
    assertThat(greeting.contains()).isEqualTo("hello");
    assertThat(greeting.latency()).isEqualTo(Latency.fixed(Duration.ofMillis(200)));
    MockRule order = rules.rules().get(1);
    assertThat(order.regex().pattern()).isEqualTo("order #\\d+");
    assertThat(order.json().get("status").asText()).isEqualTo("shipped");
    MockRule flaky = rules.rules().get(2);
    assertThat(flaky.fault()).isEqualTo(Fault.rateLimit(Duration.ofSeconds(1)));
    assertThat(flaky.times()).isEqualTo(2);
    assertThat(rules.rules().get(3).rate()).isEqualTo(0.2);
    assertThat(rules.rules().get(4).fault()).isEqualTo(Fault.timeout(Duration.ofSeconds(5)));
    assertThat(rules.rules().get(5).fault()).isEqualTo(Fault.malformed());
  }

  @Test
  void aPlainListAndLatencyDistributions(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(
        file,
        """
        - match: {model: a}
          latency: {min: 10ms, max: 1.5s}
        - latency: {mean: 1s, stddev: 100ms}
          fault: {type: rate_limit, retryAfter: 250ms}
        """);

    MockRules rules = MockRules.load(file);

    assertThat(rules.seed()).isZero();
    assertThat(rules.rules().get(0).name()).isEqualTo("#1");
    assertThat(rules.rules().get(0).latency())
        .isEqualTo(Latency.uniform(Duration.ofMillis(10), Duration.ofMillis(1500)));
    assertThat(rules.rules().get(1).latency())
        .isEqualTo(Latency.normal(Duration.ofSeconds(1), Duration.ofMillis(100)));
    assertThat(rules.rules().get(1).fault().retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void anEmptyFileHasNoRules() {
    assertThat(MockRules.parse("", "x").rules()).isEmpty();
    assertThat(MockRules.parse("seed: 3", "x").seed()).isEqualTo(3);
  }

  @Test
  void mistakesNameTheRuleAndTheKey() {
    assertRefused(
        "- name: flaky\n  time: 2\n",
        "x.yaml: rule 1 ('flaky'): unknown key 'time'",
        "known keys:");
    assertRefused("- model: gpt-4o\n", "rule 1: unknown key 'model'", "conditions go under match:");
    assertRefused("- latency: 200\n", "rule 1: latency: not a duration: '200'", "200ms");
    assertRefused("- latency: {min: 2s, max: 1s}\n", "max is below min", "swap");
    assertRefused("- fault: explode\n", "unknown fault 'explode'", "rate_limit, server_error");
    assertRefused("- match: {regex: '('}\n", "not a regular expression", "Java regular expression");
    assertRefused(
        "- match: {protocol: bedrock}\n", "not a protocol of the mock", "openai, azure-openai");
    assertRefused("- rate: 2\n", "rate: expected a number from 0 to 1", "rate: 0.2");
    assertRefused("- times: -1\n", "times: expected a whole number", "");
    assertRefused(
        "- reply: 'hi {{user}}'\n", "unknown placeholder {{user}}", "{{lastUserMessage}}");
    assertRefused("- {name: a}\n- {name: a}\n", "two rules are named 'a'", "own name");
    assertRefused("rules: 3\n", "rules must be a list", "");
    assertRefused("seeds: 3\n", "the file: unknown key 'seeds'", "rules, seed");
    assertRefused("- [\n", "not valid YAML", "YAML syntax");
  }

  @Test
  void aMissingFileSaysSo(@TempDir Path dir) {
    assertThatThrownBy(() -> MockRules.load(dir.resolve("none.yaml")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cannot read the rules file");
  }

  private static void assertRefused(String yaml, String message, String hint) {
    assertThatThrownBy(() -> MockRules.parse(yaml, "x.yaml"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.getMessage()).startsWith("x.yaml: ").contains(message);
              assertThat(e.hint()).contains(hint);
            });
  }
}
