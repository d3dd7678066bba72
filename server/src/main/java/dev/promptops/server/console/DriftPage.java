package dev.promptops.server.console;

import dev.promptops.core.auth.Permission;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.drift.Confirmation;
import dev.promptops.core.drift.Drift;
import dev.promptops.core.drift.Incident;
import dev.promptops.core.registry.Project;
import dev.promptops.server.api.Services;
import java.util.ArrayList;
import java.util.List;

/**
 * The drift page: per project, the incidents (open and acknowledged first, then recently resolved)
 * with the instances and digests involved, the convergence of recent deployments, and the live
 * instances with what each serves.
 */
public record DriftPage(List<ProjectDrift> projects) {
  static final int RECENT = 20;

  /** One project's drift. */
  public record ProjectDrift(
      String name,
      List<Incident> unresolved,
      List<Incident> resolved,
      List<Confirmation> confirmations,
      Drift.Status status,
      boolean canAcknowledge) {}

  static DriftPage of(Services services, Principal who) {
    var out = new ArrayList<ProjectDrift>();
    for (Project p : services.projects().list(who)) {
      Drift drift = services.drift();
      Drift.Status status = drift.status(who, p.name(), null);
      out.add(
          new ProjectDrift(
              p.name(),
              status.unresolved(),
              drift.incidents(who, p.name(), "resolved", null, RECENT),
              drift.confirmations(who, p.name(), null, null, RECENT),
              status,
              who.can(p.name(), Permission.DEPLOY)));
    }
    return new DriftPage(out);
  }
}
