package dev.promptops.core.eval.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.ErrorKind;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.NotFoundException;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.eval.CaseResult;
import dev.promptops.core.eval.EvalIds;
import dev.promptops.core.eval.EvalRun;
import dev.promptops.core.eval.EvalStatus;
import dev.promptops.core.eval.PromptSource;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.json.Json;
import dev.promptops.core.names.Names;
import dev.promptops.core.registry.Rendering;
import dev.promptops.core.store.EvalRepository.EvalQuery;
import dev.promptops.core.store.EvalRepository.StoredResult;
import dev.promptops.core.store.Store;
import dev.promptops.core.store.Tx;
import java.time.Clock;
import java.util.List;

/**
 * Evaluation runs on the server, the one entry point for every change to them: a suite submitted to
 * run here (checked at once: the suite, its cases, that its prompts resolve; then queued for a
 * worker), results uploaded by a CLI that ran a suite elsewhere, listing per prompt version,
 * results page by page, cancelling. Starting and uploading are audited.
 */
public final class Evaluations {
  /** At most this many results in one upload request. */
  public static final int MAX_UPLOAD_BATCH = 1000;

  private final Store store;
  private final Rendering rendering;
  private final AuditLog audit;
  private final Clock clock;
  private final Runnable queued;

  /**
   * @param queued told when a run was queued (wakes a worker)
   */
  public Evaluations(
      Store store, Rendering rendering, AuditLog audit, Clock clock, Runnable queued) {
    this.store = store;
    this.rendering = rendering;
    this.audit = audit;
    this.clock = clock;
    this.queued = queued;
  }

  /** Checks and queues a run; its prompts must resolve now, for the key that asks. */
  public EvalRun submit(Principal who, String project, EvalRequest request) {
    Names.project(project);
    who.require(project, Permission.EVAL);
    SuitePlan plan = SuitePlan.of(request);
    plan.checkCases();
    for (PromptSource p : plan.prompts()) {
      new RegistryPrompts(rendering, who, project).load(p);
    }
    var now = now();
    var run =
        new EvalRun(
            EvalIds.newId(now),
            project,
            plan.suite().name(),
            plan.suite().digest(),
            request.suite(),
            request.options(),
            "server",
            EvalStatus.QUEUED,
            who.name(),
            now,
            null,
            null,
            null,
            null,
            false);
    store.write(
        tx -> {
          requireProject(tx, project);
          tx.evals().create(run);
          ObjectNode details = Json.object();
          details.put("suite", run.suiteName());
          details.put("suiteDigest", run.suiteDigest());
          details.set("options", run.options());
          audit.append(tx, now, who.name(), "eval.start", project, run.id(), details);
          return null;
        });
    queued.run();
    return run;
  }

  /**
   * Starts the upload of a run made elsewhere (a CI job): {@code {"suite": name, "suiteDigest"}}.
   * Its results follow with {@link #appendUploaded}, its report with {@link #finishUpload}.
   */
  public EvalRun startUpload(Principal who, String project, JsonNode body) {
    Names.project(project);
    who.require(project, Permission.EVAL);
    String suite = body.path("suite").asText("");
    String digest = body.path("suiteDigest").asText("");
    if (suite.isBlank() || !digest.startsWith("sha256:")) {
      throw new InvalidInputException(
          "invalid_upload",
          "an upload names its suite and the suite's digest",
          "send {\"suite\": \"support\", \"suiteDigest\": \"sha256:…\"}");
    }
    var now = now();
    var run =
        new EvalRun(
            EvalIds.newId(now),
            project,
            suite,
            digest,
            Json.object(),
            body.path("options"),
            "upload",
            EvalStatus.RUNNING,
            who.name(),
            now,
            now,
            null,
            null,
            null,
            false);
    store.write(
        tx -> {
          requireProject(tx, project);
          tx.evals().create(run);
          ObjectNode details = Json.object().put("suite", suite).put("suiteDigest", digest);
          audit.append(tx, now, who.name(), "eval.upload", project, run.id(), details);
          return null;
        });
    return run;
  }

