package dev.promptops.core.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.ConflictException;
import dev.promptops.core.eval.EvalRun;
import dev.promptops.core.eval.EvalStatus;
import dev.promptops.core.json.Json;
import dev.promptops.core.registry.Deployment;
import dev.promptops.core.registry.Project;
import dev.promptops.core.registry.PromptVersion;
import dev.promptops.core.store.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a version against the policy of the environment it is about to be deployed to, inside the
 * deployment's own transaction (so what is checked is what the deployment sees). Each requirement
 * that does not hold is reported with what would satisfy it.
 */
public final class PolicyCheck {
  /** How many recent runs of a version are looked at for a passing one. */
  static final int RUNS_LOOKED_AT = 200;

  /** How many deployments of an environment are looked at for the version. */
  static final int DEPLOYMENTS_LOOKED_AT = 1000;

  private PolicyCheck() {}

  /** A requirement that does not hold. */
  public record Unmet(String rule, String message, String hint) {}

  /**
   * The reviews of the change request a deployment merges.
   *
   * @param given approvals that count (by other people than the author, of a role the policy names)
   * @param changesRequested reviewers whose latest review asks for changes
   */
  public record Approvals(int number, int given, List<String> changesRequested) {
    public Approvals {
      changesRequested = List.copyOf(changesRequested);
    }
  }

  /**
   * The requirements of {@code env}'s policy that {@code version} does not meet at {@code now}. A
   * rollback puts back a version that already ran in {@code env}: only freeze windows apply to it.
   */
  public static List<Unmet> unmet(
      Tx tx, Project project, PromptVersion version, String env, Instant now, boolean rollback) {
    return unmet(tx, project, version, env, now, rollback, null);
  }

  /**
   * The unmet requirements of a deployment; {@code change} is the change request it merges, whose
   * approvals count, or null for a deployment made directly.
   */
  public static List<Unmet> unmet(
      Tx tx,
      Project project,
      PromptVersion version,
      String env,
      Instant now,
      boolean rollback,
      Approvals change) {
    var out = new ArrayList<Unmet>();
    Optional<ProjectPolicy> stored =
        tx.policies().current(project.name()).map(StoredPolicy::policy);
    var policy = stored.flatMap(s -> s.of(env));
    if (policy.isEmpty()) {
      return out;
    }
    EnvironmentPolicy p = policy.get();
    List<EvalRun> runs =
        rollback || (p.evals().isEmpty() && p.after() == null)
            ? List.of()
            : runs(tx, project.name(), version);
    for (FreezeWindow w : p.freeze()) {
      if (w.covers(now)) {
        out.add(
            new Unmet(
                "freeze",
                "'"
                    + env
                    + "' is frozen from "
                    + w.start()
                    + " to "
                    + w.end()
                    + (w.reason().isEmpty() ? "" : " (" + w.reason() + ")"),
                "deploy after " + w.end() + ", or ask an admin for a break-glass deployment"));
      }
    }
    if (rollback) {
      return out;
    }
    String ref = version.prompt() + "@" + version.version();
    if (p.approvals() > 0) {
      String needed = p.approvals() + " approval" + (p.approvals() == 1 ? "" : "s");
      if (change == null) {
        out.add(
            new Unmet(
                "approvals",
                "'" + env + "' requires " + needed + " of a change request",
                "open one: promptops change open " + ref + " --env " + env));
      } else if (change.given() < p.approvals()) {
        out.add(
            new Unmet(
                "approvals",
                "change request #"
                    + change.number()
                    + " has "
                    + change.given()
                    + " of the "
                    + needed
                    + " '"
                    + env
                    + "' requires (from "
                    + String.join(
                        ", ", p.approvers().stream().map(r -> r.wireName()).sorted().toList())
                    + ", not its author)",
                "ask a reviewer: promptops change approve " + change.number()));
      }
      if (change != null && !change.changesRequested().isEmpty()) {
        out.add(
            new Unmet(
                "changes_requested",
                String.join(", ", change.changesRequested())
                    + " requested changes on change request #"
                    + change.number(),
                "address them and ask for a new review, or open a new change request"));
      }
    }
    if (p.after() != null && !project.hasEnvironment(p.after())) {
      out.add(
          new Unmet(
              "after",
              "the policy of '"
                  + env
                  + "' requires '"
                  + p.after()
                  + "' first, but the project has no such environment any more",
              "update the policy (promptops.yaml policies:, then promptops sync)"));
    } else if (p.after() != null && !ranIn(tx, project.name(), version, p.after())) {
      out.add(
          new Unmet(
              "after",
              ref
                  + " has not been deployed to '"
                  + p.after()
                  + "', which '"
                  + env
                  + "' requires first",
              "deploy it to "
                  + p.after()
                  + " first: promptops deploy "
                  + ref
                  + " --env "
                  + p.after()));
    } else if (p.after() != null) {
      String smoke =
          stored.flatMap(s -> s.of(p.after())).map(EnvironmentPolicy::smoke).orElse(null);
      if (smoke != null && !smokePassed(runs, p.after())) {
        out.add(
            new Unmet(
                "after",
                "the smoke suite '"
                    + smoke
                    + "' of '"
                    + p.after()
                    + "' has not passed for "
                    + ref
                    + " there",
                "wait for the smoke run of "
                    + ref
                    + " in "
                    + p.after()
                    + " (promptops audit log --action smoke.passed), or deploy it there again"));
      }
    }
    if (p.smoke() != null && tx.suites().find(project.name(), p.smoke()).isEmpty()) {
      out.add(
          new Unmet(
              "smoke",
              "the smoke suite '"
                  + p.smoke()
                  + "' of '"
                  + env
                  + "' is not registered, so it"
                  + " could not run after the deployment",
              "register evals/" + p.smoke() + ".yaml with promptops sync"));
    }
    for (String suite : p.evals()) {
      if (runs.stream().noneMatch(r -> passed(r, suite))) {
        out.add(
            new Unmet(
                "evals",
                "no run of the eval suite '"
                    + suite
                    + "' on the server passed its gate for "
                    + ref
                    + " (digest "
                    + version.digest()
                    + ")",
                "run it on the server: promptops eval evals/"
                    + suite
                    + ".yaml --prompt "
                    + ref
                    + " --remote"));
      }
    }
    return out;
  }

