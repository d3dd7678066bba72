package dev.promptops.core.eval.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.audit.AuditEntry;
import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.audit.AuditSubscriber;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.auth.Role;
import dev.promptops.core.eval.EvalIds;
import dev.promptops.core.eval.EvalRun;
import dev.promptops.core.eval.EvalStatus;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.json.Json;
import dev.promptops.core.policy.EnvironmentPolicy;
import dev.promptops.core.registry.DeployOutcome;
import dev.promptops.core.registry.Deployments;
import dev.promptops.core.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Smoke suites: right after a version is deployed to an environment whose policy names one, the
 * server queues a run of that registered suite on the version, in the deployment's own transaction
 * (so no deployment is left without its smoke run); when the run ends its verdict is audited
 * ({@code smoke.passed} or {@code smoke.failed}) and, when it failed and the policy says so, the
 * version that ran before is put back ({@code deployment.rollback} by {@value #ACTOR}), all in the
 * transaction that stores the run's end.
 */
public final class SmokeTests {
  /** Who the server's own actions are audited as. */
  public static final String ACTOR = "promptops";

  static final Set<String> DEPLOYING =
      Set.of("deployment.deploy", "deployment.promote", "deployment.break_glass");

  private SmokeTests() {}

  /** Queues the smoke run of each deployment to an environment with a smoke suite. */
  public static AuditSubscriber starter(Clock clock) {
    return (tx, entry) -> start(tx, entry, clock);
  }

  /** Judges smoke runs when they end, and rolls back after a failed one. */
  public static RunListener judge(AuditLog audit, Deployments deployments, Clock clock) {
    return (tx, run, status, report) -> judge(tx, run, status, report, audit, deployments, clock);
  }

  private static void start(Tx tx, AuditEntry entry, Clock clock) {
    if (!DEPLOYING.contains(entry.action()) || entry.project() == null) {
      return;
    }
    JsonNode d = entry.details();
    if (!"env".equals(d.path("targetKind").asText()) || !d.path("toVersion").isInt()) {
      return;
    }
    String project = entry.project();
    String env = d.path("target").asText();
    Optional<EnvironmentPolicy> policy = tx.policies().of(project, env);
    if (policy.isEmpty() || policy.get().smoke() == null) {
      return;
    }
    String suiteName = policy.get().smoke();
    Optional<RegisteredSuite> suite = tx.suites().find(project, suiteName);
    if (suite.isEmpty()) {
      return; // the policy refuses such deployments; only break-glass gets here
    }
    String prompt = entry.target();
    int version = d.path("toVersion").asInt();
    var request =
        new EvalRequest(
            suite.get().suite(),
            suiteName,
            List.of(prompt + "@" + version),
            null,
            null,
            null,
            false);
    ObjectNode options = request.options();
    ObjectNode smoke = options.putObject("smoke");
    smoke.put("environment", env);
    smoke.put("prompt", prompt);
    smoke.put("version", version);
    smoke.set("fromVersion", d.path("fromVersion"));
    smoke.put("deploymentId", d.path("id").asLong());
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    tx.evals()
        .create(
            new EvalRun(
                EvalIds.newId(now),
                project,
                suiteName,
                suite.get().digest(),
                suite.get().suite(),
                options,
                "server",
                EvalStatus.QUEUED,
                ACTOR,
                now,
                null,
                null,
                null,
                null,
                false));
  }

  private static void judge(
      Tx tx,
      EvalRun run,
      EvalStatus status,
      RunReport report,
      AuditLog audit,
      Deployments deployments,
      Clock clock) {
    JsonNode smoke = run.options() == null ? null : run.options().get("smoke");
    if (smoke == null || !smoke.isObject()) {
      return;
    }
    String project = run.project();
    String env = smoke.path("environment").asText();
    String prompt = smoke.path("prompt").asText();
    int version = smoke.path("version").asInt();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    ObjectNode details = Json.object();
    details.put("suite", run.suiteName());
    details.put("run", run.id());
    details.put("environment", env);
    details.put("version", version);
    details.put("deploymentId", smoke.path("deploymentId").asLong());
    details.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
    boolean passed = status == EvalStatus.FINISHED && report != null && report.gate().pass();
    if (passed) {
      audit.append(tx, now, ACTOR, "smoke.passed", project, prompt, details);
      return;
    }
    if (report != null) {
      details.set("gate", Json.mapper().valueToTree(report.gate().reasons()));
    }
    details.put("rollback", rollback(tx, run, smoke, status, deployments));
    audit.append(tx, now, ACTOR, "smoke.failed", project, prompt, details);
  }

  /** Puts back the version that ran before, when the policy asks; says what it did. */
  private static String rollback(
      Tx tx, EvalRun run, JsonNode smoke, EvalStatus status, Deployments deployments) {
    String project = run.project();
    String env = smoke.path("environment").asText();
    String prompt = smoke.path("prompt").asText();
    int version = smoke.path("version").asInt();
    boolean wanted =
        tx.policies().of(project, env).map(EnvironmentPolicy::smokeRollback).orElse(false);
    if (!wanted) {
      return "off (smokeRollback: false)";
    }
    if (status != EvalStatus.FINISHED) {
      return "none: the run did not finish ("
          + status.name().toLowerCase(java.util.Locale.ROOT)
          + ")";
    }
    if (!smoke.path("fromVersion").isInt()) {
      return "none: nothing ran in " + env + " before v" + version;
    }
    int from = smoke.path("fromVersion").asInt();
    Integer pinned = tx.pins().find(project, prompt, env).map(p -> p.version()).orElse(null);
    if (pinned == null || pinned != version) {
      return "none: " + env + " has moved on from v" + version;
    }
    var server = new Principal("promptops", ACTOR, Map.of(project, Role.DEPLOYER));
    try {
      DeployOutcome done =
          deployments.rollback(
              tx,
              server,
              project,
              prompt,
              env,
              from,
              version,
              "smoke suite "
                  + run.suiteName()
                  + " failed on v"
                  + version
                  + " (run "
                  + run.id()
                  + ")");
      return "to v" + done.version();
    } catch (PromptOpsException e) {
      return "refused: " + e.getMessage();
    }
  }
}
