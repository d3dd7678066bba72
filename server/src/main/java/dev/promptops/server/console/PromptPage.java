package dev.promptops.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.diff.VersionDiff;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.json.Json;
import dev.promptops.core.prompt.ComponentNames;
import dev.promptops.core.registry.Deployment;
import dev.promptops.core.registry.Impact;
import dev.promptops.core.registry.Pin;
import dev.promptops.core.registry.PromptVersion;
import dev.promptops.core.registry.Ref;
import dev.promptops.core.registry.Selector;
import dev.promptops.server.api.Services;
import java.util.ArrayList;
import java.util.List;

/**
 * A prompt's page: its versions (newest first), a diff between two of them, the components its
 * newest version pins, who uses it (for a component), where each environment and label points with
 * the deployment history, and a preview that renders a version with variables typed in.
 */
public record PromptPage(
    String project,
    String name,
    List<String> environments,
    List<PromptVersion> versions,
    List<Pin> pins,
    List<Deployment> history,
    VersionDiff diff,
    Impact impact,
    boolean canDeploy,
    boolean canOpenChange,
    Preview preview) {

  static final int HISTORY = 50;

  /** A preview: the version and variables asked for, and the messages or why there are none. */
  public record Preview(int version, String variables, List<Message> messages, String error) {}

  /**
   * A rendered message: its role and its parts as text ({@code [media …]}, {@code [section …]}).
   */
  public record Message(String role, List<String> parts) {}

  public PromptVersion latest() {
    return versions.getFirst();
  }

  /** The labels (free pins, not environments) and their versions. */
  public List<Pin> labels() {
    return pins.stream()
        .filter(p -> p.kind() == dev.promptops.core.registry.TargetKind.LABEL)
        .toList();
  }

  /** The version pinned to this environment or label, or null. */
  public Integer pinned(String target) {
    return pins.stream()
        .filter(p -> p.target().equals(target))
        .map(Pin::version)
        .findFirst()
        .orElse(null);
  }

  /** The lines of the template diff, each with its kind: add, remove, hunk or same. */
  public List<String[]> diffLines() {
    var out = new ArrayList<String[]>();
    if (diff == null || diff.template().isEmpty()) {
      return out;
    }
    for (String line : diff.template().split("\n", -1)) {
      String kind =
          line.startsWith("@@")
              ? "hunk"
              : line.startsWith("+++") || line.startsWith("---")
                  ? "file"
                  : line.startsWith("+") ? "add" : line.startsWith("-") ? "remove" : "same";
      out.add(new String[] {kind, line});
    }
    return out;
  }

  /** A row of the side-by-side diff: the old line and the new one, each with its kind. */
  public record SideBySide(String left, String leftKind, String right, String rightKind) {}

  /**
   * The template diff side by side: unchanged lines on both sides, a block of removed lines beside
   * the block of added lines that replaced it, hunk headers across.
   */
  public List<SideBySide> sideBySide() {
    var rows = new ArrayList<SideBySide>();
    if (diff == null || diff.template().isEmpty()) {
      return rows;
    }
    var removed = new ArrayList<String>();
    var added = new ArrayList<String>();
    for (String line : diff.template().split("\n", -1)) {
      if (line.startsWith("---") || line.startsWith("+++")) {
        continue;
      }
      if (line.startsWith("-")) {
        removed.add(line.substring(1));
      } else if (line.startsWith("+")) {
        added.add(line.substring(1));
      } else {
        flush(rows, removed, added);
        if (line.startsWith("@@")) {
          rows.add(new SideBySide(line, "hunk", line, "hunk"));
        } else if (!line.isEmpty() || !rows.isEmpty()) {
          String text = line.startsWith(" ") ? line.substring(1) : line;
          rows.add(new SideBySide(text, "same", text, "same"));
        }
      }
    }
    flush(rows, removed, added);
    return rows;
  }

  private static void flush(List<SideBySide> rows, List<String> removed, List<String> added) {
    for (int i = 0; i < Math.max(removed.size(), added.size()); i++) {
      boolean l = i < removed.size();
      boolean r = i < added.size();
      rows.add(
          new SideBySide(
              l ? removed.get(i) : "",
              l ? "remove" : "empty",
              r ? added.get(i) : "",
              r ? "add" : "empty"));
    }
    removed.clear();
    added.clear();
  }

  static PromptPage of(
      Services services,
      Principal who,
      String project,
      String name,
      Integer from,
      Integer to,
      Preview preview) {
    var environments = services.projects().get(who, project).environments();
    List<PromptVersion> versions =
        new ArrayList<>(services.versions().versions(who, project, name));
    versions = versions.reversed();
    int newest = versions.getFirst().version();
    int right = to == null ? newest : to;
    int left = from == null ? Math.max(1, right - 1) : from;
    VersionDiff diff =
        newest == 1 && from == null
            ? null
            : services
                .versions()
                .diff(
                    who,
                    project,
                    new Ref(name, new Selector.Version(left)),
                    new Ref(name, new Selector.Version(right)));
    Impact impact =
        ComponentNames.isComponent(name)
            ? services.components().impact(who, project, name, null)
            : null;
    return new PromptPage(
        project,
        name,
        environments,
        versions,
        services.deployments().pins(who, project, name),
        services.deployments().history(who, project, name, null, HISTORY),
        diff,
        impact,
        who.can(project, Permission.DEPLOY),
        who.can(project, Permission.EDIT) || who.can(project, Permission.DEPLOY),
        preview);
  }

  /** Renders {@code version} with the variables (a JSON object) as the API's render does. */
  static Preview preview(
      Services services,
      Principal who,
      String project,
      String name,
      int version,
      String variables) {
    JsonNode input;
    try {
      input = variables == null || variables.isBlank() ? Json.object() : Json.parse(variables);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return new Preview(
          version,
          variables,
          List.of(),
          "The variables are not JSON: " + e.getOriginalMessage() + ".");
    }
    if (!(input instanceof ObjectNode object)) {
      return new Preview(
          version,
          variables,
          List.of(),
          "The variables must be a JSON object, such as {\"name\": \"Ada\"}.");
    }
    try {
      var result =
          services
              .rendering()
              .render(
                  who, project, name, new Selector.Version(version), RenderData.of(object), null);
      var messages = new ArrayList<Message>();
      for (JsonNode m : result.rendered().messages()) {
        var parts = new ArrayList<String>();
        for (JsonNode part : m.path("content")) {
          if (part.has("text")) {
            parts.add(part.get("text").asText());
          } else if (part.has("media")) {
            parts.add("[media " + part.path("media").path("url").asText() + "]");
          } else {
            parts.add("[section " + part.path("metadata").path("purpose").asText() + "]");
          }
        }
        messages.add(new Message(m.path("role").asText(), parts));
      }
      return new Preview(version, variables, messages, "");
    } catch (InvalidInputException e) {
      return new Preview(version, variables, List.of(), e.getMessage() + ". " + e.hint() + ".");
    } catch (PromptOpsException e) {
      if (e.kind() == dev.promptops.core.ErrorKind.UNPROCESSABLE
          || e.kind() == dev.promptops.core.ErrorKind.INVALID) {
        return new Preview(
            version,
            variables,
            List.of(),
            e.getMessage() + (e.hint() == null ? "" : " — " + e.hint()));
      }
      throw e;
    }
  }
}
