package dev.promptops.server.console;

import dev.promptops.core.auth.Principal;
import dev.promptops.core.drift.Confirmation;
import dev.promptops.core.drift.Incident;
import dev.promptops.core.eval.EvalRun;
import dev.promptops.core.registry.Deployment;
import dev.promptops.core.registry.Project;
import dev.promptops.core.registry.PromptSummary;
import dev.promptops.core.store.EvalRepository;
import dev.promptops.server.api.Services;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The overview: for each project the key can read, a matrix of prompts × environments (the pinned
 * version, whether its deployment is confirmed, open drift incidents), the recent deployments and
 * the evaluation runs whose gate failed.
 */
public record Overview(List<ProjectView> projects) {
  /** Prompts shown per project; the prompt pages list them all. */
  static final int MAX_PROMPTS = 200;

  static final int RECENT = 10;

  /** One project's part of the overview. */
  public record ProjectView(
      String name,
      List<String> environments,
      List<Row> rows,
      int promptCount,
      List<Deployment> recent,
      List<EvalRun> failingGates,
      List<Incident> incidents) {}

  /** A prompt's row: its newest version and a cell per environment. */
  public record Row(String prompt, int latest, List<Cell> cells) {}

  /**
   * A prompt in an environment: the pinned version (null when none), the state of its deployment's
   * confirmation ({@code confirmed}, {@code converging}, {@code unconfirmed} when nothing reports
   * it, or empty) and the open incidents there.
   */
  public record Cell(
      String environment, Integer version, String confirmation, List<Incident> incidents) {
    public boolean pinned() {
      return version != null;
    }
  }

  static Overview of(Services services, Principal who) {
    var projects = new ArrayList<ProjectView>();
    for (Project p : services.projects().list(who)) {
      projects.add(project(services, who, p));
    }
    return new Overview(projects);
  }

  private static ProjectView project(Services services, Principal who, Project project) {
    String name = project.name();
    List<PromptSummary> prompts = services.versions().list(who, name);
    List<Incident> incidents = services.drift().incidents(who, name, "open", null, 100);
    var rows = new ArrayList<Row>();
    var recent = new ArrayList<Deployment>();
    for (PromptSummary prompt : prompts.stream().limit(MAX_PROMPTS).toList()) {
      var cells = new ArrayList<Cell>();
      for (String env : project.environments()) {
        Integer version = prompt.pins().get(env);
        String confirmation = "";
        if (version != null) {
          confirmation =
              services.drift().confirmations(who, name, prompt.name(), env, 1).stream()
                  .findFirst()
                  .map(Overview::state)
                  .orElse("unconfirmed");
        }
        var here =
            incidents.stream()
                .filter(i -> i.prompt().equals(prompt.name()) && env.equals(i.environment()))
                .toList();
        cells.add(new Cell(env, version, confirmation, here));
      }
      rows.add(new Row(prompt.name(), prompt.latestVersion(), cells));
      if (!prompt.pins().isEmpty()) {
        recent.addAll(services.deployments().history(who, name, prompt.name(), null, RECENT));
      }
    }
    recent.sort(
        Comparator.comparing(Deployment::at, Comparator.<Instant>naturalOrder()).reversed());
    var failing =
        services
            .evals()
            .evaluations()
            .list(who, name, new EvalRepository.EvalQuery(null, null, null, null, null, 50))
            .stream()
            .filter(r -> Boolean.FALSE.equals(r.gatePassed()))
            .limit(RECENT)
            .toList();
    return new ProjectView(
        name,
        project.environments(),
        rows,
        prompts.size(),
        recent.stream().limit(RECENT).toList(),
        failing,
        incidents);
  }

  /**
   * {@code confirmed}, {@code converging} (some instances serve it, not all), {@code unconfirmed}
   * (no instance reports what it serves) or {@code superseded}.
   */
  private static String state(Confirmation c) {
    if (c.state() != Confirmation.State.PENDING) {
      return c.state().wireName();
    }
    return c.converged().isEmpty() && c.lagging().isEmpty() ? "unconfirmed" : "converging";
  }
}
