package dev.promptops.store;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.store.EvalRepository.EvalQuery;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The WHERE clause of a run listing and its parameters. Prompt, version and digest match a
 * candidate variant of the run's report (through {@code eval_run_variants}), never its baseline;
 * {@code before} pages on from a run of the project by creation time, then id.
 */
record EvalRunFilter(String where, Map<String, Object> params) {

  /**
   * @param idOrder the id column as the listing orders it (byte by byte)
   * @throws InvalidInputException for a version without its prompt, or a {@code before} that names
   *     no run of the project
   */
  static EvalRunFilter of(Handle h, String project, EvalQuery q, String idOrder) {
    if (q.version() != null && q.prompt() == null) {
      throw new InvalidInputException(
          "invalid_eval_query",
          "version " + q.version() + " was given without the prompt it is a version of",
          "give the prompt's name with the version, or leave the version out");
    }
    var where = new StringBuilder("project = :project");
    var params = new LinkedHashMap<String, Object>();
    params.put("project", project);
    if (q.status() != null) {
      where.append(" AND status = :status");
      params.put("status", q.status().wireName());
    }
    if (q.prompt() != null || q.digest() != null) {
      where.append(
          " AND EXISTS (SELECT 1 FROM eval_run_variants v WHERE v.run_id = eval_runs.id"
              + " AND v.project = :project AND v.baseline = 0");
      match(where, params, "prompt", q.prompt());
      match(where, params, "version", q.version());
      match(where, params, "digest", q.digest());
      where.append(')');
    }
    if (q.before() != null) {
      where.append(" AND (created_at < :beforeAt OR (created_at = :beforeAt AND ");
      where.append(idOrder).append(" < :beforeId))");
      params.put("beforeAt", createdAt(h, project, q.before()));
      params.put("beforeId", q.before());
    }
    return new EvalRunFilter(where.toString(), Map.copyOf(params));
  }

  private static void match(StringBuilder where, Map<String, Object> params, String col, Object v) {
    if (v != null) {
      where.append(" AND v.").append(col).append(" = :").append(col);
      params.put(col, v);
    }
  }

  /** When the run a page starts after was created; it must be a run of the project. */
  private static long createdAt(Handle h, String project, String id) {
    return h.createQuery("SELECT created_at FROM eval_runs WHERE id = :id AND project = :project")
        .bind("id", id)
        .bind("project", project)
        .mapTo(Long.class)
        .findOne()
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "invalid_cursor",
                    "no eval run '" + id + "' in project '" + project + "' to list the runs before",
                    "pass as 'before' the id of the last run of the previous page"));
  }
}
