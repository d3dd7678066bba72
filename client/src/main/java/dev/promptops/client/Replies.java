package dev.promptops.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.auth.ApiKeyRecord;
import dev.promptops.core.auth.ApiKeys;
import dev.promptops.core.json.Json;
import dev.promptops.core.registry.DeployOutcome;
import dev.promptops.core.registry.Deployment;
import dev.promptops.core.registry.PromptVersion;
import dev.promptops.core.wire.Wire;
import java.time.Instant;
import java.util.List;

/**
 * Readers for the answers that {@link Wire} writes but has no reader for yet (outcomes, keys,
 * whoami, pin lists, audit pages). They follow docs/api.md field by field.
 */
final class Replies {
  private Replies() {}

  /**
   * An outcome carries only the number and digest of the version now pinned, so the {@link
   * PromptVersion} in the result has those (and its project and prompt) but an empty template,
   * front matter and provenance; fetch the version for its content.
   */
  static DeployOutcome outcome(String project, JsonNode n) {
    String prompt = text(n, "prompt");
    Deployment deployment =
        n.hasNonNull("deployment") ? Wire.deployment(n.get("deployment")) : null;
    PromptVersion version = null;
    if (n.hasNonNull("version")) {
      version =
          new PromptVersion(
              project,
              prompt,
              n.get("version").asInt(),
              text(n, "digest"),
              Json.object(),
              "",
              List.of(),
              "",
              deployment != null ? deployment.at() : Instant.EPOCH,
              deployment != null ? deployment.actor() : "");
    }
    return new DeployOutcome(prompt, text(n, "target"), deployment, version);
  }

  /** A key as the API shows it: never its secret's hash, so that field is empty. */
  static ApiKeyRecord key(JsonNode n) {
    return new ApiKeyRecord(
        text(n, "id"),
        text(n, "name"),
        "",
        Wire.roles(n.path("roles")),
        instant(n, "createdAt"),
        text(n, "createdBy"),
        n.hasNonNull("revokedAt") ? Instant.parse(n.get("revokedAt").asText()) : null);
  }

  static ApiKeys.Created createdKey(JsonNode n) {
    return new ApiKeys.Created(key(n), text(n, "secret"));
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

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  private static Instant instant(JsonNode n, String field) {
    String s = text(n, field);
    return s.isEmpty() ? Instant.EPOCH : Instant.parse(s);
  }
}
