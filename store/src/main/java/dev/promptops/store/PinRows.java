package dev.promptops.store;

import dev.promptops.core.registry.Pin;
import dev.promptops.core.registry.TargetKind;
import dev.promptops.core.store.PinRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Pins. Moves are compare-and-set; they are safe because write transactions are serialised, and the
 * statements check the expected state themselves as well.
 */
final class PinRows implements PinRepository {
  private static final String COLUMNS = "prompt, target, kind, version, updated_at";
  private static final Comparator<Pin> ORDER =
      Comparator.comparing(Pin::prompt).thenComparing(Pin::target);

  private final Sql sql;

  PinRows(Sql sql) {
    this.sql = sql;
  }

  @Override
  public Optional<Pin> find(String project, String prompt, String target) {
    return sql.call(
        "find the pin of " + prompt + " in '" + target + "' of project " + project,
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM pins"
                        + " WHERE project = :project AND prompt = :prompt AND target = :target")
                .bind("project", project)
                .bind("prompt", prompt)
                .bind("target", target)
                .map((rs, ctx) -> row(rs))
                .findOne());
  }

  @Override
  public List<Pin> list(String project, String prompt) {
    return sql.call(
        "list the pins of " + prompt + " in project " + project,
        h ->
            h
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM pins WHERE project = :project AND prompt = :prompt")
                .bind("project", project)
                .bind("prompt", prompt)
                .map((rs, ctx) -> row(rs))
                .list()
                .stream()
                .sorted(ORDER)
                .toList());
  }

  @Override
  public List<Pin> listProject(String project) {
    return sql.call(
        "list the pins of project " + project,
        h ->
            h
                .createQuery("SELECT " + COLUMNS + " FROM pins WHERE project = :project")
                .bind("project", project)
                .map((rs, ctx) -> row(rs))
                .list()
                .stream()
                .sorted(ORDER)
                .toList());
  }

  @Override
  public int countTarget(String project, String target) {
    return sql.call(
        "count the prompts pinned by '" + target + "' in project " + project,
        h ->
            h.createQuery("SELECT COUNT(*) FROM pins WHERE project = :project AND target = :target")
                .bind("project", project)
                .bind("target", target)
                .mapTo(Integer.class)
                .one());
  }

  @Override
  public boolean compareAndSet(
      String project,
      String prompt,
      String target,
      TargetKind kind,
      Integer expected,
      int next,
      Instant at) {
    String operation =
        "move the pin of " + prompt + " in '" + target + "' of project " + project + " to v" + next;
    if (expected == null) {
      // ON CONFLICT DO NOTHING: a pin that exists already means the race was lost, and on
      // PostgreSQL the transaction stays usable (a failed insert would abort it).
      return sql.call(
          operation,
          h ->
              h.createUpdate(
                          "INSERT INTO pins (project, prompt, target, kind, version, updated_at)"
                              + " VALUES (:project, :prompt, :target, :kind, :version, :at)"
                              + " ON CONFLICT DO NOTHING")
                      .bind("project", project)
                      .bind("prompt", prompt)
                      .bind("target", target)
                      .bind("kind", kind.wireName())
                      .bind("version", next)
                      .bind("at", Sql.millis(at))
                      .execute()
                  == 1);
    }
    return sql.call(
        operation,
        h ->
            h.createUpdate(
                        "UPDATE pins SET kind = :kind, version = :version, updated_at = :at"
                            + " WHERE project = :project AND prompt = :prompt AND target = :target"
                            + " AND version = :expected")
                    .bind("project", project)
                    .bind("prompt", prompt)
                    .bind("target", target)
                    .bind("kind", kind.wireName())
                    .bind("version", next)
                    .bind("at", Sql.millis(at))
                    .bind("expected", expected.intValue())
                    .execute()
                == 1);
  }

  @Override
  public boolean remove(String project, String prompt, String target, int expected) {
    return sql.call(
        "remove the pin of " + prompt + " in '" + target + "' of project " + project,
        h ->
            h.createUpdate(
                        "DELETE FROM pins WHERE project = :project AND prompt = :prompt"
                            + " AND target = :target AND version = :expected")
                    .bind("project", project)
                    .bind("prompt", prompt)
                    .bind("target", target)
                    .bind("expected", expected)
                    .execute()
                == 1);
  }

  private static Pin row(ResultSet rs) throws SQLException {
    return new Pin(
        rs.getString("prompt"),
        rs.getString("target"),
        TargetKind.fromWire(rs.getString("kind")),
        rs.getInt("version"),
        Sql.instant(rs, "updated_at"));
  }
}
