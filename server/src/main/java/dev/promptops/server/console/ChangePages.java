package dev.promptops.server.console;

import dev.promptops.core.NotFoundException;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.change.ChangeRequest;
import dev.promptops.core.change.ChangeRequests;
import dev.promptops.core.change.ChangeState;
import dev.promptops.core.diff.VersionDiff;
import dev.promptops.core.registry.Project;
import dev.promptops.core.registry.Ref;
import dev.promptops.core.registry.Selector;
import dev.promptops.server.api.Services;
import java.util.ArrayList;
import java.util.List;

/** The change request pages: the list across projects, and one request with its evidence. */
public final class ChangePages {
  private ChangePages() {}

  static final int LIST = 100;

  /** The list: requests of every project the key reads, in one state or all. */
  public record ListPage(String state, List<ChangeRequest> changes) {}

  /**
   * One request: the view the API gives (reviews, unmet rules, evidence), the diff from what the
   * environment runs now, and what this key may do with it.
   */
  public record Detail(
      ChangeRequests.View view,
      VersionDiff diff,
      Integer running,
      boolean canReview,
      boolean canMerge,
      boolean canClose) {
    public ChangeRequest change() {
      return view.change();
    }

    public boolean open() {
      return view.change().state() == ChangeState.OPEN;
    }
  }

  static ListPage list(Services services, Principal who, String state) {
    ChangeState filter = state == null || state.equals("all") ? null : ChangeState.parse(state);
    var out = new ArrayList<ChangeRequest>();
    for (Project p : services.projects().list(who)) {
      out.addAll(services.changes().list(who, p.name(), filter, null, null, 0, LIST));
    }
    out.sort((a, b) -> b.updatedAt().compareTo(a.updatedAt()));
    return new ListPage(state == null ? "open" : state, out.stream().limit(LIST).toList());
  }

  static Detail detail(Services services, Principal who, String project, int number) {
    ChangeRequests.View view = services.changes().get(who, project, number);
    ChangeRequest c = view.change();
    Integer running = null;
    try {
      running =
          services
              .versions()
              .resolve(who, project, c.prompt(), new Selector.Env(c.environment()))
              .version()
              .version();
    } catch (NotFoundException e) {
      // nothing runs there yet
    }
    VersionDiff diff = null;
    if (running != null && running != c.version()) {
      diff =
          services
              .versions()
              .diff(
                  who,
                  project,
                  new Ref(c.prompt(), new Selector.Version(running)),
                  new Ref(c.prompt(), new Selector.Version(c.version())));
    }
    boolean author = c.author().equals(who.name());
    return new Detail(
        view,
        diff,
        running,
        who.can(project, Permission.APPROVE) && !author,
        who.can(project, Permission.DEPLOY),
        author || who.can(project, Permission.ADMIN));
  }
}
