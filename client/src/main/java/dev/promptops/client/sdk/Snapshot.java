package dev.promptops.client.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.client.PromptOpsClient;
import dev.promptops.core.ErrorKind;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.json.Json;
import dev.promptops.core.prompt.ComponentPin;
import dev.promptops.core.registry.PromptSummary;
import dev.promptops.core.registry.PromptVersion;
import dev.promptops.core.registry.Selector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one environment of a project ran when it was exported: for each prompt deployed there, the
 * version, digest and source, with the component versions it pins. An application bundles it (a
 * file or a class path resource) and the SDK serves it when the server cannot be reached and
 * nothing is cached: {@code promptops export --env production -o prompts.snapshot.json}.
 *
 * <pre>{@code
 * {"format": "promptops-snapshot/1", "project": "shop", "environment": "production",
 *  "exportedAt": "…", "server": "http://…",
 *  "prompts": [{"name": "support/reply", "version": 4, "digest": "sha256:…", "source": "---…",
 *               "components": [{"name": "components/tone", "version": 2, "digest": "sha256:…",
 *                               "source": "…", "components": []}]}]}
 * }</pre>
 *
 * Each prompt lists every component it includes, directly or through others; each component lists
 * the names and versions it includes itself, so that every digest can be recomputed from the
 * sources when the snapshot is served.
 */
public final class Snapshot {
  public static final String FORMAT = "promptops-snapshot/1";

  /** A prompt in the snapshot. */
  record Entry(
      String name,
      int version,
      String digest,
      String source,
      List<ComponentPin> pins,
      Map<String, Component> components) {}

  private static final Snapshot NONE = new Snapshot(null, null, null, Map.of());

  private final String project;
  private final String environment;
  private final Instant exportedAt;
  private final Map<String, Entry> prompts;

  private Snapshot(
      String project, String environment, Instant exportedAt, Map<String, Entry> prompts) {
    this.project = project;
    this.environment = environment;
    this.exportedAt = exportedAt;
    this.prompts = Map.copyOf(prompts);
  }

  /** No snapshot: nothing to fall back on. */
  public static Snapshot none() {
    return NONE;
  }

