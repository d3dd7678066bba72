package dev.promptops.server.telemetry;

import dev.promptops.core.provider.UsageEvent;
import dev.promptops.core.provider.UsageSink;
import dev.promptops.server.metrics.ServerMetrics;
import java.time.Clock;

/**
 * Observes every execution on its way to the usage recorder: its metrics (latency, outcome, tokens,
 * provider errors) and, when an OTLP endpoint is configured, its span in the trace of the request
 * that made it.
 */
public final class ExecutionTelemetry implements UsageSink {
  private final UsageSink next;
  private final ServerMetrics metrics;
  private final SpanExporter spans;
  private final Clock clock;

  /**
   * @param spans where spans go, or null when tracing is off
   */
  public ExecutionTelemetry(
      UsageSink next, ServerMetrics metrics, SpanExporter spans, Clock clock) {
    this.next = next;
    this.metrics = metrics;
    this.spans = spans;
    this.clock = clock;
  }

  @Override
  public void record(UsageEvent event) {
    record(event, null);
  }

  @Override
  public void record(UsageEvent event, String finishReason) {
    try {
      metrics.executed(event);
      if (spans != null) {
        TraceContext context = TraceContext.current();
        if (context == null) {
          context = TraceContext.of(null);
        }
        if (context.sampled()) {
          spans.add(Spans.of(event, finishReason, context, clock.instant()));
        }
      }
    } finally {
      next.record(event, finishReason);
    }
  }
}
