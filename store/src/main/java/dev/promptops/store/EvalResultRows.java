package dev.promptops.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.eval.CaseResult;
import dev.promptops.core.eval.EvalJson;
import dev.promptops.core.json.Json;
import dev.promptops.core.store.EvalRepository.StoredResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * The case results of evaluation runs: one row each, numbered from 1 within the run, the result as
 * {@link EvalJson#caseResult(CaseResult)} JSON beside the columns the filters need. The search runs
 * a {@code LIKE} over {@code search_text}, the lower-cased case name, variables, output text and
 * error written with the row.
 */
final class EvalResultRows {
  /** The escape character of search patterns: plain, and safe in Jdbi's SQL lexer. */
  private static final char ESCAPE = '!';

  private EvalResultRows() {}

  /**
   * Inserts {@code results} in one batch, numbered on from the run's highest sequence number. The
   * caller holds the run (its row lock on PostgreSQL, the write lock on SQLite).
   */
  static int insert(Handle h, String runId, List<CaseResult> results) {
    long seq =
        h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM eval_results WHERE run_id = :run")
            .bind("run", runId)
            .mapTo(Long.class)
            .one();
    PreparedBatch batch =
        h.prepareBatch(
            "INSERT INTO eval_results (run_id, seq, variant, case_index, repeat, pass, score,"
                + " errored, search_text, result) VALUES (:run, :seq, :variant, :caseIndex,"
                + " :repeat, :pass, :score, :errored, :search, :result)");
    for (CaseResult r : results) {
      batch
          .bind("run", runId)
          .bind("seq", ++seq)
          .bind("variant", r.variant())
          .bind("caseIndex", r.caseIndex())
          .bind("repeat", r.repeat())
          .bind("pass", EvalRows.flag(r.pass()))
          .bind("score", r.score())
          .bind("errored", EvalRows.flag(r.error() != null))
          .bind("search", searchText(r))
          .bind("result", Json.write(EvalJson.caseResult(r)))
          .add();
    }
    return batch.execute().length;
  }

  static List<StoredResult> page(
      Handle h, String runId, long afterSeq, int limit, boolean failingOnly, String search) {
    boolean searching = search != null && !search.isEmpty();
    Query query =
        h.createQuery(
                "SELECT seq, result FROM eval_results WHERE run_id = :run AND seq > :after"
                    // As the partial index eval_results_failing writes it, so SQLite uses it.
                    + (failingOnly ? " AND (pass = 0 OR errored = 1)" : "")
                    + (searching ? " AND search_text LIKE :pattern ESCAPE '" + ESCAPE + "'" : "")
                    + " ORDER BY seq LIMIT :limit")
            .bind("run", runId)
            .bind("after", afterSeq)
            .bind("limit", limit);
    if (searching) {
      query.bind("pattern", pattern(search));
    }
    return query
        .map(
            (rs, ctx) ->
                new StoredResult(
                    rs.getLong("seq"),
                    EvalJson.caseResult(Json.parseTrusted(rs.getString("result")))))
        .list();
  }

  static long count(Handle h, String runId) {
    return h.createQuery("SELECT COUNT(*) FROM eval_results WHERE run_id = :run")
        .bind("run", runId)
        .mapTo(Long.class)
        .one();
  }

  /** What the search looks in: the case's name, each variable, the output text and error. */
  static String searchText(CaseResult r) {
    var text = new StringBuilder(r.name());
    if (r.vars() != null) {
      for (Map.Entry<String, JsonNode> v : r.vars().properties()) {
        JsonNode value = v.getValue();
        text.append('\n').append(v.getKey()).append(": ");
        text.append(value.isTextual() ? value.asText() : Json.write(value));
      }
    }
    text.append('\n').append(r.output().text());
    if (r.error() != null) {
      text.append('\n').append(r.error());
    }
    return text.toString().toLowerCase(Locale.ROOT);
  }

  /** A LIKE pattern matching text that contains {@code search}, its wildcards taken literally. */
  static String pattern(String search) {
    var p = new StringBuilder("%");
    for (char c : search.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '%' || c == '_' || c == ESCAPE) {
        p.append(ESCAPE);
      }
      p.append(c);
    }
    return p.append('%').toString();
  }
}
