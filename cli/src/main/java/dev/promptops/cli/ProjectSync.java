package dev.promptops.cli;

import dev.promptops.client.PromptOpsClient;
import dev.promptops.core.ErrorKind;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.registry.Project;
import java.util.List;
import java.util.Optional;

/**
 * Makes the server's project match promptops.yaml: creates it when missing (a server-admin key is
 * needed for that) or sets its environment chain.
 */
final class ProjectSync {
  /** What the sync did. */
  enum Change {
    CREATED,
    UPDATED,
    UNCHANGED
  }

  /**
   * @param before the environments the project had before, empty when it was created
   */
  record Result(Project project, Change change, List<String> before) {
    String describe() {
      String chain = Text.chain(project.environments());
      return switch (change) {
        case CREATED -> "created project " + project.name() + " (" + chain + ")";
        case UPDATED ->
            "updated project "
                + project.name()
                + ": environments "
                + Text.chain(before)
                + "  =>  "
                + chain;
        case UNCHANGED -> "project " + project.name() + " is up to date (" + chain + ")";
      };
    }
  }

  private final PromptOpsClient client;

  ProjectSync(PromptOpsClient client) {
    this.client = client;
  }

  Result sync(String name, ProjectFile file) {
    Project current;
    try {
      current = client.project(name);
    } catch (PromptOpsException e) {
      if (e.kind() != ErrorKind.NOT_FOUND) {
        throw e;
      }
      return new Result(create(name, file), Change.CREATED, List.of());
    }
    if (current.environments().equals(file.environments())) {
      return new Result(current, Change.UNCHANGED, current.environments());
    }
    Project updated = client.setEnvironments(name, file.environments());
    return new Result(updated, Change.UPDATED, current.environments());
  }

  /**
   * Creates the project from the file when the server does not have it yet; empty when it exists.
   *
   * @param file the project's file, or null: then a missing project stays an error
   */
  Optional<Result> createIfMissing(String name, ProjectFile file) {
    try {
      client.project(name);
      return Optional.empty();
    } catch (PromptOpsException e) {
      if (e.kind() != ErrorKind.NOT_FOUND || file == null) {
        throw e;
      }
      return Optional.of(new Result(create(name, file), Change.CREATED, List.of()));
    }
  }

  private Project create(String name, ProjectFile file) {
    try {
      return client.createProject(name, file.description(), file.environments());
    } catch (PromptOpsException e) {
      if (e.kind() != ErrorKind.PERMISSION_DENIED) {
        throw e;
      }
      throw new PromptOpsException(
          e.kind(),
          e.code(),
          "project '"
              + name
              + "' does not exist on "
              + client.baseUrl()
              + ", and creating it needs a server-admin key: "
              + e.getMessage(),
          "ask a server admin to run 'promptops sync' in this folder once, then push again",
          e.details(),
          e);
    }
  }
}
