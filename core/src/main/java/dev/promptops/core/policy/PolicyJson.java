package dev.promptops.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.auth.Role;
import dev.promptops.core.json.Json;
import dev.promptops.core.registry.Project;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * Policies as JSON, the same shape in {@code promptops.yaml} ({@code policies:}) and in the API:
 *
 * <pre>{@code
 * {"production": {"after": "staging", "evals": ["support"],
 *                 "freeze": [{"start": "2026-12-24T00:00:00Z", "end": "2026-12-27T00:00:00Z",
 *                             "reason": "holidays"}]}}
 * }</pre>
 *
 * Every key is checked against the project: an environment it does not have, an {@code after} that
 * does not come earlier in its chain, a window that ends before it starts are errors, never
 * ignored.
 */
public final class PolicyJson {
  public static final int MAX_EVALS = 20;
  public static final int MAX_WINDOWS = 100;
  public static final int MAX_REASON_CHARS = 2000;

  public static final int MAX_APPROVALS = 10;

  private static final List<String> KEYS =
      List.of("after", "evals", "freeze", "approvals", "approvers", "smoke", "smokeRollback");
  private static final List<String> WINDOW_KEYS = List.of("start", "end", "reason");

  private PolicyJson() {}

  /** Reads the policies of {@code project}'s environments from {@code node}. */
  public static ProjectPolicy read(JsonNode node, Project project) {
    return parse(node, java.util.Objects.requireNonNull(project, "project"));
  }

  /**
   * Reads a policy as {@link #write(ProjectPolicy)} stored it, without checking it against the
   * project's environments again (they may have changed since; {@link PolicyCheck} says so).
   */
  public static ProjectPolicy stored(JsonNode node) {
    return parse(node, null);
  }

