package dev.promptops.core.registry;

import dev.promptops.core.dotprompt.Partials;
import dev.promptops.core.dotprompt.Problem;
import dev.promptops.core.dotprompt.TemplateReferences;
import dev.promptops.core.prompt.ComponentNames;
import dev.promptops.core.prompt.ComponentPin;
import dev.promptops.core.prompt.PromptFile;
import dev.promptops.core.store.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The component versions a new prompt version pins: each partial it includes, at the version pushed
 * with it or else the newest registered, plus everything those versions pin in turn (the closure,
 * so a version renders from its pins alone). One component may be pinned at one version only.
 */
final class Pinning {
  private final Tx tx;
  private final String project;
  private final Map<String, PromptVersion> pushed;

  Pinning(Tx tx, String project, Map<String, PromptVersion> pushed) {
    this.tx = tx;
    this.project = project;
    this.pushed = pushed;
  }

  /** The pins of a prompt, and the problems found resolving them. */
  record Result(Map<String, PromptVersion> pins, List<Problem> problems) {
    List<ComponentPin> components() {
      return pins.values().stream()
          .map(v -> new ComponentPin(v.prompt(), v.version(), v.digest()))
          .toList();
    }

    /** Partials by include name, from the pinned versions. */
    Partials partials() {
      return name ->
          Optional.ofNullable(pins.get(ComponentNames.registryName(name)))
              .map(PromptVersion::template);
    }
  }

  Result resolve(String self, PromptFile file) {
    var pins = new TreeMap<String, PromptVersion>();
    var problems = new ArrayList<Problem>();
    for (var ref : TemplateReferences.partials(file.template()).entrySet()) {
      String component = ComponentNames.registryName(ref.getKey());
      int line = file.templateLine() + ref.getValue()[0] - 1;
      int column = ref.getValue()[1];
      Optional<PromptVersion> version = direct(component);
      if (version.isEmpty()) {
        problems.add(
            Problem.error(
                "unknown_partial",
                self,
                line,
                column,
                "unknown partial '"
                    + ref.getKey()
                    + "': no component "
                    + component
                    + " is registered or pushed with it",
                "add prompts/" + component + ".prompt and push it with this prompt"));
        continue;
      }
      add(self, pins, version.get(), "", problems, line, column);
      for (ComponentPin nested : version.get().components()) {
        tx.versions()
            .find(project, nested.name(), nested.version())
            .ifPresent(v -> add(self, pins, v, " through " + component, problems, line, column));
      }
    }
    return new Result(pins, problems);
  }

  private Optional<PromptVersion> direct(String component) {
    PromptVersion inPush = pushed.get(component);
    if (inPush != null) {
      return Optional.of(inPush);
    }
    return tx.versions()
        .latest(project, component)
        .flatMap(latest -> tx.versions().find(project, component, latest));
  }

  private static void add(
      String self,
      Map<String, PromptVersion> pins,
      PromptVersion v,
      String via,
      List<Problem> problems,
      int line,
      int column) {
    if (v.prompt().equals(self)) {
      problems.add(
          Problem.error(
              "partial_cycle",
              self,
              line,
              column,
              self + " includes itself" + via,
              "a component cannot include itself, directly or through others"));
      return;
    }
    PromptVersion already = pins.get(v.prompt());
    if (already != null && already.version() != v.version()) {
      problems.add(
          Problem.error(
              "component_conflict",
              self,
              line,
              column,
              "component "
                  + v.prompt()
                  + " would be pinned twice: v"
                  + already.version()
                  + " and v"
                  + v.version()
                  + via,
              "push the components that include "
                  + v.prompt()
                  + " again with it, so that they"
                  + " all pin the same version"));
      return;
    }
    pins.put(v.prompt(), v);
  }
}
