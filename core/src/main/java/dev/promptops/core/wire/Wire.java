package dev.promptops.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.audit.AuditCheckpoint;
import dev.promptops.core.audit.AuditEntry;
import dev.promptops.core.audit.AuditPublicKey;
import dev.promptops.core.audit.AuditVerification;
import dev.promptops.core.auth.ApiKeyRecord;
import dev.promptops.core.auth.Role;
import dev.promptops.core.diff.FieldChange;
import dev.promptops.core.diff.VersionDiff;
import dev.promptops.core.dotprompt.Problem;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.dotprompt.RenderedPrompt;
import dev.promptops.core.execution.RunResult;
import dev.promptops.core.json.Json;
import dev.promptops.core.prompt.ComponentPin;
import dev.promptops.core.provider.ResilientCalls;
import dev.promptops.core.provider.Usage;
import dev.promptops.core.registry.DeployOutcome;
import dev.promptops.core.registry.Deployment;
import dev.promptops.core.registry.DeploymentKind;
import dev.promptops.core.registry.Impact;
import dev.promptops.core.registry.Pin;
import dev.promptops.core.registry.Project;
import dev.promptops.core.registry.PromptSummary;
import dev.promptops.core.registry.PromptVersion;
import dev.promptops.core.registry.PushResult;
import dev.promptops.core.registry.Rendering;
import dev.promptops.core.registry.TargetKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The JSON wire format of the HTTP API, defined once for the server that writes it and the client
 * that reads it. Field names are the API contract; see docs/api.md.
 */
public final class Wire {
  private Wire() {}

  // ---- projects

  public static ObjectNode project(Project p) {
    ObjectNode n = Json.object();
    n.put("name", p.name());
    n.put("description", p.description());
    n.set("environments", strings(p.environments()));
    n.put("defaultEnvironment", p.defaultEnvironment());
    n.put("createdAt", p.createdAt().toString());
    n.put("createdBy", p.createdBy());
    return n;
  }

  public static Project project(JsonNode n) {
    return new Project(
        text(n, "name"),
        text(n, "description"),
        stringList(n.path("environments")),
        instant(n, "createdAt"),
        text(n, "createdBy"));
  }

  // ---- versions

  public static ObjectNode version(PromptVersion v) {
    ObjectNode n = Json.object();
    n.put("project", v.project());
    n.put("name", v.prompt());
    n.put("version", v.version());
    n.put("digest", v.digest());
    n.set("frontMatter", v.frontMatter());
    n.put("template", v.template());
    n.put("source", v.source());
    ArrayNode components = n.putArray("components");
    for (ComponentPin pin : v.components()) {
      components
          .addObject()
          .put("name", pin.name())
          .put("version", pin.version())
          .put("digest", pin.digest());
    }
    n.put("message", v.message());
    n.put("createdAt", v.createdAt().toString());
    n.put("createdBy", v.createdBy());
    return n;
  }

  public static PromptVersion version(JsonNode n) {
    var components = new ArrayList<ComponentPin>();
    for (JsonNode c : n.path("components")) {
      components.add(
          new ComponentPin(text(c, "name"), c.path("version").asInt(), text(c, "digest")));
    }
    JsonNode fm = n.path("frontMatter");
    return new PromptVersion(
        text(n, "project"),
        text(n, "name"),
        n.path("version").asInt(),
        text(n, "digest"),
        fm instanceof ObjectNode o ? o : Json.object(),
        text(n, "template"),
        text(n, "source"),
        components,
        text(n, "message"),
        instant(n, "createdAt"),
        text(n, "createdBy"));
  }

  public static ObjectNode summary(PromptSummary s) {
    ObjectNode n = Json.object();
    n.put("name", s.name());
    n.put("latestVersion", s.latestVersion());
    n.put("latestDigest", s.latestDigest());
    n.put("updatedAt", s.updatedAt().toString());
    ObjectNode pins = n.putObject("pins");
    new TreeMap<>(s.pins()).forEach(pins::put);
    return n;
  }

