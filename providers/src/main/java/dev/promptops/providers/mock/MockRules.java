package dev.promptops.providers.mock;

import dev.promptops.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The behaviour of the mock LLM server: an ordered list of rules, tried first to last for every
 * request. The first rule that matches and applies (see {@link MockRule#times()} and {@link
 * MockRule#rate()}) decides; a rule that does not apply lets the request fall through to the next.
 * When no rule decides, the mock answers with the default echo: {@code echo: <last user message>},
 * or {@code {"echo": "<last user message>"}} when the request asks for JSON.
 *
 * @param seed seeds every random choice ({@code rate}, latency distributions), so the same sequence
 *     of requests always meets the same faults and delays
 */
public record MockRules(List<MockRule> rules, long seed) {

  public MockRules {
    rules = List.copyOf(rules);
    var names = new HashSet<String>();
    for (MockRule r : rules) {
      if (!names.add(r.name())) {
        throw new InvalidInputException(
            "invalid_mock_rules",
            "two rules are named '" + r.name() + "'",
            "give each rule its own name");
      }
    }
  }

  /** No rules: every request gets the default echo. */
  public static MockRules none() {
    return new MockRules(List.of(), 0);
  }

  public static MockRules of(MockRule... rules) {
    return new MockRules(List.of(rules), 0);
  }

  public MockRules withSeed(long newSeed) {
    return new MockRules(rules, newSeed);
  }

  /** These rules, then {@code more}. */
  public MockRules plus(MockRule... more) {
    var all = new ArrayList<>(rules);
    all.addAll(List.of(more));
    return new MockRules(all, seed);
  }

  /** Reads a rules file (YAML; format in providers/README.md). */
  public static MockRules load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new InvalidInputException(
          "invalid_mock_rules",
          "cannot read the rules file " + file + ": " + e.getMessage(),
          "check the path given to --rules",
          e);
    }
    return parse(text, file.toString());
  }

  /** Parses rules from YAML text; {@code source} names it in errors. */
  public static MockRules parse(String yaml, String source) {
    return new RulesParser(source).parse(yaml);
  }
}
