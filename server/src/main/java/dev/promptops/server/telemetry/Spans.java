package dev.promptops.server.telemetry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import dev.promptops.core.provider.UsageEvent;
import java.time.Instant;
import java.util.List;

/**
 * Spans of executions, in OTLP JSON, following the OpenTelemetry semantic conventions for
 * generative AI client spans: name {@code chat MODEL}, kind client, {@code gen_ai.operation.name},
 * {@code gen_ai.provider.name} (and the older {@code gen_ai.system}), {@code gen_ai.request.model},
 * {@code gen_ai.response.model}, {@code gen_ai.usage.input_tokens} and {@code output_tokens},
 * {@code gen_ai.response.finish_reasons}, and {@code error.type} with an error status when the
 * execution failed; then what PromptOps knows: {@code promptops.project}, {@code promptops.prompt},
 * {@code promptops.prompt.version}, {@code promptops.prompt.digest}, {@code promptops.environment},
 * {@code promptops.source}, {@code promptops.attempts}, {@code promptops.cost_usd}.
 */
final class Spans {
  static final String VERSION = "0.1.0";
  private static final int KIND_CLIENT = 3;
  private static final int STATUS_ERROR = 2;

  private Spans() {}

  /**
   * The span of one execution that ended at {@code event.at()} after {@code latencyMillis}.
   *
   * @param context the request's trace (the execution's span is a child of the caller's)
   */
  static ObjectNode of(UsageEvent event, String finishReason, TraceContext context, Instant end) {
    long endNanos = nanos(end);
    long startNanos = endNanos - event.latencyMillis() * 1_000_000L;
    ObjectNode span = Json.object();
    span.put("traceId", context.traceId());
    span.put("spanId", TraceContext.newSpanId());
    if (context.parentSpanId() != null) {
      span.put("parentSpanId", context.parentSpanId());
    }
    span.put("name", "chat " + event.model());
    span.put("kind", KIND_CLIENT);
    span.put("startTimeUnixNano", Long.toString(startNanos));
    span.put("endTimeUnixNano", Long.toString(endNanos));
    var attributes = span.putArray("attributes");
    attributes.add(attribute("gen_ai.operation.name", "chat"));
    attributes.add(attribute("gen_ai.provider.name", event.provider()));
    attributes.add(attribute("gen_ai.system", event.provider()));
    attributes.add(attribute("gen_ai.request.model", event.model()));
    if (event.answered()) {
      attributes.add(attribute("gen_ai.response.model", event.model()));
      attributes.add(attribute("gen_ai.usage.input_tokens", event.inputTokens()));
      attributes.add(attribute("gen_ai.usage.output_tokens", event.outputTokens()));
      if (finishReason != null) {
        attributes.add(attribute("gen_ai.response.finish_reasons", List.of(finishReason)));
      }
    } else {
      attributes.add(attribute("error.type", event.outcome()));
      span.putObject("status")
          .put("code", STATUS_ERROR)
          .put("message", "the execution failed: " + event.outcome());
    }
    attributes.add(attribute("promptops.project", event.project()));
    attributes.add(attribute("promptops.prompt", event.prompt()));
    attributes.add(attribute("promptops.prompt.version", (long) event.version()));
    attributes.add(attribute("promptops.prompt.digest", event.digest()));
    if (event.environment() != null) {
      attributes.add(attribute("promptops.environment", event.environment()));
    }
    attributes.add(attribute("promptops.source", event.source()));
    attributes.add(attribute("promptops.outcome", event.outcome()));
    attributes.add(attribute("promptops.attempts", (long) event.attempts()));
    if (event.cost() != null) {
      attributes.add(attribute("promptops.cost_usd", event.cost().doubleValue()));
    }
    return span;
  }

  static ObjectNode attribute(String key, Object value) {
    ObjectNode a = Json.object().put("key", key);
    ObjectNode v = a.putObject("value");
    switch (value) {
      case Long l -> v.put("intValue", Long.toString(l));
      case Double d -> v.put("doubleValue", d);
      case List<?> list -> {
        var values = v.putObject("arrayValue").putArray("values");
        list.forEach(item -> values.addObject().put("stringValue", String.valueOf(item)));
      }
      default -> v.put("stringValue", value == null ? "" : value.toString());
    }
    return a;
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
