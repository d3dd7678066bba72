package dev.promptops.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.drift.Confirmation;
import dev.promptops.core.drift.Drift;
import dev.promptops.core.drift.DriftReport;
import dev.promptops.core.drift.Incident;
import dev.promptops.core.drift.InstanceInfo;
import dev.promptops.core.drift.Schedule;
import dev.promptops.core.drift.Served;
import dev.promptops.core.json.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;

/** The JSON of drift: reports in, incidents, instances and confirmations out. */
public final class DriftWire {
  private DriftWire() {}

  /**
   * A report as the SDK sends it: {@code {"instance": {"id", "application", "host", "sdk",
   * "startedAt"}, "dropped", "served": [{"prompt", "environment", "version", "digest", "fallback",
   * "count", "firstSeen", "lastSeen"}]}}.
   */
  public static DriftReport report(JsonNode body, Instant now) {
    JsonNode instance = body.path("instance");
    if (!instance.isObject()) {
      throw invalid("instance", "an object {\"id\", \"application\", …}");
    }
    String id = text(instance, "instance.id");
    var info =
        new InstanceInfo(
            id,
            optional(instance, "application", "unknown"),
            optional(instance, "host", ""),
            optional(instance, "sdk", ""),
            InstanceInfo.Source.SDK,
            instant(instance.path("startedAt"), "instance.startedAt", null),
            now,
            now,
            0,
            body.path("dropped").asLong(0));
    var served = new ArrayList<Served>();
    JsonNode list = body.path("served");
    if (!list.isMissingNode() && !list.isArray()) {
      throw invalid("served", "a list of served prompts");
    }
    for (JsonNode s : list) {
      if (!s.isObject()) {
        throw invalid("served[]", "an object {\"prompt\", \"digest\", …}");
      }
      JsonNode env = s.path("environment");
      JsonNode version = s.path("version");
      if (!version.isMissingNode() && !version.isNull() && !version.isInt()) {
        throw invalid("served[].version", "a whole number or null");
      }
      Instant last = instant(s.path("lastSeen"), "served[].lastSeen", now);
      served.add(
          new Served(
              id,
              env.isTextual() ? env.asText() : "",
              text(s, "served[].prompt"),
              text(s, "served[].digest"),
              s.path("fallback").asBoolean(false),
              version.isInt() ? version.asInt() : null,
              s.path("count").asLong(1),
              instant(s.path("firstSeen"), "served[].firstSeen", last),
              last));
    }
    return new DriftReport(info, served);
  }

  private static String text(JsonNode node, String path) {
    String field = path.substring(path.lastIndexOf('.') + 1).replace("[]", "");
    JsonNode value = node.path(field);
    if (!value.isTextual()) {
      throw invalid(path, "a string");
    }
    return value.asText();
  }

  private static String optional(JsonNode node, String field, String fallback) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank() ? value.asText() : fallback;
  }

  private static Instant instant(JsonNode value, String path, Instant fallback) {
    if (value.isMissingNode() || value.isNull()) {
      return fallback;
    }
    try {
      return Instant.parse(value.asText());
    } catch (DateTimeParseException e) {
      throw invalid(path, "an ISO-8601 instant such as 2026-12-02T10:15:30Z");
    }
  }

  private static InvalidInputException invalid(String field, String what) {
    return new InvalidInputException(
        "invalid_report", "'" + field + "' must be " + what, "see docs/drift.md for the report");
  }

  public static ObjectNode incident(Incident i) {
    ObjectNode o =
        Json.object()
            .put("number", i.number())
            .put("project", i.project())
            .put("environment", i.environment())
            .put("prompt", i.prompt())
            .put("kind", i.kind().wireName())
            .put("state", i.state().wireName())
            .put("digest", i.digest());
    o.put("version", i.version());
    o.put("expectedDigest", i.expectedDigest());
    o.put("expectedVersion", i.expectedVersion());
    o.set("instances", Json.mapper().valueToTree(i.instances()));
    o.put("message", i.message());
    o.put("openedAt", i.openedAt().toString());
    o.put("updatedAt", i.updatedAt().toString());
    o.put("resolvedAt", i.resolvedAt() == null ? null : i.resolvedAt().toString());
    if (i.acknowledgedBy() != null) {
      o.put("acknowledgedBy", i.acknowledgedBy());
      o.put("acknowledgedAt", i.acknowledgedAt().toString());
      o.put("note", i.note());
    }
    return o;
  }

  public static ObjectNode confirmation(Confirmation c) {
    ObjectNode o =
        Json.object()
            .put("deploymentId", c.deploymentId())
            .put("project", c.project())
            .put("environment", c.environment())
            .put("prompt", c.prompt())
            .put("version", c.version())
            .put("digest", c.digest())
            .put("deployedAt", c.deployedAt().toString())
            .put("state", c.state().wireName());
    o.set("converged", Json.mapper().valueToTree(c.converged()));
    ArrayNode lagging = o.putArray("lagging");
    for (Confirmation.Lagging l : c.lagging()) {
      ObjectNode x = lagging.addObject().put("instance", l.instance()).put("digest", l.digest());
      x.put("version", l.version());
      x.put("fallback", l.fallback());
    }
    o.put("checkedAt", c.checkedAt().toString());
    o.put("confirmedAt", c.confirmedAt() == null ? null : c.confirmedAt().toString());
    o.put("tookMillis", c.took() == null ? null : c.took().toMillis());
    return o;
  }

  public static ObjectNode instance(InstanceInfo i) {
    ObjectNode o =
        Json.object()
            .put("id", i.id())
            .put("application", i.application())
            .put("host", i.host())
            .put("sdk", i.sdk())
            .put("source", i.source().wireName());
    o.put("startedAt", i.startedAt() == null ? null : i.startedAt().toString());
    o.put("firstSeen", i.firstSeen().toString());
    o.put("lastSeen", i.lastSeen().toString());
    o.put("reports", i.reports());
    o.put("dropped", i.dropped());
    return o;
  }

  public static ObjectNode served(Served s) {
    ObjectNode o =
        Json.object()
            .put("instance", s.instance())
            .put("environment", s.environment().isEmpty() ? null : s.environment())
            .put("prompt", s.prompt())
            .put("digest", s.digest());
    o.put("version", s.version());
    o.put("fallback", s.fallback());
    o.put("count", s.uses());
    o.put("firstSeen", s.firstSeen().toString());
    o.put("lastSeen", s.lastSeen().toString());
    return o;
  }

  public static ObjectNode status(Drift.Status st) {
    ObjectNode o = Json.object().put("at", st.at().toString());
    o.set("instances", Wire.array(st.instances(), DriftWire::instance));
    o.set("served", Wire.array(st.served(), DriftWire::served));
    o.set("incidents", Wire.array(st.unresolved(), DriftWire::incident));
    return o;
  }

  public static ObjectNode schedule(Schedule s) {
    ObjectNode o =
        Json.object()
            .put("suite", s.suite())
            .put("environment", s.environment())
            .put("every", every(s.every().toSeconds()))
            .put("margin", s.margin())
            .put("nextRunAt", s.nextRunAt().toString());
    o.put("lastRun", s.lastRun());
    return o;
  }

  /** A period as written in promptops.yaml: {@code 6h}, {@code 30m}, {@code 1d}, {@code 90s}. */
  static String every(long seconds) {
    if (seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