  /** Appends a batch of an upload's results. */
  public long appendUploaded(Principal who, String project, String id, List<CaseResult> results) {
    who.require(project, Permission.EVAL);
    if (results.size() > MAX_UPLOAD_BATCH) {
      throw new InvalidInputException(
          "batch_too_large",
          results.size() + " results in one request; at most " + MAX_UPLOAD_BATCH,
          "send them in batches");
    }
    return store.write(
        tx -> {
          requireUpload(tx, project, id);
          tx.evals().appendResults(id, results);
          return tx.evals().resultCount(id);
        });
  }

  /** Ends an upload with the run's report (its variants become listable by prompt version). */
  public EvalRun finishUpload(Principal who, String project, String id, RunReport report) {
    who.require(project, Permission.EVAL);
    return store.write(
        tx -> {
          requireUpload(tx, project, id);
          EvalStatus status = report.interrupted() ? EvalStatus.INTERRUPTED : EvalStatus.FINISHED;
          tx.evals().finish(id, status, report, null, now());
          return tx.evals().find(project, id).orElseThrow();
        });
  }

  private static void requireUpload(Tx tx, String project, String id) {
    EvalRun run = find(tx, project, id);
    if (!run.source().equals("upload") || run.status().ended()) {
      throw new PromptOpsException(
          ErrorKind.CONFLICT,
          "upload_closed",
          "run "
              + id
              + " is not an upload in progress ("
              + run.source()
              + ", "
              + run.status().wireName()
              + ")",
          "start a new upload");
    }
  }

  public EvalRun get(Principal who, String project, String id) {
    who.require(project, Permission.READ);
    return store.read(tx -> find(tx, project, id));
  }

  /**
   * Runs of a project, newest first. Asking for a prompt version also finds runs of files that were
   * not pushed yet when they ran but have that version's digest.
   */
  public List<EvalRun> list(Principal who, String project, EvalQuery query) {
    who.require(project, Permission.READ);
    return store.read(
        tx -> {
          requireProject(tx, project);
          if (query.prompt() == null || query.version() == null) {
            return tx.evals().list(project, query);
          }
          String digest =
              tx.versions()
                  .find(project, query.prompt(), query.version())
                  .orElseThrow(
                      () ->
                          new NotFoundException(
                              "version_not_found",
                              query.prompt() + "@" + query.version() + " does not exist",
                              "list the versions with promptops history " + query.prompt()))
                  .digest();
          return tx.evals()
              .list(
                  project,
                  new EvalQuery(
                      query.prompt(), null, digest, query.status(), query.before(), query.limit()));
        });
  }

  public List<StoredResult> results(
      Principal who,
      String project,
      String id,
      long after,
      int limit,
      boolean failingOnly,
      String search) {
    who.require(project, Permission.READ);
    return store.read(
        tx -> {
          find(tx, project, id);
          return tx.evals().results(id, after, limit, failingOnly, search);
        });
  }

  /** Asks a queued or running run to stop; its worker stops within a second or so. */
  public EvalRun cancel(Principal who, String project, String id) {
    who.require(project, Permission.EVAL);
    return store.write(
        tx -> {
          EvalRun run = find(tx, project, id);
          if (!tx.evals().requestCancel(project, id)) {
            throw new PromptOpsException(
                ErrorKind.CONFLICT,
                "eval_ended",
                "run " + id + " has ended (" + run.status().wireName() + ")",
                "nothing to cancel");
          }
          if (run.status() == EvalStatus.QUEUED) {
            tx.evals()
                .finish(id, EvalStatus.INTERRUPTED, null, "cancelled before it started", now());
          }
          audit.append(tx, now(), who.name(), "eval.cancel", project, id, Json.object());
          return tx.evals().find(project, id).orElseThrow();
        });
  }

  /** Now, to the millisecond the store keeps (audit hashes cover the stored time). */
  private java.time.Instant now() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  private static EvalRun find(Tx tx, String project, String id) {
    return tx.evals()
        .find(project, id)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "eval_run_not_found",
                    "no evaluation run " + id + " in project " + project,
                    "list the runs with GET /api/v1/projects/" + project + "/evals"));
  }

  private static void requireProject(Tx tx, String project) {
    if (tx.projects().find(project).isEmpty()) {
      throw new NotFoundException(
          "project_not_found",
          "no project named '" + project + "'",
          "create it first (promptops sync)");
    }
  }
}
