package dev.promptops.server.api;

import static dev.promptops.server.http.Route.get;
import static dev.promptops.server.http.Route.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.json.Json;
import dev.promptops.core.registry.PushItem;
import dev.promptops.core.registry.PushResult;
import dev.promptops.core.registry.Ref;
import dev.promptops.core.registry.Resolution;
import dev.promptops.core.registry.Selector;
import dev.promptops.core.wire.Wire;
import dev.promptops.server.http.Access;
import dev.promptops.server.http.Call;
import dev.promptops.server.http.Fields;
import dev.promptops.server.http.Reply;
import dev.promptops.server.http.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Pushing, listing, resolving and diffing prompt versions. */
final class PromptRoutes {
  static final String PROMPTS = ProjectRoutes.PROJECT + "/prompts";
  static final String PROMPT = PROMPTS + "/{name+}";

  private PromptRoutes() {}

  static List<Route> routes(Services s) {
    Access read = Access.project(Permission.READ);
    return List.of(
        get(
            PROMPTS,
            read,
            "Prompts with their newest version and pins",
            call -> {
              ObjectNode body = Json.object();
              body.set(
                  "prompts",
                  Wire.array(s.versions().list(call.principal(), project(call)), Wire::summary));
              return Reply.ok(body);
            }),
        post(
            PROMPTS,
            Access.project(Permission.EDIT),
            "Push prompt files; identical content creates no version",
            call -> push(s, call)),
        get(
            PROMPT,
            read,
            "Resolve a prompt by environment, label or version",
            call -> resolve(s, call)),
        get(
            PROMPT + "/-/versions",
            read,
            "All versions of a prompt, oldest first",
            call -> {
              ObjectNode body = Json.object();
              body.set(
                  "versions",
                  Wire.array(
                      s.versions().versions(call.principal(), project(call), name(call)),
                      Wire::version));
              return Reply.ok(body);
            }),
        get(
            PROMPT + "/-/versions/{version}",
            read,
            "One version of a prompt",
            call ->
                Reply.ok(
                    Wire.version(
                        s.versions()
                            .version(
                                call.principal(),
                                project(call),
                                name(call),
                                call.intParam("version"))))),
        get(
            ProjectRoutes.PROJECT + "/diff",
            read,
            "Difference between two versions (refs: name, name:ENV, name@N)",
            call -> {
              Ref from = Ref.parse(requiredQuery(call, "from"));
              Ref to = Ref.parse(requiredQuery(call, "to"));
              return Reply.ok(
                  Wire.diff(s.versions().diff(call.principal(), project(call), from, to)));
            }));
  }

  private static Reply push(Services s, Call call) {
    ObjectNode body = call.json();
    JsonNode prompts = body.get("prompts");
    if (prompts == null || !prompts.isArray()) {
      throw Fields.missing("prompts", "a list of {\"name\", \"source\"}");
    }
    var items = new ArrayList<PushItem>();
    for (JsonNode p : prompts) {
      if (!(p instanceof ObjectNode item)) {
        throw Fields.wrongType("prompts[]", "an object {\"name\", \"source\"}", p);
      }
      items.add(new PushItem(Fields.text(item, "name"), Fields.text(item, "source")));
    }
    String message = Fields.optText(body, "message").orElse("");
    List<PushResult> results = s.versions().push(call.principal(), project(call), items, message);
    ObjectNode out = Json.object();
    out.set("results", Wire.array(results, Wire::pushResult));
    boolean created = results.stream().anyMatch(PushResult::created);
    return created ? Reply.created(out) : Reply.ok(out);
  }

  private static Reply resolve(Services s, Call call) {
    Selector selector = selector(call);
    Resolution r = s.versions().resolve(call.principal(), project(call), name(call), selector);
    String etag = "\"" + r.version().digest() + "\"";
    boolean current = call.header("If-None-Match").map(v -> matches(v, etag)).orElse(false);
    s.metrics().resolved(r.via(), current);
    if (current) {
      return new Reply(304, null, java.util.Map.of("ETag", etag));
    }
    ObjectNode body = Wire.version(r.version());
    body.put("resolvedVia", r.via());
    return Reply.ok(body).withHeader("ETag", etag);
  }

  /** {@code env}, {@code label} or {@code version}: at most one. */
  static Selector selector(Call call) {
    Optional<String> env = call.query("env");
    Optional<String> label = call.query("label");
    Optional<Integer> version = call.queryInt("version");
    int given =
        (env.isPresent() ? 1 : 0) + (label.isPresent() ? 1 : 0) + (version.isPresent() ? 1 : 0);
    if (given > 1) {
      throw new InvalidInputException(
          "ambiguous_selector",
          "give at most one of env, label and version",
          "resolve by environment (?env=staging), label (?label=canary) or exact version"
              + " (?version=3), never both");
    }
    if (env.isPresent()) {
      return new Selector.Env(env.get());
    }
    if (label.isPresent()) {
      return new Selector.Label(label.get());
    }
    return version.<Selector>map(Selector.Version::new).orElseGet(Selector.Default::new);
  }

  private static boolean matches(String ifNoneMatch, String etag) {
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.strip();
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.equals("*") || c.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  static String requiredQuery(Call call, String name) {
    return call.query(name)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "missing_parameter",
                    "query parameter '" + name + "' is required",
                    "add ?" + name + "=..."));
  }

  static String project(Call call) {
    return call.param("project");
  }

  static String name(Call call) {
    return call.param("name");
  }
}
