package dev.promptops.core.eval.runs;

import dev.promptops.core.PromptOpsException;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.change.ChangeRequest;
import dev.promptops.core.change.ChangeRequests;
import dev.promptops.core.eval.EvalRun;
import dev.promptops.core.eval.EvalStatus;
import dev.promptops.core.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts, when a change request opens, a server run of each suite its environment's policy
 * requires, on the request's version ({@code prompt@version} in place of the suite's prompts),
 * unless a run of that suite for that digest already passed or is under way. A suite the project
 * has not registered is named, with how to register it.
 */
public final class PolicyEvals implements ChangeRequests.RequiredEvals {
  private static final int RUNS_LOOKED_AT = 200;

  private final Store store;
  private final Evaluations evaluations;

  public PolicyEvals(Store store, Evaluations evaluations) {
    this.store = store;
    this.evaluations = evaluations;
  }

  @Override
  public List<String> start(Principal who, ChangeRequest change, List<String> suites) {
    var notes = new ArrayList<String>();
    List<EvalRun> runs =
        store.read(
            tx ->
                tx.evals()
                    .ofVersion(
                        change.project(), change.prompt(), change.digest(), null, RUNS_LOOKED_AT));
    for (String suite : suites) {
      if (runs.stream().anyMatch(r -> suite.equals(r.suiteName()) && current(r))) {
        notes.add("eval " + suite + ": a run for " + change.ref() + " passed or is under way");
        continue;
      }
      Optional<RegisteredSuite> registered =
          store.read(tx -> tx.suites().find(change.project(), suite));
      if (registered.isEmpty()) {
        notes.add(
            "eval "
                + suite
                + ": not registered on the server, so not started (promptops sync registers"
                + " evals/"
                + suite
                + ".yaml)");
        continue;
      }
      try {
        EvalRun run =
            evaluations.submit(
                who,
                change.project(),
                new EvalRequest(
                    registered.get().suite(),
                    suite,
                    List.of(change.ref()),
                    null,
                    null,
                    null,
                    false));
        notes.add("eval " + suite + ": started " + run.id() + " on " + change.ref());
      } catch (PromptOpsException e) {
        notes.add("eval " + suite + ": not started: " + e.getMessage());
      }
    }
    return notes;
  }

  private static boolean current(EvalRun r) {
    if (!"server".equals(r.source())) {
      return false;
    }
    return r.status() == EvalStatus.QUEUED
        || r.status() == EvalStatus.RUNNING
        || (r.status() == EvalStatus.FINISHED && Boolean.TRUE.equals(r.gatePassed()));
  }
}
