package dev.promptops.core.webhook;

import dev.promptops.core.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The events a subscription can receive, and the audit action each comes from: the one table to
 * extend when a feature starts auditing a new action. An event whose action nothing appends yet is
 * accepted in subscriptions and emitted once the feature lands (docs/webhooks.md lists which).
 */
public final class WebhookEvents {
  /** Subscribes to every event. */
  public static final String ALL = "*";

  /** The test event sent on request; never produced by the audit trail. */
  public static final String PING = "ping";

  /** Audit action → event name. */
  private static final Map<String, String> BY_ACTION = new LinkedHashMap<>();

  static {
    BY_ACTION.put("version.create", "version.created");
    BY_ACTION.put("deployment.deploy", "deployment.created");
    BY_ACTION.put("deployment.promote", "deployment.created");
    BY_ACTION.put("deployment.rollback", "deployment.rolled_back");
    BY_ACTION.put("deployment.unpin", "deployment.unpinned");
    BY_ACTION.put("deployment.break_glass", "deployment.break_glass");
    BY_ACTION.put("change.open", "change_request.opened");
    BY_ACTION.put("change.approve", "change_request.approved");
    BY_ACTION.put("change.request_changes", "change_request.changes_requested");
    BY_ACTION.put("change.merge", "change_request.merged");
    BY_ACTION.put("change.close", "change_request.closed");
    BY_ACTION.put("change.supersede", "change_request.superseded");
    BY_ACTION.put("policy.update", "policy.updated");
    BY_ACTION.put("eval.finish", "eval.completed");
    BY_ACTION.put("smoke.passed", "smoke.passed");
    BY_ACTION.put("smoke.failed", "smoke.failed");
    BY_ACTION.put("drift.open", "drift.detected");
    BY_ACTION.put("drift.acknowledge", "drift.acknowledged");
    BY_ACTION.put("drift.resolve", "drift.resolved");
    BY_ACTION.put("deployment.confirmed", "deployment.confirmed");
    BY_ACTION.put("schedule.update", "schedule.updated");
  }

  private WebhookEvents() {}

  /** The event an audit action produces, if any. */
  public static Optional<String> forAction(String action) {
    return Optional.ofNullable(BY_ACTION.get(action));
  }

  /** Every event name a subscription may list, in the table's order, {@code ping} last. */
  public static List<String> names() {
    var names = new ArrayList<String>();
    for (String event : BY_ACTION.values()) {
      if (!names.contains(event)) {
        names.add(event);
      }
    }
    names.add(PING);
    return names;
  }

  /**
   * The events of a subscription, checked: each a known event or {@code *}, none twice.
   *
   * @throws InvalidInputException for an empty list or an unknown name
   */
  public static List<String> check(List<String> events) {
    if (events.isEmpty()) {
      throw new InvalidInputException(
          "invalid_events",
          "a webhook must subscribe to at least one event",
          "list events such as [\"deployment.created\"], or [\"*\"] for all");
    }
    List<String> known = names();
    for (String event : events) {
      if (!event.equals(ALL) && !known.contains(event)) {
        throw new InvalidInputException(
            "unknown_event",
            "unknown webhook event '" + event + "'",
            "use * or one of: " + String.join(", ", known));
      }
    }
    return events.stream().distinct().toList();
  }
}
