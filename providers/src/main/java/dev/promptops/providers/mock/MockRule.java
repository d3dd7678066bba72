package dev.promptops.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One rule of the mock LLM server: when a request matches ({@code model}, {@code protocol}, the
 * last user message's text), the rule answers with its reply, waits its latency, or injects its
 * fault. Null conditions match everything. See {@link MockRules} for how rules are chosen.
 *
 * @param name shown in the request log and the CLI's log lines
 * @param model the model, exactly or as a glob ({@code gpt-4o*}, {@code claude-?-*}); null: any
 * @param protocol null: any
 * @param contains the last user message contains this text (case-sensitive); null: any
 * @param regex the last user message contains a match of this pattern; null: any
 * @param reply a template ({@code {{lastUserMessage}}}, {@code {{model}}}, {@code {{system}}},
 *     {@code {{protocol}}}); null: the default echo, or {@code json}
 * @param json a JSON reply, sent as JSON text; its strings are templates too. Used for requests
 *     that ask for JSON output, and for every request when {@code reply} is null
 * @param latency the wait before answering (or failing)
 * @param fault what to inject instead of an answer; null: answer
 * @param times the rule applies to its first {@code times} matching requests only (0: all)
 * @param rate the rule applies to each matching request with this probability (seeded)
 */
public record MockRule(
    String name,
    String model,
    MockProtocol protocol,
    String contains,
    Pattern regex,
    String reply,
    JsonNode json,
    Latency latency,
    Fault fault,
    int times,
    double rate) {

  public MockRule {
    Objects.requireNonNull(name, "name");
    latency = latency == null ? Latency.NONE : latency;
    if (times < 0) {
      throw new IllegalArgumentException("rule '" + name + "': times is negative: " + times);
    }
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(
          "rule '" + name + "': rate must be between 0 and 1, not " + rate);
    }
    if (reply != null) {
      Template.check(reply, "rule '" + name + "': reply");
    }
    if (json != null) {
      checkStrings(json, "rule '" + name + "': json");
    }
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Whether the request meets every condition of this rule. */
  boolean matches(MockProtocol p, String requestModel, String lastUserMessage) {
    return (model == null || Glob.matches(model, requestModel == null ? "" : requestModel))
        && (protocol == null || protocol == p)
        && (contains == null || lastUserMessage.contains(contains))
        && (regex == null || regex.matcher(lastUserMessage).find());
  }

  /** Whether the rule says what to answer (rather than only waiting or failing). */
  boolean hasReply() {
    return reply != null || json != null;
  }

  private static void checkStrings(JsonNode node, String where) {
    if (node.isTextual()) {
      Template.check(node.textValue(), where);
    }
    for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
      checkStrings(it.next(), where);
    }
  }

  /** Builds a rule in code, e.g. {@code MockRule.builder("flaky").model("gpt-*")…build()}. */
  public static final class Builder {
    private final String name;
    private String model;
    private MockProtocol protocol;
    private String contains;
    private Pattern regex;
    private String reply;
    private JsonNode json;
    private Latency latency = Latency.NONE;
    private Fault fault;
    private int times;
    private double rate = 1;

    private Builder(String name) {
      this.name = name;
    }

    public Builder model(String modelOrGlob) {
      this.model = modelOrGlob;
      return this;
    }

    public Builder protocol(MockProtocol protocol) {
      this.protocol = protocol;
      return this;
    }

    public Builder contains(String text) {
      this.contains = text;
      return this;
    }

    public Builder regex(String pattern) {
      this.regex = Pattern.compile(pattern);
      return this;
    }

    public Builder reply(String template) {
      this.reply = template;
      return this;
    }

    public Builder json(JsonNode json) {
      this.json = json;
      return this;
    }

    public Builder latency(Latency latency) {
      this.latency = latency;
      return this;
    }

    public Builder fault(Fault fault) {
      this.fault = fault;
      return this;
    }

    public Builder times(int times) {
      this.times = times;
      return this;
    }

    public Builder rate(double rate) {
      this.rate = rate;
      return this;
    }

    public MockRule build() {
      return new MockRule(
          name, model, protocol, contains, regex, reply, json, latency, fault, times, rate);
    }
  }
}