  /** Throws when anything is unmet; the error lists every requirement that is. */
  public static void require(
      Tx tx,
      Project project,
      PromptVersion version,
      String env,
      Instant now,
      boolean rollback,
      Approvals change) {
    List<Unmet> unmet = unmet(tx, project, version, env, now, rollback, change);
    if (unmet.isEmpty()) {
      return;
    }
    ObjectNode details = Json.object();
    details.put("environment", env);
    details.put("prompt", version.prompt());
    details.put("version", version.version());
    ArrayNode list = details.putArray("unmet");
    for (Unmet u : unmet) {
      list.addObject().put("rule", u.rule()).put("message", u.message()).put("hint", u.hint());
    }
    String first = unmet.getFirst().message();
    throw new ConflictException(
        "policy_not_met",
        "the policy of '"
            + env
            + "' does not allow "
            + version.prompt()
            + "@"
            + version.version()
            + ": "
            + first
            + (unmet.size() > 1 ? " (and " + (unmet.size() - 1) + " more)" : ""),
        unmet.getFirst().hint(),
        details);
  }

  private static boolean ranIn(Tx tx, String project, PromptVersion version, String env) {
    for (Deployment d :
        tx.deployments().history(project, version.prompt(), env, DEPLOYMENTS_LOOKED_AT)) {
      if (d.toVersion() != null && d.toVersion() == version.version()) {
        return true;
      }
    }
    return false;
  }

  /** A smoke run of the version in {@code env} finished with its gate holding. */
  private static boolean smokePassed(List<EvalRun> runs, String env) {
    return runs.stream()
        .anyMatch(
            r ->
                r.options() != null
                    && env.equals(r.options().path("smoke").path("environment").asText())
                    && Boolean.TRUE.equals(r.gatePassed()));
  }

  /** The version's finished runs, read once per check: the evidence of its evals and smoke. */
  private static List<EvalRun> runs(Tx tx, String project, PromptVersion version) {
    return tx.evals()
        .ofVersion(
            project, version.prompt(), version.digest(), EvalStatus.FINISHED, RUNS_LOOKED_AT);
  }

  /** A run of the suite that the server executed itself and whose gate held. */
  private static boolean passed(EvalRun run, String suite) {
    return suite.equals(run.suiteName())
        && "server".equals(run.source())
        && Boolean.TRUE.equals(run.gatePassed());
  }
}