  /**
   * Reads a snapshot file.
   *
   * @throws InvalidInputException when it cannot be read or is not a snapshot
   */
  public static Snapshot read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(
          "snapshot_not_found",
          "snapshot " + file + " does not exist",
          "write it with promptops export --env ENV -o " + file);
    } catch (IOException e) {
      throw unreadable(file.toString(), e.getMessage());
    }
  }

  /** Reads a snapshot from the class path ({@code /prompts.snapshot.json}). */
  public static Snapshot resource(String name) {
    InputStream in = Snapshot.class.getResourceAsStream(name.startsWith("/") ? name : "/" + name);
    if (in == null) {
      throw new InvalidInputException(
          "snapshot_not_found",
          "no class path resource " + name,
          "bundle the file promptops export writes, e.g. under src/main/resources");
    }
    try (in) {
      return read(in, name);
    } catch (IOException e) {
      throw unreadable(name, e.getMessage());
    }
  }

  static Snapshot read(InputStream in, String origin) throws IOException {
    JsonNode root;
    try {
      root = Json.mapper().readTree(in);
    } catch (IOException e) {
      throw unreadable(origin, "not JSON: " + e.getMessage());
    }
    return parse(root, origin);
  }

  static Snapshot parse(JsonNode root, String origin) {
    if (!FORMAT.equals(root.path("format").asText())) {
      throw unreadable(origin, "'format' is not " + FORMAT);
    }
    var prompts = new LinkedHashMap<String, Entry>();
    for (JsonNode p : root.path("prompts")) {
      // a component's own pins name components of the same list, by name and version
      var listed = new LinkedHashMap<String, JsonNode>();
      for (JsonNode c : p.path("components")) {
        listed.put(ref(c, origin), c);
      }
      var components = new LinkedHashMap<String, Component>();
      var pins = new ArrayList<ComponentPin>();
      for (var e : listed.entrySet()) {
        var own = new ArrayList<ComponentPin>();
        for (JsonNode n : e.getValue().path("components")) {
          JsonNode pinned = listed.get(ref(n, origin));
          if (pinned == null) {
            throw unreadable(
                origin, "component " + e.getKey() + " pins " + n + ", which is not in the list");
          }
          own.add(pin(pinned, origin));
        }
        JsonNode c = e.getValue();
        components.put(
            e.getKey(),
            new Component(
                text(c, "name", origin),
                number(c, "version", origin),
                text(c, "digest", origin),
                text(c, "source", origin),
                own));
        pins.add(pin(c, origin));
      }
      Entry entry =
          new Entry(
              text(p, "name", origin),
              number(p, "version", origin),
              text(p, "digest", origin),
              text(p, "source", origin),
              pins,
              Map.copyOf(components));
      prompts.put(entry.name(), entry);
    }
    Instant at = null;
    if (root.hasNonNull("exportedAt")) {
      try {
        at = Instant.parse(root.path("exportedAt").asText());
      } catch (java.time.format.DateTimeParseException e) {
        throw unreadable(origin, "'exportedAt' is not an ISO-8601 instant");
      }
    }
    return new Snapshot(
        root.path("project").asText(null), root.path("environment").asText(null), at, prompts);
  }

  public String project() {
    return project;
  }

  /** The environment it was exported from; null for {@link #none()}. */
  public String environment() {
    return environment;
  }

  public Instant exportedAt() {
    return exportedAt;
  }

  /** The prompt names it holds. */
  public List<String> names() {
    return List.copyOf(prompts.keySet());
  }

  Optional<Entry> find(String name) {
    return Optional.ofNullable(prompts.get(name));
  }

  /**
   * The snapshot of what {@code environment} runs now, as JSON: every prompt deployed there, with
   * its pinned components. {@code promptops export} writes it.
   */
  public static ObjectNode export(
      PromptOpsClient client, String project, String environment, Instant now) {
    ObjectNode out = Json.object();
    out.put("format", FORMAT);
    out.put("project", project);
    out.put("environment", environment);
    out.put("exportedAt", now.toString());
    out.put("server", client.baseUrl());
    ArrayNode list = out.putArray("prompts");
    var components = new LinkedHashMap<String, PromptVersion>();
    for (PromptSummary summary : client.prompts(project)) {
      if (!summary.pins().containsKey(environment)) {
        continue;
      }
      PromptVersion v;
      try {
        v = client.resolve(project, summary.name(), new Selector.Env(environment)).version();
      } catch (PromptOpsException e) {
        if (e.kind() == ErrorKind.NOT_FOUND) {
          continue; // a label of that name, not the environment
        }
        throw e;
      }
      ArrayNode pinned = put(list.addObject(), v).putArray("components");
      for (ComponentPin pin : v.components()) {
        PromptVersion c =
            components.computeIfAbsent(
                pin.name() + "@" + pin.version(),
                k -> client.version(project, pin.name(), pin.version()));
        ArrayNode own = put(pinned.addObject(), c).putArray("components");
        for (ComponentPin inner : c.components()) {
          own.addObject().put("name", inner.name()).put("version", inner.version());
        }
      }
    }
    return out;
  }

  private static String ref(JsonNode component, String origin) {
    return text(component, "name", origin) + "@" + number(component, "version", origin);
  }

  private static ComponentPin pin(JsonNode component, String origin) {
    return new ComponentPin(
        text(component, "name", origin),
        number(component, "version", origin),
        text(component, "digest", origin));
  }

  /** {@code name}, {@code version}, {@code digest} and {@code source} of a version. */
  private static ObjectNode put(ObjectNode into, PromptVersion v) {
    return into.put("name", v.prompt())
        .put("version", v.version())
        .put("digest", v.digest())
        .put("source", v.source());
  }

  private static String text(JsonNode node, String field, String origin) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw unreadable(origin, "'" + field + "' missing or not text in " + abbreviated(node));
    }
    return v.textValue();
  }

  private static int number(JsonNode node, String field, String origin) {
    JsonNode v = node.get(field);
    if (v == null || !v.canConvertToInt() || v.intValue() < 1) {
      throw unreadable(
          origin, "'" + field + "' missing or not a positive number in " + abbreviated(node));
    }
    return v.intValue();
  }

  private static String abbreviated(JsonNode node) {
    String s = node.toString();
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }

  private static InvalidInputException unreadable(String origin, String why) {
    return new InvalidInputException(
        "invalid_snapshot",
        "snapshot " + origin + " cannot be used: " + why,
        "write it again with promptops export --env ENV -o FILE");
  }
}
