package dev.promptops.core.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.CanonicalJson;
import dev.promptops.core.json.Json;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the hash-chained audit log. {@link #hash} is the SHA-256 of {@link #prevHash}, a
 * newline, and the canonical JSON of the other fields ({@link #body()}), so changing, removing or
 * reordering an entry breaks the chain from that entry on.
 *
 * @param project the project concerned, or null for changes outside any project (API keys)
 * @param target the prompt or other object concerned within the project, or null
 * @param details what changed; never a secret
 */
public record AuditEntry(
    long seq,
    Instant at,
    String actor,
    String action,
    String project,
    String target,
    ObjectNode details,
    String prevHash,
    String hash) {

  /** The hash that precedes the first entry. */
  public static final String GENESIS = "0".repeat(64);

  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    details = details == null ? Json.object() : details.deepCopy();
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(hash, "hash");
  }

  @Override
  public ObjectNode details() {
    return details.deepCopy();
  }

  /** Creates the entry that follows {@code prevHash}, computing its hash. */
  public static AuditEntry next(
      long seq,
      Instant at,
      String actor,
      String action,
      String project,
      String target,
      ObjectNode details,
      String prevHash) {
    var draft = new AuditEntry(seq, at, actor, action, project, target, details, prevHash, "");
    return new AuditEntry(
        seq, at, actor, action, project, target, details, prevHash, draft.computeHash());
  }

  /** The canonical JSON of everything but the hashes. */
  public ObjectNode body() {
    ObjectNode body = Json.object();
    body.put("seq", seq);
    body.put("at", at.toString());
    body.put("actor", actor);
    body.put("action", action);
    body.put("project", project);
    body.put("target", target);
    body.set("details", details);
    return body;
  }

  public String computeHash() {
    return CanonicalJson.sha256Hex(prevHash + "\n" + CanonicalJson.write(body()));
  }
}
