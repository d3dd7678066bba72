package dev.promptops.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.json.Json;
import dev.promptops.core.names.Names;
import dev.promptops.core.registry.Project;
import dev.promptops.core.registry.Projects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A project's {@code promptops.yaml}: its name, description, environment chain and environment
 * policies. Keys this version does not know (later: {@code providers}, ...) are allowed and
 * ignored.
 *
 * @param path the file
 * @param environments the chain from first stage to last; the default chain when the file has none
 * @param policies the {@code policies} mapping as written (the server checks it), or null when the
 *     file has none: then {@code promptops sync} leaves the server's policies as they are
 * @param schedules the {@code schedules} list (behavioural drift re-runs) as written, or null when
 *     the file has none: then {@code promptops sync} leaves the server's schedules as they are
 */
record ProjectFile(
    Path path,
    String project,
    String description,
    List<String> environments,
    com.fasterxml.jackson.databind.node.ObjectNode policies,
    JsonNode schedules) {
  static final String NAME = "promptops.yaml";

  ProjectFile {
    environments = List.copyOf(environments);
  }

  /** The folder holding the file: the project's root. */
  Path root() {
    return path.getParent();
  }

  /** Where the project's {@code .prompt} files live: {@code prompts/} beside the file. */
  Path promptsDir() {
    return root().resolve("prompts");
  }

  /** The nearest promptops.yaml in {@code start} or a folder above it. */
  static Optional<Path> find(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(NAME);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static ProjectFile read(Path path) {
    String text;
    try {
      text = Files.readString(path);
    } catch (IOException e) {
      throw invalid(path, "cannot be read: " + e.getMessage(), "check the file's permissions");
    }
    return parse(path, text);
  }

  static ProjectFile parse(Path path, String text) {
    JsonNode root = yaml(path, text);
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw invalid(path, "the file is empty", "write at least 'project: NAME'");
    }
    if (!root.isObject()) {
      throw invalid(
          path, "must be a YAML mapping (key: value lines)", "start with 'project: NAME'");
    }
    return new ProjectFile(
        path,
        project(path, root.get("project")),
        description(path, root.get("description")),
        environments(path, root.get("environments")),
        policies(path, root.get("policies")),
        schedules(path, root.get("schedules")));
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode policies(Path path, JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isNull()) {
      return dev.promptops.core.json.Json.object();
    }
    if (!(node instanceof com.fasterxml.jackson.databind.node.ObjectNode o)) {
      throw invalid(
          path,
          "'policies' must map environments to their policy",
          "e.g. 'policies: {production: {after: staging, evals: [support]}}'");
    }
    return o;
  }

  private static JsonNode schedules(Path path, JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isNull()) {
      return dev.promptops.core.json.Json.array();
    }
    if (!node.isArray()) {
      throw invalid(
          path,
          "'schedules' must be a list of suite re-runs",
          "e.g. 'schedules: [{suite: support, environment: production, every: 6h, margin:"
              + " 0.05}]'");
    }
    return node;
  }

  private static JsonNode yaml(Path path, String text) {
    try {
      return Json.yaml().readTree(text);
    } catch (JsonProcessingException e) {
      String at = Json.location(e);
      throw invalid(
          path,
          "not valid YAML" + (at.isEmpty() ? "" : " at " + at) + ": " + e.getOriginalMessage(),
          "fix the YAML syntax; 'promptops init' in an empty folder shows a working example");
    }
  }

  private static String project(Path path, JsonNode node) {
    if (node == null || node.isNull()) {
      throw invalid(path, "no 'project:' key", "add a line 'project: my-project'");
    }
    if (!node.isTextual()) {
      throw invalid(path, "'project' must be a name, found " + node, "e.g. 'project: my-project'");
    }
    return named(path, () -> Names.project(node.asText()));
  }

  private static String description(Path path, JsonNode node) {
    if (node == null || node.isNull()) {
      return "";
    }
    if (!node.isValueNode()) {
      throw invalid(path, "'description' must be text", "e.g. 'description: support bot'");
    }
    return node.asText();
  }

  private static List<String> environments(Path path, JsonNode node) {
    if (node == null || node.isNull()) {
      return Project.DEFAULT_ENVIRONMENTS;
    }
    String example = "write the chain in order, e.g. 'environments: [dev, staging, production]'";
    if (!node.isArray()) {
      throw invalid(path, "'environments' must be a list of names", example);
    }
    var envs = new ArrayList<String>();
    for (JsonNode env : node) {
      if (!env.isTextual()) {
        throw invalid(path, "'environments' holds " + env + ", which is not a name", example);
      }
      envs.add(env.asText());
    }
    try {
      return Projects.validEnvironments(envs);
    } catch (PromptOpsException e) {
      throw new InvalidInputException(e.code(), path + ": " + e.getMessage(), e.hint());
    }
  }

  private static String named(Path path, Supplier<String> check) {
    try {
      return check.get();
    } catch (PromptOpsException e) {
      throw new InvalidInputException(e.code(), path + ": " + e.getMessage(), e.hint());
    }
  }

  private static InvalidInputException invalid(Path path, String problem, String hint) {
    return new InvalidInputException("invalid_project_file", path + ": " + problem, hint);
  }
}