  public static PromptSummary summary(JsonNode n) {
    var pins = new LinkedHashMap<String, Integer>();
    n.path("pins").properties().forEach(e -> pins.put(e.getKey(), e.getValue().asInt()));
    return new PromptSummary(
        text(n, "name"),
        n.path("latestVersion").asInt(),
        text(n, "latestDigest"),
        instant(n, "updatedAt"),
        pins);
  }

  public static ObjectNode pushResult(PushResult r) {
    ObjectNode n = Json.object();
    n.put("name", r.name());
    n.put("version", r.version());
    n.put("digest", r.digest());
    n.put("created", r.created());
    n.put("summary", r.describe());
    n.set("warnings", array(r.warnings(), Problem::toJson));
    return n;
  }

  public static PushResult pushResult(JsonNode n) {
    return new PushResult(
        text(n, "name"),
        n.path("version").asInt(),
        text(n, "digest"),
        n.path("created").asBoolean(),
        list(n.path("warnings"), Wire::problem));
  }

  public static Problem problem(JsonNode n) {
    return new Problem(
        "warning".equals(text(n, "severity")) ? Problem.Severity.WARNING : Problem.Severity.ERROR,
        text(n, "code"),
        text(n, "file"),
        n.path("line").asInt(),
        n.path("column").asInt(),
        n.hasNonNull("variable") ? n.get("variable").asText() : null,
        text(n, "message"),
        text(n, "hint"));
  }

  /**
   * The problems in an error's details ({@code {"problems": [...]}}); empty when there are none.
   */
  public static List<Problem> problems(JsonNode details) {
    if (details == null || !details.path("problems").isArray()) {
      return List.of();
    }
    return list(details.get("problems"), Wire::problem);
  }

  public static ObjectNode pin(Pin p) {
    ObjectNode n = Json.object();
    n.put("target", p.target());
    n.put("kind", p.kind().wireName());
    n.put("version", p.version());
    n.put("updatedAt", p.updatedAt().toString());
    return n;
  }

  public static Pin pin(String prompt, JsonNode n) {
    return new Pin(
        prompt,
        text(n, "target"),
        TargetKind.fromWire(text(n, "kind")),
        n.path("version").asInt(),
        instant(n, "updatedAt"));
  }

  // ---- deployments

  public static ObjectNode deployment(Deployment d) {
    ObjectNode n = Json.object();
    n.put("id", d.id());
    n.put("project", d.project());
    n.put("prompt", d.prompt());
    n.put("target", d.target());
    n.put("targetKind", d.targetKind().wireName());
    putInt(n, "fromVersion", d.fromVersion());
    putInt(n, "toVersion", d.toVersion());
    n.put("kind", d.kind().wireName());
    n.put("actor", d.actor());
    n.put("reason", d.reason());
    n.put("at", d.at().toString());
    n.put("breakGlass", d.breakGlass());
    return n;
  }

  public static Deployment deployment(JsonNode n) {
    return new Deployment(
        n.path("id").asLong(),
        text(n, "project"),
        text(n, "prompt"),
        text(n, "target"),
        TargetKind.fromWire(text(n, "targetKind")),
        optInt(n, "fromVersion"),
        optInt(n, "toVersion"),
        DeploymentKind.fromWire(text(n, "kind")),
        text(n, "actor"),
        text(n, "reason"),
        instant(n, "at"),
        n.path("breakGlass").asBoolean(false));
  }

  public static ObjectNode outcome(DeployOutcome o) {
    ObjectNode n = Json.object();
    n.put("changed", o.changed());
    n.put("prompt", o.prompt());
    n.put("target", o.target());
    putInt(n, "version", o.version());
    n.put("digest", o.digest());
    if (o.deployment() == null) {
      n.putNull("deployment");
    } else {
      n.set("deployment", deployment(o.deployment()));
    }
    return n;
  }

  public static DeployOutcome outcome(JsonNode n) {
    return new DeployOutcome(
        text(n, "prompt"),
        text(n, "target"),
        n.hasNonNull("deployment") ? deployment(n.get("deployment")) : null,
        optInt(n, "version"),
        n.hasNonNull("digest") ? n.get("digest").asText() : null);
  }

  // ---- diff

