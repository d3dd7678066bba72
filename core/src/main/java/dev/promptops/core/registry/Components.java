package dev.promptops.core.registry;

import dev.promptops.core.NotFoundException;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.diff.Differ;
import dev.promptops.core.prompt.ComponentNames;
import dev.promptops.core.prompt.ComponentPin;
import dev.promptops.core.store.Store;
import dev.promptops.core.store.Tx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Questions about components (partials): impact analysis. */
public final class Components {
  private final Store store;

  public Components(Store store) {
    this.store = store;
  }

  /**
   * Impact of a component: every prompt version pinning it (directly or through another component),
   * where those versions run, and what adopting {@code version} (default: the newest) would change.
   *
   * @param component the registry name ({@code _footer}) or the include name ({@code footer})
   */
  public Impact impact(Principal who, String project, String component, Integer version) {
    who.require(project, Permission.READ);
    String name = ComponentNames.normalize(component);
    return store.read(
        tx -> {
          Lookups.project(tx, project);
          int latest = Lookups.latest(tx, project, name);
          int target = version == null ? latest : version;
          PromptVersion targetVersion = Lookups.version(tx, project, name, target);
          var affected = new ArrayList<Impact.Affected>();
          var pinnedVersions = new TreeSet<Integer>();
          var latestOf = new HashMap<String, Integer>();
          for (PromptVersion v : tx.versions().pinning(project, name)) {
            int pinned = pinnedVersion(v, name);
            pinnedVersions.add(pinned);
            int newest =
                latestOf.computeIfAbsent(
                    v.prompt(), p -> tx.versions().latest(project, p).orElse(0));
            affected.add(
                new Impact.Affected(
                    v.prompt(),
                    v.version(),
                    v.digest(),
                    pinned,
                    v.version() == newest,
                    runningIn(tx, project, v),
                    pinned != target));
          }
          return new Impact(
              name,
              latest,
              target,
              affected,
              changes(tx, project, name, pinnedVersions, targetVersion));
        });
  }

  private static int pinnedVersion(PromptVersion v, String component) {
    return v.components().stream()
        .filter(c -> c.name().equals(component))
        .mapToInt(ComponentPin::version)
        .findFirst()
        .orElseThrow(
            () ->
                new NotFoundException(
                    "pin_not_found", v.ref() + " does not pin " + component, "report this bug"));
  }

  private static List<String> runningIn(Tx tx, String project, PromptVersion v) {
    return tx.pins().list(project, v.prompt()).stream()
        .filter(p -> p.version() == v.version())
        .map(Pin::target)
        .toList();
  }

  private static List<Impact.Change> changes(
      Tx tx, String project, String name, TreeSet<Integer> pinned, PromptVersion target) {
    var changes = new ArrayList<Impact.Change>();
    Map<Integer, PromptVersion> cache = new HashMap<>();
    for (int from : pinned) {
      if (from == target.version()) {
        continue;
      }
      PromptVersion old = cache.computeIfAbsent(from, v -> Lookups.version(tx, project, name, v));
      changes.add(
          new Impact.Change(
              from,
              target.version(),
              Differ.unified(old.ref(), target.ref(), old.template(), target.template())));
    }
    return changes;
  }
}
