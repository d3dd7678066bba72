package dev.promptops.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.audit.AuditCheckpoint;
import dev.promptops.core.audit.AuditEntry;
import dev.promptops.core.audit.AuditPublicKey;
import dev.promptops.core.audit.AuditVerification;
import dev.promptops.core.auth.ApiKeyRecord;
import dev.promptops.core.auth.ApiKeys;
import dev.promptops.core.auth.Role;
import dev.promptops.core.diff.VersionDiff;
import dev.promptops.core.dotprompt.Problem;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.eval.CaseResult;
import dev.promptops.core.eval.EvalJson;
import dev.promptops.core.eval.EvalRun;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.execution.RunResult;
import dev.promptops.core.json.Json;
import dev.promptops.core.provider.ProviderInfo;
import dev.promptops.core.provider.ProviderSettings;
import dev.promptops.core.registry.DeployOutcome;
import dev.promptops.core.registry.Deployment;
import dev.promptops.core.registry.Impact;
import dev.promptops.core.registry.Project;
import dev.promptops.core.registry.PromptSummary;
import dev.promptops.core.registry.PromptVersion;
import dev.promptops.core.registry.PushItem;
import dev.promptops.core.registry.PushResult;
import dev.promptops.core.registry.Ref;
import dev.promptops.core.registry.Resolution;
import dev.promptops.core.registry.Selector;
import dev.promptops.core.webhook.WebhookDelivery;
import dev.promptops.core.webhook.WebhookInfo;
import dev.promptops.core.webhook.Webhooks;
import dev.promptops.core.wire.ProviderWire;
import dev.promptops.core.wire.WebhookWire;
import dev.promptops.core.wire.Wire;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A client for the PromptOps HTTP API (docs/api.md): one method per route, answers as core domain
 * types. Every failure is a {@link dev.promptops.core.PromptOpsException}: an error answer keeps
 * the server's code, message, hint and details, and its kind follows the HTTP status; a server that
 * cannot be reached or does not answer in time is {@link dev.promptops.core.ErrorKind#UNAVAILABLE}.
 * Thread-safe; close it to release its connections.
 *
 * <pre>{@code
 * try (var client = PromptOpsClient.builder("http://127.0.0.1:7070").apiKey(key).build()) {
 *   Resolution r = client.resolve("shop", Ref.parse("support/reply:production"));
 * }
 * }</pre>
 */
public final class PromptOpsClient implements AutoCloseable {
  private final Transport transport;

  private final Duration runTimeout;

  private PromptOpsClient(Transport transport, Duration runTimeout) {
    this.transport = transport;
    this.runTimeout = runTimeout;
  }

  public static Builder builder(String baseUrl) {
    return new Builder(baseUrl);
  }

  /** The server's base URL, without a trailing slash. */
  public String baseUrl() {
    return transport.base();
  }

  // ---- server

  /** True when {@code /healthz} answers {@code ok}; needs no key. */
  public boolean healthy() {
    return "ok".equals(transport.get(ApiPath.healthz()).path("status").asText());
  }

  /** The OpenAPI description of the API. */
  public JsonNode openApi() {
    return transport.get(ApiPath.of("openapi.json"));
  }

  public Whoami whoami() {
    return Replies.whoami(transport.get(ApiPath.of("whoami")));
  }

  // ---- projects

  /** The projects the key may read. */
  public List<Project> projects() {
    return Wire.list(transport.get(ApiPath.of("projects")).path("projects"), Wire::project);
  }

  public Project project(String name) {
    return Wire.project(transport.get(ApiPath.of("projects", name)));
  }

  /** Creates a project (server administrators only); null environments mean the default chain. */
  public Project createProject(String name, String description, List<String> environments) {
    ObjectNode body = Json.object().put("name", name);
    if (description != null) {
      body.put("description", description);
    }
    if (environments != null) {
      body.set("environments", Json.mapper().valueToTree(environments));
    }
    return Wire.project(transport.send("POST", ApiPath.of("projects"), body));
  }

  public Project setEnvironments(String project, List<String> environments) {
    ObjectNode body = Json.object();
    body.set("environments", Json.mapper().valueToTree(environments));
    return Wire.project(
        transport.send("PUT", ApiPath.of("projects", project, "environments"), body));
  }

  // ---- environment policies

  /** The policies in force: {@code {"version", "environments", "updatedAt", "updatedBy"}}. */
  public JsonNode policies(String project) {
    return transport.get(ApiPath.of("projects", project, "policies"));
  }

  /**
   * Replaces the project's policies; the answer is the policies in force and {@code changed} (false
   * when they were already these).
   */
  public JsonNode setPolicies(String project, JsonNode environments, String reason) {
    ObjectNode body = Json.object();
    body.set("environments", environments);
    body.put("reason", reason);
    return transport.send("PUT", ApiPath.of("projects", project, "policies"), body);
  }

  // ---- registered eval suites

  /** Registers a self-contained suite under {@code name}; the answer says whether it changed. */
  public JsonNode putSuite(String project, String name, ObjectNode suite) {
    ObjectNode body = Json.object();
    body.set("suite", suite);
    return transport.send("PUT", ApiPath.of("projects", project, "suites", name), body);
  }

  // ---- change requests

  /**
   * Opens a change request to deploy {@code prompt@version} to {@code environment}; the answer is
   * the request with its reviews, {@code unmet} (what the policy still lacks) and {@code
   * mergeable}.
   */
  public JsonNode openChange(
      String project,
      String prompt,
      int version,
      String environment,
      String description,
      boolean autoMerge) {
    ObjectNode body =
        Json.object()
            .put("prompt", prompt)
            .put("version", version)
            .put("environment", environment)
            .put("description", description == null ? "" : description)
            .put("autoMerge", autoMerge);
    return transport.send("POST", ApiPath.of("projects", project, "changes"), body);
  }

  /** Change requests, newest first; null filters match anything. */
  public JsonNode changes(String project, String state, String prompt, int limit) {
    return transport.get(
        ApiPath.of("projects", project, "changes")
            .query("state", state)
            .query("prompt", prompt)
            .query("limit", limit));
  }

  public JsonNode change(String project, int number) {
    return transport.get(ApiPath.of("projects", project, "changes", String.valueOf(number)));
  }

  /** Reviews a change request: {@code approve} or {@code request_changes}. */
  public JsonNode reviewChange(String project, int number, String verdict, String comment) {
    ObjectNode body =
        Json.object().put("verdict", verdict).put("comment", comment == null ? "" : comment);
    return transport.send(
        "POST",
        ApiPath.of("projects", project, "changes", String.valueOf(number), "reviews"),
        body);
  }

  /** Deploys a change request whose policy holds. */
  public JsonNode mergeChange(String project, int number) {
    return transport.send(
        "POST",
        ApiPath.of("projects", project, "changes", String.valueOf(number), "merge"),
        Json.object());
  }

  public JsonNode closeChange(String project, int number, String reason) {
    return transport.send(
        "POST",
        ApiPath.of("projects", project, "changes", String.valueOf(number), "close"),
        Json.object().put("reason", reason == null ? "" : reason));
  }

  // ---- drift

  /** What is served now: {@code {"at", "instances", "served", "incidents"}}; env null for all. */
  public JsonNode driftStatus(String project, String env) {
    return transport.get(ApiPath.of("projects", project, "drift").query("env", env));
  }

  /** Drift incidents, newest first: {@code {"incidents": [...]}}; null filters match anything. */
  public JsonNode incidents(String project, String state, String env, int limit) {
    return transport.get(
        ApiPath.of("projects", project, "drift", "incidents")
            .query("state", state)
            .query("env", env)
            .query("limit", limit));
  }

  /** Acknowledges an incident with a note; the answer is the incident. */
  public JsonNode acknowledgeIncident(String project, int number, String note) {
    return transport.send(
        "POST",
        ApiPath.of(
            "projects", project, "drift", "incidents", String.valueOf(number), "acknowledge"),
        Json.object().put("note", note == null ? "" : note));
  }

  /**
   * The convergence of one deployment: {@code state} (pending, confirmed, superseded), {@code
   * converged} instances, {@code lagging} ones with what they serve, {@code tookMillis}.
   */
  public JsonNode confirmation(String project, long deploymentId) {
    return transport.get(
        ApiPath.of("projects", project, "drift", "confirmations", String.valueOf(deploymentId)));
  }

  /** Confirmations newest first: {@code {"confirmations": [...]}}; null filters match anything. */
  public JsonNode confirmations(String project, String prompt, String env, int limit) {
    return transport.get(
        ApiPath.of("projects", project, "drift", "confirmations")
            .query("prompt", prompt)
            .query("env", env)
            .query("limit", limit));
  }

  /**
   * Replaces the behavioural drift schedules: {@code [{"suite", "environment", "every",
   * "margin"}]}.
   */
  public JsonNode setSchedules(String project, JsonNode schedules) {
    ObjectNode body = Json.object();
    body.set("schedules", schedules);
    return transport.send("PUT", ApiPath.of("projects", project, "drift", "schedules"), body);
  }

  // ---- prompts and versions

  public List<PromptSummary> prompts(String project) {
    JsonNode answer = transport.get(ApiPath.of("projects", project, "prompts"));
    return Wire.list(answer.path("prompts"), Wire::summary);
  }

  /**
   * Pushes prompt files in one all-or-nothing request; content identical to an existing version
   * creates nothing and reports that version.
   */
  public List<PushResult> push(String project, List<PushItem> prompts, String message) {
    ObjectNode body = Json.object();
    var items = body.putArray("prompts");
    prompts.forEach(p -> items.addObject().put("name", p.name()).put("source", p.source()));
    if (message != null) {
      body.put("message", message);
    }
    JsonNode answer = transport.send("POST", ApiPath.of("projects", project, "prompts"), body);
    return Wire.list(answer.path("results"), Wire::pushResult);
  }

  /**
   * Resolves a reference such as {@code support/reply}, {@code support/reply:staging} or
   * {@code @3}.
   */
  public Resolution resolve(String project, Ref ref) {
    return resolve(project, ref.prompt(), ref.selector());
  }

  /**
   * Resolves a prompt by environment, label, exact version, or (for {@link Selector.Default}) the
   * project's default environment. A {@link Selector.Target} is looked up among the project's
   * environments first, then taken as a label.
   */
  public Resolution resolve(String project, String prompt, Selector selector) {
    JsonNode answer = transport.get(select(project, ApiPath.prompt(project, prompt), selector));
    return new Resolution(Wire.version(answer), answer.path("resolvedVia").asText(""));
  }

  /**
   * Resolves like {@link #resolve(String, String, Selector)}, asking the server to answer only when
   * the version it selects no longer has {@code digest}: empty when it still does (HTTP 304), so a
   * cache that holds the version pays no transfer.
   */
  public java.util.Optional<Resolution> resolveIfChanged(
      String project, String prompt, Selector selector, String digest) {
    JsonNode answer =
        transport.getIfChanged(select(project, ApiPath.prompt(project, prompt), selector), digest);
    return answer == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(
            new Resolution(Wire.version(answer), answer.path("resolvedVia").asText("")));
  }

  /**
   * Sends an instance's usage report ({@code docs/drift.md}, "What instances report"); the server
   * evaluates drift with it.
   */
  public void reportUsage(String project, ObjectNode report) {
    transport.send("POST", ApiPath.of("projects", project, "drift", "reports"), report);
  }

  /** The query that picks a version: {@code ?version=}, {@code ?env=}, {@code ?label=} or none. */
  private ApiPath select(String project, ApiPath path, Selector selector) {
    switch (selector) {
      case Selector.Default d -> {}
      case Selector.Version v -> path.query("version", v.number());
      default -> {
        Target t = target(project, selector);
        path.query(t.param(), t.name());
      }
    }
    return path;
  }

  /** Renders the version a reference names, with its pinned components, into messages. */
  public Rendered render(String project, Ref ref, RenderData data) {
    return render(project, ref.prompt(), ref.selector(), data, null);
  }

  /**
   * Renders a version, selected as {@link #resolve(String, String, Selector)} selects it, with the
   * component versions it pins.
   *
   * @param data the variables ({@code input}), {@code context}, {@code messages} and {@code docs}
   * @param options metadata fields merged over the prompt's (e.g. {@code config}), or null
   * @throws PromptOpsException {@link dev.promptops.core.ErrorKind#UNPROCESSABLE} when the
   *     variables do not fit the input schema; {@link #problems(PromptOpsException)} lists why
   */
  public Rendered render(
      String project, String prompt, Selector selector, RenderData data, ObjectNode options) {
    ApiPath path = select(project, ApiPath.prompt(project, prompt).action("render"), selector);
    RenderData body = data == null ? RenderData.of(null) : data;
    return Replies.rendered(transport.send("POST", path, Wire.renderRequest(body, options)));
  }

  /** Runs the version a reference names on its model and waits for the whole answer. */
  public RunResult run(String project, Ref ref, RenderData data) {
    return run(project, ref.prompt(), ref.selector(), data, null, null);
  }

  /**
   * Runs a version, selected as {@link #resolve(String, String, Selector)} selects it, on the model
   * it names: the server renders it, calls the provider (retries, fallback), checks JSON output and
   * prices the call. With {@code onDelta} the answer streams: each piece of text goes to it as it
   * arrives, and the result comes at the end. Waits up to the builder's {@code runTimeout}.
   *
   * @param options metadata fields merged over the prompt's (e.g. {@code config}), or null
   * @param onDelta takes the text as it streams, or null to wait for the whole answer
   * @throws PromptOpsException {@link dev.promptops.core.ErrorKind#UNAVAILABLE} when every model
   *     failed (the message lists the attempts); other kinds as for {@link #render}
   */
  public RunResult run(
      String project,
      String prompt,
      Selector selector,
      RenderData data,
      ObjectNode options,
      Consumer<String> onDelta) {
    ApiPath path = select(project, ApiPath.prompt(project, prompt).action("run"), selector);
    ObjectNode body = Wire.renderRequest(data == null ? RenderData.of(null) : data, options);
    if (onDelta == null) {
      return Wire.runResult(transport.send("POST", path, body, runTimeout));
    }
    body.put("stream", true);
    var result = new RunResult[1];
    transport.events(
        "POST",
        path,
        body,
        runTimeout,
        (event, json) -> {
          JsonNode n = Replies.eventJson(event, json);
          switch (event) {
            case "delta" -> onDelta.accept(n.path("text").asText(""));
            case "result" -> result[0] = Wire.runResult(n);
            case "error" -> throw Replies.streamError(n, path.toString());
            default -> {}
          }
        });
    if (result[0] == null) {
      throw Replies.streamError(null, path.toString());
    }
    return result[0];
  }

  /**
   * Starts an evaluation run on the server (queued for its worker): {@code request} is {@code
   * {"suite": {...}, "name"?, "prompts"?, "baseline"?, "repeat"?, "concurrency"?, "noCache"?}}.
   */
  public EvalRun startEval(String project, ObjectNode request) {
    return EvalJson.run(transport.send("POST", ApiPath.of("projects", project, "evals"), request));
  }

  /** One evaluation run, with its report when it has ended. */
  public EvalRun evalRun(String project, String id) {
    return EvalJson.run(transport.get(ApiPath.of("projects", project, "evals", id)));
  }

  /** Evaluation runs of a project, newest first; {@code prompt} and {@code version} may be null. */
  public List<EvalRun> evalRuns(String project, String prompt, Integer version, int limit) {
    ApiPath path =
        ApiPath.of("projects", project, "evals")
            .query("prompt", prompt)
            .query("version", version)
            .query("limit", limit);
    return Wire.list(transport.get(path).path("runs"), EvalJson::run);
  }

  /** Every case result of a run, read page by page as the iterator goes (never all at once). */
  public dev.promptops.core.eval.ResultReader evalResults(String project, String id) {
    return () ->
        new java.util.Iterator<>() {
          private long after;
          private java.util.List<CaseResult> page = List.of();
          private int next;
          private boolean last;

          @Override
          public boolean hasNext() {
            if (next < page.size()) {
              return true;
            }
            if (last) {
              return false;
            }
            JsonNode body =
                transport.get(
                    ApiPath.of("projects", project, "evals", id, "results")
                        .query("after", after)
                        .query("limit", 500));
            page = Wire.list(body.path("results"), EvalJson::caseResult);
            JsonNode results = body.path("results");
            if (!results.isEmpty()) {
              after = results.get(results.size() - 1).path("seq").asLong();
            }
            next = 0;
            last = !body.hasNonNull("next");
            return !page.isEmpty();
          }

          @Override
          public CaseResult next() {
            if (!hasNext()) {
              throw new java.util.NoSuchElementException();
            }
            return page.get(next++);
          }
        };
  }

  /** Asks a queued or running evaluation to stop. */
  public EvalRun cancelEval(String project, String id) {
    return EvalJson.run(
        transport.send(
            "POST", ApiPath.of("projects", project, "evals", id, "cancel"), Json.object()));
  }

  /**
   * Uploads a run made here: its results in batches of {@code batch}, then its report. The server
   * keeps it under a new id, tied to the digests the report's variants ran.
   *
   * @return the run as stored
   */
  public EvalRun uploadEval(
      String project, RunReport report, Iterable<CaseResult> results, int batch) {
    ObjectNode start =
        Json.object().put("suite", report.suite()).put("suiteDigest", report.suiteDigest());
    EvalRun run =
        EvalJson.run(
            transport.send("POST", ApiPath.of("projects", project, "evals", "uploads"), start));
    ApiPath resultsPath = ApiPath.of("projects", project, "evals", run.id(), "results");
    var pending = Json.array();
    for (CaseResult r : results) {
      pending.add(EvalJson.caseResult(r));
      if (pending.size() >= batch) {
        transport.send("POST", resultsPath, Json.object().set("results", pending));
        pending = Json.array();
      }
    }
    if (!pending.isEmpty()) {
      transport.send("POST", resultsPath, Json.object().set("results", pending));
    }
    ObjectNode body = Json.object();
    body.set("report", EvalJson.report(report));
    return EvalJson.run(
        transport.send("POST", ApiPath.of("projects", project, "evals", run.id(), "report"), body));
  }

  /**
   * Which prompt versions pin a component, where they run, and what adopting {@code version} would
   * change.
   *
   * @param component the registry name ({@code support/_footer}) or the partial name ({@code
   *     support/footer})
   * @param version the component version to adopt, or null for the newest
   */
  public Impact impact(String project, String component, Integer version) {
    ApiPath path = ApiPath.prompt(project, component).action("impact").query("version", version);
    return Wire.impact(transport.get(path));
  }

  /**
   * The problems a refused push or render carries in its details (file, line, column, variable,
   * message, hint); empty for other errors.
   */
  public static List<Problem> problems(PromptOpsException e) {
    return Wire.problems(e.details());
  }

  /** Every version of a prompt, oldest first. */
  public List<PromptVersion> versions(String project, String prompt) {
    JsonNode answer = transport.get(ApiPath.prompt(project, prompt).action("versions"));
    return Wire.list(answer.path("versions"), Wire::version);
  }

  public PromptVersion version(String project, String prompt, int version) {
    return Wire.version(
        transport.get(
            ApiPath.prompt(project, prompt).action("versions", Integer.toString(version))));
  }

  /** Where each environment and label points for a prompt. */
  public PinList pins(String project, String prompt) {
    return Replies.pins(prompt, transport.get(ApiPath.prompt(project, prompt).action("pins")));
  }

  // ---- deployments

  /**
   * The deployment ledger of a prompt, newest first.
   *
   * @param target an environment or label to narrow to, or null for all
   * @param limit at most this many entries (the server's default when null)
   */
  public List<Deployment> history(String project, String prompt, Selector target, Integer limit) {
    ApiPath path = ApiPath.prompt(project, prompt).action("history").query("limit", limit);
    if (target != null) {
      Target t = target(project, target);
      path.query(t.param(), t.name());
    }
    return Wire.list(transport.get(path).path("deployments"), Wire::deployment);
  }

  /**
   * Pins a version to an environment or label.
   *
   * @param target a {@link Selector.Env}, {@link Selector.Label} or {@link Selector.Target}
   * @param expectedVersion the version the caller believes is pinned now, or null for none: the
   *     server answers 409 {@code pin_changed} (a {@link dev.promptops.core.ErrorKind#CONFLICT})
   *     with the current state in its details when the pin has moved since
   */
  public DeployOutcome deploy(
      String project,
      String prompt,
      Selector target,
      int version,
      Integer expectedVersion,
      String reason) {
    return deploy(project, prompt, target, version, expectedVersion, reason, false);
  }

  /**
   * Pins a version as {@link #deploy(String, String, Selector, int, Integer, String)}; with {@code
   * breakGlass} an admin deploys past the environment's policy (a reason is required, and the
   * deployment is flagged in the ledger and the audit trail).
   */
  public DeployOutcome deploy(
      String project,
      String prompt,
      Selector target,
      int version,
      Integer expectedVersion,
      String reason,
      boolean breakGlass) {
    Target t = target(project, target);
    ObjectNode body = Json.object().put(t.param(), t.name()).put("version", version);
    if (breakGlass) {
      body.put("breakGlass", true);
    }
    return move(project, prompt, "deploy", expected(body, expectedVersion), reason);
  }

  /** Pins the version of environment {@code from} to environment {@code to}. */
  public DeployOutcome promote(
      String project,
      String prompt,
      String from,
      String to,
      Integer expectedVersion,
      String reason) {
    ObjectNode body = Json.object().put("from", from).put("to", to);
    return move(project, prompt, "promote", expected(body, expectedVersion), reason);
  }

  /**
   * Moves an environment back to an earlier version.
   *
   * @param toVersion the version to go back to, or null for the one pinned before the current one
   */
  public DeployOutcome rollback(
      String project,
      String prompt,
      String env,
      Integer toVersion,
      Integer expectedVersion,
      String reason) {
    ObjectNode body = Json.object().put("env", env);
    if (toVersion != null) {
      body.put("toVersion", toVersion);
    }
    return move(project, prompt, "rollback", expected(body, expectedVersion), reason);
  }

  /** Removes a free label from a prompt. */
  public DeployOutcome unpin(
      String project, String prompt, String label, Integer expectedVersion, String reason) {
    ObjectNode body = Json.object().put("label", label);
    return move(project, prompt, "unpin", expected(body, expectedVersion), reason);
  }

  private DeployOutcome move(
      String project, String prompt, String action, ObjectNode body, String reason) {
    if (reason != null) {
      body.put("reason", reason);
    }
    JsonNode answer = transport.send("POST", ApiPath.prompt(project, prompt).action(action), body);
    return Wire.outcome(answer);
  }

  private static ObjectNode expected(ObjectNode body, Integer expectedVersion) {
    if (expectedVersion == null) {
      body.putNull("expectedVersion");
    } else {
      body.put("expectedVersion", expectedVersion);
    }
    return body;
  }

  /** The difference between two versions, e.g. {@code greet@3} and {@code greet:production}. */
  public VersionDiff diff(String project, Ref from, Ref to) {
    ApiPath path =
        ApiPath.of("projects", project, "diff")
            .query("from", from.toString())
            .query("to", to.toString());
    return Wire.diff(transport.get(path));
  }

  // ---- audit

  /** One page of a project's audit log; follow {@link AuditPage#next()} for more. */
  public AuditPage audit(String project, AuditFilter filter) {
    return Replies.auditPage(
        transport.get(auditQuery(ApiPath.of("projects", project, "audit"), filter)));
  }

  /** One page of the server-wide audit log (server administrators only). */
  public AuditPage serverAudit(AuditFilter filter) {
    ApiPath path = auditQuery(ApiPath.of("audit"), filter).query("project", filter.project());
    return Replies.auditPage(transport.get(path));
  }

  private static ApiPath auditQuery(ApiPath path, AuditFilter f) {
    return path.query("actor", f.actor())
        .query("action", f.action())
        .query("prompt", f.prompt())
        .query("since", f.since())
        .query("until", f.until())
        .query("after", f.after())
        .query("limit", f.limit());
  }

  /** Checks the whole hash chain and its checkpoints (server administrators only). */
  public AuditVerification verifyAudit() {
    return Wire.verification(transport.get(ApiPath.of("audit", "verify")));
  }

  /**
   * Streams every entry matching {@code filter} to {@code each}, oldest first: a project's ({@code
   * project} not null) or the server's (server administrators only; {@code filter.project()}
   * narrows it). Ignores the filter's limit.
   */
  public void exportAudit(String project, AuditFilter filter, Consumer<AuditEntry> each) {
    AuditFilter all = filter.withLimit(null);
    ApiPath path =
        project == null
            ? auditQuery(ApiPath.of("audit", "export"), all).query("project", all.project())
            : auditQuery(ApiPath.of("projects", project, "audit", "export"), all);
    transport.lines(path, line -> each.accept(Wire.audit(parseLine(line))));
  }

  /** An entry; an error line (the server failed after the answer started) throws. */
  private static JsonNode parseLine(String line) {
    JsonNode node;
    try {
      node = Json.parse(line);
    } catch (java.io.IOException e) {
      throw new PromptOpsException(
          dev.promptops.core.ErrorKind.UNAVAILABLE,
          "bad_export_line",
          "the server sent a line that is not JSON in the audit export: " + e.getMessage(),
          "check that --server points at a PromptOps server");
    }
    JsonNode error = node.path("error");
    if (error.isObject()) {
      throw new PromptOpsException(
          dev.promptops.core.ErrorKind.UNAVAILABLE,
          "export_failed",
          "the audit export broke off: " + error.path("message").asText(),
          "what was received is incomplete; export again");
    }
    return node;
  }

  /** Every signed checkpoint of the audit log (server administrators only). */
  public List<AuditCheckpoint> auditCheckpoints() {
    return Wire.list(
        transport.get(ApiPath.of("audit", "checkpoints")).path("checkpoints"), Wire::checkpoint);
  }

  /** Signs a checkpoint of the head now; empty when no entry was appended since the last one. */
  public java.util.Optional<AuditCheckpoint> checkpointAudit() {
    JsonNode r = transport.send("POST", ApiPath.of("audit", "checkpoints"), Json.object());
    return r.path("created").asBoolean()
        ? java.util.Optional.of(Wire.checkpoint(r.get("checkpoint")))
        : java.util.Optional.empty();
  }

  /** The server's public audit key, which verifies its checkpoints. */
  public AuditPublicKey auditKey() {
    return AuditPublicKey.parse(
        transport.get(ApiPath.of("audit", "key")).path("pem").asText(), "the server's answer");
  }

  // ---- keys

  public List<ApiKeyRecord> keys() {
    return Wire.list(transport.get(ApiPath.of("keys")).path("keys"), Wire::key);
  }

  /** Creates a key; the answer holds its secret, which the server never shows again. */
  public ApiKeys.Created createKey(String name, Map<String, Role> roles) {
    ObjectNode body = Json.object().put("name", name);
    ObjectNode r = body.putObject("roles");
    roles.forEach((project, role) -> r.put(project, role.wireName()));
    return Replies.createdKey(transport.send("POST", ApiPath.of("keys"), body));
  }

  public ApiKeyRecord revokeKey(String idOrName) {
    return Wire.key(transport.send("DELETE", ApiPath.of("keys", idOrName), null));
  }

  // ---- providers

  /** The project's providers, by name; never their API keys. */
  public List<ProviderInfo> providers(String project) {
    JsonNode answer = transport.get(ApiPath.of("projects", project, "providers"));
    return Wire.list(answer.path("providers"), ProviderWire::provider);
  }

  public ProviderInfo provider(String project, String name) {
    return ProviderWire.provider(transport.get(ApiPath.of("projects", project, "providers", name)));
  }

  /**
   * Adds or replaces a provider of a project (project admins).
   *
   * @param apiKey the API key to store (encrypted by the server), or null to keep the stored one
   */
  public ProviderInfo setProvider(String project, ProviderSettings settings, String apiKey) {
    ObjectNode body = Json.object();
    body.put("type", settings.type().wireName());
    if (settings.baseUrl() != null) {
      body.put("baseUrl", settings.baseUrl());
    }
    ObjectNode options = body.putObject("options");
    settings.options().forEach(options::put);
    if (apiKey != null) {
      body.put("apiKey", apiKey);
    }
    body.put("timeoutSeconds", settings.timeout().toSeconds());
    body.put("maxRetries", settings.maxRetries());
    body.put("maxConcurrent", settings.maxConcurrent());
    body.put("requestsPerMinute", settings.requestsPerMinute());
    ApiPath path = ApiPath.of("projects", project, "providers", settings.name());
    return ProviderWire.provider(transport.send("PUT", path, body));
  }

  /** Removes a provider and its API key; answers what was removed. */
  public ProviderInfo removeProvider(String project, String name) {
    ApiPath path = ApiPath.of("projects", project, "providers", name);
    return ProviderWire.provider(transport.send("DELETE", path, null));
  }

  // ---- webhooks

  /** The project's webhooks, oldest first; never their secrets (project admins). */
  public List<WebhookInfo> webhooks(String project) {
    JsonNode answer = transport.get(ApiPath.of("projects", project, "webhooks"));
    return Wire.list(answer.path("webhooks"), WebhookWire::webhook);
  }

  /**
   * Subscribes {@code url} to {@code events} ({@code *} for all); the answer holds the signing
   * secret, which the server never shows again.
   */
  public Webhooks.Created createWebhook(
      String project, String url, List<String> events, boolean enabled) {
    ObjectNode body = Json.object().put("url", url).put("enabled", enabled);
    events.forEach(body.putArray("events")::add);
    JsonNode answer = transport.send("POST", ApiPath.of("projects", project, "webhooks"), body);
    return new Webhooks.Created(WebhookWire.webhook(answer), answer.path("secret").asText());
  }

  /** Removes a webhook and its delivery log; answers what was removed. */
  public WebhookInfo removeWebhook(String project, String id) {
    ApiPath path = ApiPath.of("projects", project, "webhooks", id);
    return WebhookWire.webhook(transport.send("DELETE", path, null));
  }

  /** A page of a webhook's deliveries, newest first, after {@code before} (null: the newest). */
  public List<WebhookDelivery> webhookDeliveries(
      String project, String id, String before, int limit) {
    ApiPath path =
        ApiPath.of("projects", project, "webhooks", id, "deliveries")
            .query("limit", limit)
            .query("before", before);
    return Wire.list(transport.get(path).path("deliveries"), WebhookWire::delivery);
  }

  // ---- targets

  /** An environment or a label, as the query or body parameter that names it. */
  private record Target(String param, String name) {}

  private Target target(String project, Selector selector) {
    return switch (selector) {
      case Selector.Env e -> new Target("env", e.name());
      case Selector.Label l -> new Target("label", l.name());
      case Selector.Target t ->
          new Target(project(project).hasEnvironment(t.name()) ? "env" : "label", t.name());
      case Selector.Default d ->
          throw new IllegalArgumentException("name an environment or a label, not the default");
      case Selector.Version v ->
          throw new IllegalArgumentException("name an environment or a label, not a version");
    };
  }

  @Override
  public void close() {
    transport.close();
  }

  /**
   * Closes at once: requests in flight (to a server that hangs, say) fail instead of being waited
   * for, as {@link #close()} waits for them.
   */
  public void closeNow() {
    transport.closeNow();
  }

  /** Configures a client; only the base URL is required. */
  public static final class Builder {
    private final String baseUrl;
    private String apiKey;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration runTimeout = Duration.ofMinutes(10);

    private Builder(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    /** The key sent as {@code Authorization: Bearer}; none for {@link #healthy()} only. */
    public Builder apiKey(String key) {
      this.apiKey = key;
      return this;
    }

    /** How long to wait for a connection (default 5 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout);
      return this;
    }

    /** How long to wait for each answer (default 30 s). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout);
      return this;
    }

    /**
     * How long to wait for a run to answer (default 10 min: a run calls a model, with retries and
     * fallbacks); when streaming, for the stream to start.
     */
    public Builder runTimeout(Duration timeout) {
      this.runTimeout = positive(timeout);
      return this;
    }

    /**
     * @throws InvalidInputException if the base URL is not an http(s) URL with a host
     */
    public PromptOpsClient build() {
      return new PromptOpsClient(
          new Transport(normalize(baseUrl), apiKey, connectTimeout, requestTimeout), runTimeout);
    }

    private static Duration positive(Duration d) {
      Objects.requireNonNull(d, "timeout");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("timeout must be positive: " + d);
      }
      return d;
    }

    static String normalize(String url) {
      try {
        URI uri = new URI(url == null ? "" : url.strip());
        boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
        if (!http || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
          throw badUrl(url);
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
          s = s.substring(0, s.length() - 1);
        }
        return s;
      } catch (URISyntaxException e) {
        throw badUrl(url);
      }
    }

    private static InvalidInputException badUrl(String url) {
      return new InvalidInputException(
          "invalid_server_url",
          "not a server URL: '" + url + "'",
          "write the server's base URL, e.g. http://127.0.0.1:7070");
    }
  }
}