  public static ObjectNode diff(VersionDiff d) {
    ObjectNode n = Json.object();
    n.put("from", d.from());
    n.put("to", d.to());
    n.put("fromDigest", d.fromDigest());
    n.put("toDigest", d.toDigest());
    n.put("identical", d.identical());
    n.put("template", d.template());
    n.set("frontMatter", changes(d.frontMatter()));
    n.set("components", changes(d.components()));
    return n;
  }

  public static VersionDiff diff(JsonNode n) {
    return new VersionDiff(
        text(n, "from"),
        text(n, "to"),
        text(n, "fromDigest"),
        text(n, "toDigest"),
        text(n, "template"),
        changes(n.path("frontMatter")),
        changes(n.path("components")));
  }

  private static ArrayNode changes(List<FieldChange> changes) {
    ArrayNode a = Json.array();
    for (FieldChange c : changes) {
      ObjectNode o = a.addObject();
      o.put("path", c.path());
      o.put("change", c.change());
      o.set("from", c.from());
      o.set("to", c.to());
      o.put("schema", c.schema());
    }
    return a;
  }

  private static List<FieldChange> changes(JsonNode a) {
    return list(
        a,
        c ->
            new FieldChange(
                text(c, "path"),
                text(c, "change"),
                c.hasNonNull("from") ? c.get("from") : null,
                c.hasNonNull("to") ? c.get("to") : null));
  }

  // ---- rendering

  /** A render request: the Dotprompt data object, plus {@code options} when there are any. */
  public static ObjectNode renderRequest(RenderData data, ObjectNode options) {
    ObjectNode n = Json.object();
    n.set("input", data.input());
    n.set("context", data.context());
    if (data.messages() != null) {
      n.set("messages", data.messages());
    }
    if (data.docs() != null && !data.docs().isNull()) {
      n.set("docs", data.docs());
    }
    if (options != null && !options.isEmpty()) {
      n.set("options", options);
    }
    return n;
  }

  /** A rendered version: which one, how it was resolved, its messages and resolved metadata. */
  public static ObjectNode rendered(Rendering.Result r) {
    ObjectNode n = Json.object();
    n.put("name", r.version().prompt());
    n.put("version", r.version().version());
    n.put("digest", r.version().digest());
    n.put("resolvedVia", r.via());
    n.set("messages", r.rendered().messages());
    n.set("metadata", r.rendered().metadata());
    return n;
  }

  /** The messages and metadata of a render answer (or of {@code {"messages","metadata"}}). */
  public static RenderedPrompt renderedPrompt(JsonNode n) {
    JsonNode metadata = n.path("metadata");
    JsonNode messages = n.path("messages");
    return new RenderedPrompt(
        metadata instanceof ObjectNode o ? o : Json.object(),
        messages instanceof ArrayNode a ? a : Json.array());
  }

  // ---- components

  public static ObjectNode impact(Impact i) {
    ObjectNode n = Json.object();
    n.put("component", i.component());
    n.put("latestVersion", i.latestVersion());
    n.put("targetVersion", i.targetVersion());
    ArrayNode prompts = n.putArray("prompts");
    for (Impact.Affected a : i.prompts()) {
      ObjectNode o = prompts.addObject();
      o.put("prompt", a.prompt());
      o.put("version", a.version());
      o.put("digest", a.digest());
      o.put("pinned", a.pinned());
      o.put("latest", a.latest());
      o.set("runningIn", strings(a.runningIn()));
      o.put("wouldChange", a.wouldChange());
    }
    ArrayNode changes = n.putArray("changes");
    for (Impact.Change c : i.changes()) {
      changes
          .addObject()
          .put("from", c.from())
          .put("to", c.to())
          .put("templateDiff", c.templateDiff());
    }
    return n;
  }

  public static Impact impact(JsonNode n) {
    return new Impact(
        text(n, "component"),
        n.path("latestVersion").asInt(),
        n.path("targetVersion").asInt(),
        list(
            n.path("prompts"),
            a ->
                new Impact.Affected(
                    text(a, "prompt"),
                    a.path("version").asInt(),
                    text(a, "digest"),
                    a.path("pinned").asInt(),
                    a.path("latest").asBoolean(),
                    stringList(a.path("runningIn")),
                    a.path("wouldChange").asBoolean())),
        list(
            n.path("changes"),
            c ->
                new Impact.Change(
                    c.path("from").asInt(), c.path("to").asInt(), text(c, "templateDiff"))));
  }

