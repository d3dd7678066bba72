package dev.promptops.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import dev.promptops.core.prompt.ComponentPin;
import dev.promptops.core.registry.PromptVersion;
import dev.promptops.core.store.VersionRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Prompt versions, and the prompts they belong to. The front matter is stored as JSON text exactly
 * as parsed (numbers keep their spelling), the pinned components as a JSON array.
 */
final class VersionRows implements VersionRepository {
  private static final String COLUMNS =
      "project, prompt, version, digest, front_matter, template, source, components, message,"
          + " created_at, created_by";

  private final Sql sql;

  VersionRows(Sql sql) {
    this.sql = sql;
  }

  @Override
  public Optional<PromptVersion> find(String project, String prompt, int version) {
    return sql.call(
        "find version " + prompt + "@" + version + " of project " + project,
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM prompt_versions"
                        + " WHERE project = :project AND prompt = :prompt AND version = :version")
                .bind("project", project)
                .bind("prompt", prompt)
                .bind("version", version)
                .map((rs, ctx) -> row(rs))
                .findOne());
  }

  @Override
  public Optional<PromptVersion> findByDigest(String project, String prompt, String digest) {
    return sql.call(
        "find the version of " + prompt + " with digest " + digest + " in project " + project,
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM prompt_versions"
                        + " WHERE project = :project AND prompt = :prompt AND digest = :digest")
                .bind("project", project)
                .bind("prompt", prompt)
                .bind("digest", digest)
                .map((rs, ctx) -> row(rs))
                .findOne());
  }

  @Override
  public Optional<Integer> latest(String project, String prompt) {
    return sql.call(
        "find the latest version of " + prompt + " in project " + project,
        h ->
            h.createQuery(
                    "SELECT MAX(version) AS latest FROM prompt_versions"
                        + " WHERE project = :project AND prompt = :prompt")
                .bind("project", project)
                .bind("prompt", prompt)
                .mapTo(Integer.class)
                .findOne());
  }

  @Override
  public List<PromptVersion> list(String project, String prompt) {
    return sql.call(
        "list the versions of " + prompt + " in project " + project,
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM prompt_versions"
                        + " WHERE project = :project AND prompt = :prompt ORDER BY version")
                .bind("project", project)
                .bind("prompt", prompt)
                .map((rs, ctx) -> row(rs))
                .list());
  }

  @Override
  public List<PromptVersion> latestOfEach(String project) {
    return sql.call(
        "list the latest version of every prompt in project " + project,
        h ->
            h
                .createQuery(
                    "SELECT "
                        + prefixed("v")
                        + " FROM prompt_versions v"
                        + " JOIN (SELECT prompt, MAX(version) AS version FROM prompt_versions"
                        + "       WHERE project = :project GROUP BY prompt) m"
                        + " ON v.prompt = m.prompt AND v.version = m.version"
                        + " WHERE v.project = :project")
                .bind("project", project)
                .map((rs, ctx) -> row(rs))
                .list()
                .stream()
                .sorted(Comparator.comparing(PromptVersion::prompt))
                .toList());
  }

  @Override
  public void insert(PromptVersion v) {
    sql.call(
        "insert version " + v.ref() + " of project " + v.project(),
        h -> {
          h.createUpdate(
                  "INSERT INTO prompts (project, name, created_at)"
                      + " VALUES (:project, :name, :createdAt) ON CONFLICT DO NOTHING")
              .bind("project", v.project())
              .bind("name", v.prompt())
              .bind("createdAt", Sql.millis(v.createdAt()))
              .execute();
          h.createUpdate(
                  "INSERT INTO prompt_versions ("
                      + COLUMNS
                      + ") VALUES (:project, :prompt, :version, :digest, :frontMatter, :template, :source,"
                      + " :components, :message, :createdAt, :createdBy)")
              .bind("project", v.project())
              .bind("prompt", v.prompt())
              .bind("version", v.version())
              .bind("digest", v.digest())
              .bind("frontMatter", Json.write(v.frontMatter()))
              .bind("template", v.template())
              .bind("source", v.source())
              .bind("components", components(v.components()))
              .bind("message", v.message())
              .bind("createdAt", Sql.millis(v.createdAt()))
              .bind("createdBy", v.createdBy())
              .execute();
          for (ComponentPin pin : v.components()) {
            h.createUpdate(
                    "INSERT INTO version_components"
                        + " (project, prompt, version, component, component_version)"
                        + " VALUES (:project, :prompt, :version, :component, :componentVersion)")
                .bind("project", v.project())
                .bind("prompt", v.prompt())
                .bind("version", v.version())
                .bind("component", pin.name())
                .bind("componentVersion", pin.version())
                .execute();
          }
          return null;
        });
  }

  @Override
  public List<PromptVersion> pinning(String project, String component) {
    return sql.call(
        "list the versions pinning " + component + " in project " + project,
        h ->
            h
                .createQuery(
                    "SELECT "
                        + prefixed("v")
                        + " FROM prompt_versions v JOIN version_components c"
                        + " ON c.project = v.project AND c.prompt = v.prompt"
                        + " AND c.version = v.version"
                        + " WHERE c.project = :project AND c.component = :component")
                .bind("project", project)
                .bind("component", component)
                .map((rs, ctx) -> row(rs))
                .list()
                .stream()
                .sorted(
                    Comparator.comparing(PromptVersion::prompt)
                        .thenComparingInt(PromptVersion::version))
                .toList());
  }

  private static String prefixed(String alias) {
    var columns = new StringBuilder();
    for (String column : COLUMNS.split(",")) {
      columns
          .append(columns.isEmpty() ? "" : ", ")
          .append(alias)
          .append('.')
          .append(column.strip());
    }
    return columns.toString();
  }

  private static PromptVersion row(ResultSet rs) throws SQLException {
    return new PromptVersion(
        rs.getString("project"),
        rs.getString("prompt"),
        rs.getInt("version"),
        rs.getString("digest"),
        (ObjectNode) Json.parseTrusted(rs.getString("front_matter")),
        rs.getString("template"),
        rs.getString("source"),
        components(rs.getString("components")),
        rs.getString("message"),
        Sql.instant(rs, "created_at"),
        rs.getString("created_by"));
  }

  private static String components(List<ComponentPin> pins) {
    ArrayNode array = Json.array();
    for (ComponentPin pin : pins) {
      array
          .addObject()
          .put("name", pin.name())
          .put("version", pin.version())
          .put("digest", pin.digest());
    }
    return Json.write(array);
  }

  private static List<ComponentPin> components(String json) {
    var pins = new ArrayList<ComponentPin>();
    for (JsonNode pin : Json.parseTrusted(json)) {
      pins.add(
          new ComponentPin(
              pin.get("name").textValue(),
              pin.get("version").intValue(),
              pin.get("digest").textValue()));
    }
    return pins;
  }
}
