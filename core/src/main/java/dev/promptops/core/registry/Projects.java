package dev.promptops.core.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.ConflictException;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.json.Json;
import dev.promptops.core.names.Names;
import dev.promptops.core.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** The one entry point for projects and their environment chains. */
public final class Projects {
  /** Most environments a chain may have. */
  public static final int MAX_ENVIRONMENTS = 16;

  private final Store store;
  private final AuditLog audit;
  private final Clock clock;

  public Projects(Store store, AuditLog audit, Clock clock) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  /** Creates a project; only a server administrator may. */
  public Project create(Principal who, String name, String description, List<String> environments) {
    who.requireServerAdmin();
    Names.project(name);
    List<String> envs = validEnvironments(environments);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return store.write(
        tx -> {
          if (tx.projects().find(name).isPresent()) {
            throw new ConflictException(
                "project_exists",
                "a project named '" + name + "' already exists",
                "pick another name, or use the existing project",
                null);
          }
          var project = new Project(name, description, envs, now, who.name());
          tx.projects().insert(project);
          ObjectNode details = Json.object();
          details.put("description", project.description());
          details.set("environments", Json.mapper().valueToTree(envs));
          audit.append(tx, now, who.name(), "project.create", name, null, details);
          return project;
        });
  }

  public Project get(Principal who, String name) {
    who.require(name, Permission.READ);
    return store.read(tx -> Lookups.project(tx, name));
  }

  /** The projects the caller may read. */
  public List<Project> list(Principal who) {
    return store.read(tx -> tx.projects().list()).stream()
        .filter(p -> who.can(p.name(), Permission.READ))
        .toList();
  }

  /**
   * Replaces the environment chain. An environment that still pins a prompt cannot be removed, and
   * a new environment cannot take the name of a label in use.
   */
  public Project setEnvironments(Principal who, String name, List<String> environments) {
    List<String> envs = validEnvironments(environments);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    who.require(name, Permission.ADMIN);
    return store.write(
        tx -> {
          Project project = Lookups.project(tx, name);
          if (project.environments().equals(envs)) {
            return project;
          }
          for (String old : project.environments()) {
            int pinned = tx.pins().countTarget(name, old);
            if (!envs.contains(old) && pinned > 0) {
              throw new ConflictException(
                  "environment_in_use",
                  "environment '" + old + "' still pins " + pinned + " prompt(s)",
                  "keep '" + old + "' in the chain; removing a live environment is refused",
                  null);
            }
          }
          for (String env : envs) {
            int labelled = tx.pins().countTarget(name, env);
            if (!project.hasEnvironment(env) && labelled > 0) {
              throw new ConflictException(
                  "label_in_use",
                  "'"
                      + env
                      + "' is a label on "
                      + labelled
                      + " prompt(s) of project '"
                      + name
                      + "'",
                  "remove the label first, or name the environment differently",
                  null);
            }
          }
          tx.projects().setEnvironments(name, envs);
          ObjectNode details = Json.object();
          details.set("from", Json.mapper().valueToTree(project.environments()));
          details.set("to", Json.mapper().valueToTree(envs));
          audit.append(tx, now, who.name(), "project.environments", name, null, details);
          return new Project(
              name, project.description(), envs, project.createdAt(), project.createdBy());
        });
  }

  /**
   * Checks an environment chain: 1 to {@value #MAX_ENVIRONMENTS} valid, distinct names, none of
   * them {@code latest}.
   */
  public static List<String> validEnvironments(List<String> environments) {
    if (environments == null || environments.isEmpty()) {
      throw new InvalidInputException(
          "invalid_environments",
          "a project needs at least one environment",
          "list them in order, e.g. [dev, staging, production]");
    }
    if (environments.size() > MAX_ENVIRONMENTS) {
      throw new InvalidInputException(
          "invalid_environments",
          "too many environments: " + environments.size(),
          "a chain has at most " + MAX_ENVIRONMENTS + " environments");
    }
    var seen = new HashSet<String>();
    var result = new ArrayList<String>();
    for (String env : environments) {
      Names.pinnableTarget(env);
      if (!seen.add(env)) {
        throw new InvalidInputException(
            "invalid_environments",
            "environment '" + env + "' is listed twice",
            "list each environment once, in order");
      }
      result.add(env);
    }
    return List.copyOf(result);
  }
}