  // ---- audit

  public static ObjectNode audit(AuditEntry e) {
    ObjectNode n = Json.object();
    n.put("seq", e.seq());
    n.put("at", e.at().toString());
    n.put("actor", e.actor());
    n.put("action", e.action());
    n.put("project", e.project());
    n.put("target", e.target());
    n.set("details", e.details());
    n.put("prevHash", e.prevHash());
    n.put("hash", e.hash());
    return n;
  }

  public static AuditEntry audit(JsonNode n) {
    JsonNode details = n.path("details");
    return new AuditEntry(
        n.path("seq").asLong(),
        instant(n, "at"),
        text(n, "actor"),
        text(n, "action"),
        n.hasNonNull("project") ? n.get("project").asText() : null,
        n.hasNonNull("target") ? n.get("target").asText() : null,
        details instanceof ObjectNode o ? o : Json.object(),
        text(n, "prevHash"),
        text(n, "hash"));
  }

  public static ObjectNode verification(AuditVerification v) {
    ObjectNode n = Json.object();
    n.put("ok", v.ok());
    n.put("issue", v.issue().name().toLowerCase(Locale.ROOT));
    n.put("entries", v.entries());
    n.put("brokenAt", v.brokenAt());
    n.put("problem", v.problem());
    n.put("headHash", v.headHash());
    n.put("checkpoints", v.checkpoints());
    n.put("checkpointedSeq", v.checkpointedSeq());
    return n;
  }

  public static AuditVerification verification(JsonNode n) {
    long brokenAt = n.path("brokenAt").asLong();
    String issue = n.path("issue").asText(brokenAt == 0 ? "none" : "chain");
    return new AuditVerification(
        n.path("entries").asLong(),
        brokenAt,
        text(n, "problem"),
        text(n, "headHash"),
        AuditVerification.Issue.valueOf(issue.toUpperCase(Locale.ROOT)),
        n.path("checkpoints").asLong(),
        n.path("checkpointedSeq").asLong());
  }

  public static ObjectNode checkpoint(AuditCheckpoint c) {
    ObjectNode n = Json.object();
    n.put("number", c.number());
    n.put("seq", c.seq());
    n.put("hash", c.hash());
    n.put("entries", c.entries());
    n.put("at", c.at().toString());
    n.put("keyId", c.keyId());
    n.put("signature", c.signature());
    return n;
  }

  public static AuditCheckpoint checkpoint(JsonNode n) {
    return new AuditCheckpoint(
        n.path("number").asLong(),
        n.path("seq").asLong(),
        text(n, "hash"),
        n.path("entries").asLong(),
        instant(n, "at"),
        text(n, "keyId"),
        text(n, "signature"));
  }

  /** The public audit key: its id, PEM and base64 (X.509), and its algorithm. */
  public static ObjectNode auditKey(AuditPublicKey k) {
    ObjectNode n = Json.object();
    n.put("keyId", k.id());
    n.put("algorithm", "Ed25519");
    n.put("publicKey", k.base64());
    n.put("pem", k.pem());
    return n;
  }

  // ---- keys

  public static ObjectNode key(ApiKeyRecord k) {
    ObjectNode n = Json.object();
    n.put("id", k.id());
    n.put("name", k.name());
    ObjectNode roles = n.putObject("roles");
    new TreeMap<>(k.roles()).forEach((p, r) -> roles.put(p, r.wireName()));
    n.put("createdAt", k.createdAt().toString());
    n.put("createdBy", k.createdBy());
    n.put("revokedAt", k.revokedAt() == null ? null : k.revokedAt().toString());
    return n;
  }

  /** A key as the API shows it: never its secret's hash, so that field is empty. */
  public static ApiKeyRecord key(JsonNode n) {
    return new ApiKeyRecord(
        text(n, "id"),
        text(n, "name"),
        "",
        roles(n.path("roles")),
        instant(n, "createdAt"),
        text(n, "createdBy"),
        n.hasNonNull("revokedAt") ? Instant.parse(n.get("revokedAt").asText()) : null);
  }