  private static ProjectPolicy parse(JsonNode node, Project project) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return ProjectPolicy.NONE;
    }
    if (!node.isObject()) {
      throw invalid(
          "policies must be a mapping of environment to policy",
          "e.g. {\"production\": {\"after\": \"staging\"}}");
    }
    var out = new LinkedHashMap<String, EnvironmentPolicy>();
    for (var e : node.properties()) {
      String env = e.getKey();
      if (project != null && !project.hasEnvironment(env)) {
        throw invalid(
            "policies name '"
                + env
                + "', which is not an environment of project '"
                + project.name()
                + "' ("
                + String.join(" → ", project.environments())
                + ")",
            "name one of its environments, or add it first (promptops.yaml environments:)");
      }
      out.put(env, environment(env, e.getValue(), project));
    }
    return new ProjectPolicy(out);
  }

  private static EnvironmentPolicy environment(String env, JsonNode n, Project project) {
    String where = "the policy of '" + env + "'";
    if (n == null || n.isNull()) {
      return new EnvironmentPolicy(env, null, List.of(), List.of());
    }
    if (!n.isObject()) {
      throw invalid(where + " must be a mapping", "e.g. {after: staging, evals: [support]}");
    }
    onlyKeys(n, KEYS, where);
    String after = text(n.get("after"), where + ": after");
    if (after != null && project != null) {
      int at = project.environments().indexOf(after);
      if (at < 0 || at >= project.environments().indexOf(env)) {
        throw invalid(
            where
                + ": after must name an environment that comes before '"
                + env
                + "' in "
                + String.join(" → ", project.environments())
                + ", not '"
                + after
                + "'",
            "e.g. after: "
                + (project.environments().indexOf(env) > 0
                    ? project.environments().get(project.environments().indexOf(env) - 1)
                    : "(none: '" + env + "' is the first environment)"));
      }
    }
    return new EnvironmentPolicy(
        env,
        after,
        evals(n.get("evals"), where),
        freeze(n.get("freeze"), where),
        approvals(n.get("approvals"), where),
        approvers(n.get("approvers"), where),
        smoke(n.get("smoke"), where),
        smokeRollback(n.get("smokeRollback"), where));
  }

  private static String smoke(JsonNode n, String where) {
    String name = text(n, where + ": smoke");
    if (name != null && (name.isBlank() || name.length() > 200)) {
      throw invalid(where + ": smoke must name a suite", "e.g. smoke: smoke (evals/smoke.yaml)");
    }
    return name;
  }

  private static boolean smokeRollback(JsonNode n, String where) {
    if (n == null || n.isNull()) {
      return true;
    }
    if (!n.isBoolean()) {
      throw invalid(where + ": smokeRollback must be true or false", "e.g. smokeRollback: false");
    }
    return n.booleanValue();
  }

  private static int approvals(JsonNode n, String where) {
    if (n == null || n.isNull()) {
      return 0;
    }
    if (!n.isIntegralNumber() || n.intValue() < 0 || n.intValue() > MAX_APPROVALS) {
      throw invalid(
          where + ": approvals must be a whole number from 0 to " + MAX_APPROVALS + ", not " + n,
          "e.g. approvals: 1");
    }
    return n.intValue();
  }

  private static Set<Role> approvers(JsonNode n, String where) {
    var out = EnumSet.noneOf(Role.class);
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray() || n.isEmpty()) {
      throw invalid(
          where + ": approvers must be a list of roles", "e.g. approvers: [approver, admin]");
    }
    for (JsonNode r : n) {
      Role role;
      try {
        role = Role.parse(text(r, where + ": approvers"));
      } catch (InvalidInputException e) {
        throw invalid(where + ": approvers: " + e.getMessage(), e.hint());
      }
      if (!role.allows(Permission.APPROVE)) {
        throw invalid(
            where + ": approvers: the " + role.wireName() + " role cannot approve",
            "name roles that may: approver, admin");
      }
      out.add(role);
    }
    return out;
  }

  private static List<String> evals(JsonNode n, String where) {
    var out = new ArrayList<String>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      throw invalid(where + ": evals must be a list of suite names", "e.g. evals: [support]");
    }
    if (n.size() > MAX_EVALS) {
      throw invalid(where + ": at most " + MAX_EVALS + " evals", "merge suites into fewer");
    }
    for (JsonNode s : n) {
      String name = text(s, where + ": evals");
      if (name == null || name.isBlank() || name.length() > 200) {
        throw invalid(
            where + ": an eval suite name is empty or too long",
            "name suites as their" + " files are named without .yaml, e.g. support");
      }
      if (!out.contains(name)) {
        out.add(name);
      }
    }
    return out;
  }

  private static List<FreezeWindow> freeze(JsonNode n, String where) {
    var out = new ArrayList<FreezeWindow>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      throw invalid(
          where + ": freeze must be a list of windows",
          "e.g. freeze: [{start: 2026-12-24T00:00:00Z, end: 2026-12-27T00:00:00Z}]");
    }
    if (n.size() > MAX_WINDOWS) {
      throw invalid(where + ": at most " + MAX_WINDOWS + " freeze windows", "drop past ones");
    }
    int i = 0;
    for (JsonNode w : n) {
      String at = where + ": freeze window " + (++i);
      if (!w.isObject()) {
        throw invalid(at + " must be a mapping", "e.g. {start: …, end: …, reason: holidays}");
      }
      onlyKeys(w, WINDOW_KEYS, at);
      Instant start = instant(w.get("start"), at + ": start");
      Instant end = instant(w.get("end"), at + ": end");
      if (!end.isAfter(start)) {
        throw invalid(at + " ends (" + end + ") before it starts (" + start + ")", "swap them");
      }
      String reason = text(w.get("reason"), at + ": reason");
      if (reason != null && reason.length() > MAX_REASON_CHARS) {
        throw invalid(at + ": the reason is too long", "keep it under " + MAX_REASON_CHARS);
      }
      out.add(new FreezeWindow(start, end, reason));
    }
    return out;
  }

  /** Refuses a key not in {@code keys}, naming the ones there are: a typo is never ignored. */
  private static void onlyKeys(JsonNode n, List<String> keys, String where) {
    for (var name : (Iterable<String>) n::fieldNames) {
      if (!keys.contains(name)) {
        throw invalid(
            where + " has an unknown key '" + name + "'",
            "its keys are " + String.join(", ", keys));
      }
    }
  }

  private static Instant instant(JsonNode n, String where) {
    String s = text(n, where);
    if (s == null) {
      throw invalid(where + " is missing", "write a UTC time, e.g. 2026-12-24T00:00:00Z");
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw invalid(
          where + " is not a time: '" + s + "'", "write it as 2026-12-24T00:00:00Z (UTC)");
    }
  }

  private static String text(JsonNode n, String where) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw invalid(
          where + " must be text, not " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT),
          "quote it");
    }
    return n.textValue().strip();
  }

  private static InvalidInputException invalid(String message, String hint) {
    return new InvalidInputException("invalid_policy", message, hint);
  }

  /** The policies as JSON, in the shape {@link #read} reads; environments without any left out. */
  public static ObjectNode write(ProjectPolicy policy) {
    ObjectNode out = Json.object();
    policy
        .environments()
        .forEach(
            (env, p) -> {
              if (p.isEmpty()) {
                return;
              }
              ObjectNode n = out.putObject(env);
              if (p.after() != null) {
                n.put("after", p.after());
              }
              if (!p.evals().isEmpty()) {
                p.evals().forEach(n.putArray("evals")::add);
              }
              if (p.approvals() > 0) {
                n.put("approvals", p.approvals());
                var roles = n.putArray("approvers");
                p.approvers().stream().sorted().forEach(r -> roles.add(r.wireName()));
              }
              if (p.smoke() != null) {
                n.put("smoke", p.smoke());
                n.put("smokeRollback", p.smokeRollback());
              }
              if (!p.freeze().isEmpty()) {
                var windows = n.putArray("freeze");
                for (FreezeWindow w : p.freeze()) {
                  ObjectNode o = windows.addObject();
                  o.put("start", w.start().toString());
                  o.put("end", w.end().toString());
                  if (!w.reason().isEmpty()) {
                    o.put("reason", w.reason());
                  }
                }
              }
            });
    return out;
  }

  /** A stored version with its metadata, as the API returns it. */
  public static ObjectNode write(StoredPolicy stored) {
    ObjectNode n = Json.object();
    n.put("project", stored.project());
    n.put("version", stored.version());
    n.set("environments", write(stored.policy()));
    n.put("updatedAt", stored.createdAt().toString());
    n.put("updatedBy", stored.createdBy());
    n.put("reason", stored.reason());
    return n;
  }
}
