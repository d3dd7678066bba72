package dev.promptops.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.ErrorKind;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.auth.ApiKeys;
import dev.promptops.core.json.Json;
import dev.promptops.core.wire.Wire;

/**
 * Readers for the answers that are client types of their own (created keys, whoami, pin lists,
 * audit pages, renders). They follow docs/api.md field by field.
 */
final class Replies {
  private Replies() {}

  static ApiKeys.Created createdKey(JsonNode n) {
    return new ApiKeys.Created(Wire.key(n), text(n, "secret"));
  }

  static Whoami whoami(JsonNode n) {
    return new Whoami(
        text(n, "keyId"),
        text(n, "name"),
        Wire.roles(n.path("roles")),
        n.path("serverAdmin").asBoolean());
  }

  static PinList pins(String prompt, JsonNode n) {
    String name = n.hasNonNull("prompt") ? n.get("prompt").asText() : prompt;
    return new PinList(
        name, n.path("latestVersion").asInt(), Wire.list(n.path("pins"), p -> Wire.pin(name, p)));
  }

  static AuditPage auditPage(JsonNode n) {
    JsonNode next = n.get("next");
    return new AuditPage(
        Wire.list(n.path("entries"), Wire::audit),
        next == null || next.isNull() ? null : next.asLong());
  }

  static Rendered rendered(JsonNode n) {
    return new Rendered(
        text(n, "name"),
        n.path("version").asInt(),
        text(n, "digest"),
        text(n, "resolvedVia"),
        Wire.renderedPrompt(n));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  /** The JSON data of a server-sent event; a stream that does not carry JSON is a bad answer. */
  static JsonNode eventJson(String event, String data) {
    try {
      return Json.parse(data);
    } catch (JsonProcessingException e) {
      throw new PromptOpsException(
          ErrorKind.INTERNAL,
          "bad_answer",
          "event '" + event + "' of the stream is not JSON: " + e.getOriginalMessage(),
          "check that --server points to a PromptOps server",
          null,
          e);
    }
  }

  /**
   * The failure an {@code error} event reports (its {@code status} gives the kind), or, for {@code
   * null}, a stream that ended without its result.
   */
  static PromptOpsException streamError(JsonNode event, String path) {
    if (event == null) {
      return new PromptOpsException(
          ErrorKind.UNAVAILABLE,
          "stream_ended",
          "the event stream of " + path + " ended without a result",
          "retry; if it persists, look at the server's log",
          null,
          null);
    }
    return Transport.error(event.path("status").asInt(503), event.toString(), "POST " + path);
  }
}
