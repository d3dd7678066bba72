package dev.promptops.server.webhook;

import dev.promptops.core.webhook.RetrySchedule;
import java.time.Duration;
import java.util.Map;

/**
 * How the server sends webhooks, from its environment: {@code PROMPTOPS_WEBHOOK_RETRY_DELAYS} (the
 * delays between attempts, default {@code 10s,1m,5m,30m,2h,5h,10h}), {@code
 * PROMPTOPS_WEBHOOK_TIMEOUT} (per attempt, default {@code 10s}) and {@code PROMPTOPS_WEBHOOK_POLL}
 * (how often a worker looks for due deliveries, default {@code 1s}) and {@code
 * PROMPTOPS_WEBHOOK_RETENTION} (how long the delivery log keeps ended deliveries, default {@code
 * 30d}).
 *
 * @param concurrency the most deliveries one server sends at once
 */
public record WebhookSettings(
    RetrySchedule schedule, Duration timeout, Duration poll, Duration retention, int concurrency) {
  public static final String RETRY_DELAYS = "PROMPTOPS_WEBHOOK_RETRY_DELAYS";
  public static final String TIMEOUT = "PROMPTOPS_WEBHOOK_TIMEOUT";
  public static final String POLL = "PROMPTOPS_WEBHOOK_POLL";
  public static final String RETENTION = "PROMPTOPS_WEBHOOK_RETENTION";

  public static WebhookSettings from(Map<String, String> environment) {
    String delays = environment.get(RETRY_DELAYS);
    return new WebhookSettings(
        delays == null ? RetrySchedule.DEFAULT : RetrySchedule.parse(delays),
        duration(environment, TIMEOUT, Duration.ofSeconds(10)),
        duration(environment, POLL, Duration.ofSeconds(1)),
        duration(environment, RETENTION, Duration.ofDays(30)),
        8);
  }

  /** A worker holds a delivery this long: well past one attempt's timeout. */
  Duration lease() {
    return timeout.multipliedBy(3).plusSeconds(30);
  }

  private static Duration duration(Map<String, String> env, String name, Duration fallback) {
    String value = env.get(name);
    return value == null ? fallback : RetrySchedule.duration(value);
  }
}