  public static Map<String, Role> roles(JsonNode n) {
    var roles = new TreeMap<String, Role>();
    n.properties().forEach(e -> roles.put(e.getKey(), Role.parse(e.getValue().asText())));
    return roles;
  }

  // ---- execution

  public static ObjectNode runResult(RunResult r) {
    ObjectNode n = Json.object();
    n.put("name", r.prompt());
    n.put("version", r.version());
    n.put("digest", r.digest());
    n.put("resolvedVia", r.resolvedVia());
    n.put("environment", r.environment());
    n.put("provider", r.provider());
    n.put("model", r.model());
    ObjectNode output = n.putObject("output");
    output.put("text", r.text());
    output.set("json", r.json());
    output.put("valid", r.outputValid());
    output.set("errors", strings(r.outputErrors()));
    n.put("finishReason", r.finishReason());
    ObjectNode usage = n.putObject("usage");
    usage.put("inputTokens", r.usage().inputTokens());
    usage.put("outputTokens", r.usage().outputTokens());
    usage.put("totalTokens", r.usage().totalTokens());
    if (r.cost() == null) {
      n.putNull("cost");
    } else {
      n.put("cost", r.cost());
    }
    n.put("latencyMs", r.latencyMillis());
    n.put("fallback", r.fellBack());
    n.set("attempts", attempts(r.attempts()));
    return n;
  }

  /** Each provider call of a run: provider, model, outcome, HTTP status, latency. */
  public static ArrayNode attempts(List<ResilientCalls.Attempt> attempts) {
    ArrayNode out = Json.array();
    for (var a : attempts) {
      out.addObject()
          .put("provider", a.provider())
          .put("model", a.model())
          .put("outcome", a.outcome())
          .put("status", a.status())
          .put("latencyMs", a.latencyMillis());
    }
    return out;
  }

  public static RunResult runResult(JsonNode n) {
    JsonNode out = n.path("output");
    JsonNode usage = n.path("usage");
    return new RunResult(
        text(n, "name"),
        n.path("version").asInt(),
        text(n, "digest"),
        text(n, "resolvedVia"),
        n.hasNonNull("environment") ? n.get("environment").asText() : null,
        text(n, "provider"),
        text(n, "model"),
        text(out, "text"),
        out.hasNonNull("json") ? out.get("json") : null,
        stringList(out.path("errors")),
        text(n, "finishReason"),
        new Usage(usage.path("inputTokens").asLong(), usage.path("outputTokens").asLong()),
        n.hasNonNull("cost") ? n.get("cost").decimalValue() : null,
        n.path("latencyMs").asLong(),
        list(
            n.path("attempts"),
            a ->
                new ResilientCalls.Attempt(
                    text(a, "provider"),
                    text(a, "model"),
                    text(a, "outcome"),
                    a.path("status").asInt(),
                    a.path("latencyMs").asLong())));
  }

  // ---- helpers

  public static <T> List<T> list(JsonNode array, Function<JsonNode, T> item) {
    var out = new ArrayList<T>();
    for (JsonNode n : array) {
      out.add(item.apply(n));
    }
    return List.copyOf(out);
  }

  public static <T> ArrayNode array(List<T> items, Function<T, ? extends JsonNode> item) {
    ArrayNode a = Json.array();
    items.forEach(i -> a.add(item.apply(i)));
    return a;
  }

  static ArrayNode strings(List<String> values) {
    ArrayNode a = Json.array();
    values.forEach(a::add);
    return a;
  }

  private static List<String> stringList(JsonNode a) {
    return list(a, JsonNode::asText);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  private static Instant instant(JsonNode n, String field) {
    String s = text(n, field);
    return s.isEmpty() ? Instant.EPOCH : Instant.parse(s);
  }

  private static void putInt(ObjectNode n, String field, Integer value) {
    if (value == null) {
      n.putNull(field);
    } else {
      n.put(field, value);
    }
  }

  private static Integer optInt(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asInt();
  }
}
