package dev.promptops.core.registry;

import dev.promptops.core.NotFoundException;
import dev.promptops.core.names.Names;
import dev.promptops.core.store.Tx;

/** Reads inside a transaction that turn "absent" into an error naming what is missing. */
public final class Lookups {
  private Lookups() {}

  /** The project, or an error naming it and how to create it. */
  public static Project project(Tx tx, String name) {
    Names.project(name);
    return tx.projects()
        .find(name)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "project_not_found",
                    "no project named '" + name + "'",
                    "list projects with `promptops projects`, or create it with `promptops sync`"
                        + " in a folder holding its promptops.yaml"));
  }

  static int latest(Tx tx, String project, String prompt) {
    Names.prompt(prompt);
    return tx.versions()
        .latest(project, prompt)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "prompt_not_found",
                    "no prompt named '" + prompt + "' in project '" + project + "'",
                    "list prompts with `promptops ls`; push it with `promptops push`"));
  }

  /** The version, or an error naming it and how to list the versions. */
  public static PromptVersion version(Tx tx, String project, String prompt, int version) {
    int latest = latest(tx, project, prompt);
    return tx.versions()
        .find(project, prompt, version)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "version_not_found",
                    prompt + " has no version " + version + " in project '" + project + "'",
                    "its versions are 1 to " + latest));
  }

  /** Resolves a selector to a version, naming the environment or label it went through. */
  static Resolution resolve(Tx tx, Project project, String prompt, Selector selector) {
    return switch (selector) {
      case Selector.Version v ->
          new Resolution(version(tx, project.name(), prompt, v.number()), "version");
      case Selector.Default d -> pinned(tx, project, prompt, project.defaultEnvironment(), "env");
      case Selector.Env e -> {
        requireEnvironment(project, e.name());
        yield pinned(tx, project, prompt, e.name(), "env");
      }
      case Selector.Label l -> {
        if (project.hasEnvironment(l.name())) {
          throw new dev.promptops.core.InvalidInputException(
              "not_a_label",
              "'" + l.name() + "' is an environment of project '" + project.name() + "'",
              "ask for env=" + l.name() + " instead of label=" + l.name());
        }
        yield pinned(tx, project, prompt, l.name(), "label");
      }
      case Selector.Target t ->
          pinned(tx, project, prompt, t.name(), project.hasEnvironment(t.name()) ? "env" : "label");
    };
  }

  /** Refuses an environment the project does not have, naming those it has. */
  public static void requireEnvironment(Project project, String env) {
    if (!project.hasEnvironment(env)) {
      throw new NotFoundException(
          "environment_not_found",
          "project '" + project.name() + "' has no environment '" + env + "'",
          "its environments are " + String.join(" → ", project.environments()));
    }
  }

  private static Resolution pinned(
      Tx tx, Project project, String prompt, String target, String kind) {
    int latest = latest(tx, project.name(), prompt);
    if (Names.LATEST.equals(target)) {
      return new Resolution(version(tx, project.name(), prompt, latest), "label:latest");
    }
    var pin = tx.pins().find(project.name(), prompt, target);
    if (pin.isEmpty()) {
      String what = kind.equals("env") ? "environment" : "label";
      String hint =
          kind.equals("env")
              ? "deploy a version first: `promptops deploy "
                  + prompt
                  + "@"
                  + latest
                  + " --env "
                  + target
                  + "`"
              : "labels of this prompt: " + labels(tx, project, prompt);
      throw new NotFoundException(
          kind.equals("env") ? "nothing_deployed" : "label_not_found",
          "no version of " + prompt + " is pinned to " + what + " '" + target + "'",
          hint);
    }
    return new Resolution(
        version(tx, project.name(), prompt, pin.get().version()), kind + ":" + target);
  }

  private static String labels(Tx tx, Project project, String prompt) {
    var names = new StringBuilder("latest");
    for (Pin pin : tx.pins().list(project.name(), prompt)) {
      if (pin.kind() == TargetKind.LABEL) {
        names.append(", ").append(pin.target());
      }
    }
    return names.toString();
  }
}
