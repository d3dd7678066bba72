package dev.promptops.core.store;

import dev.promptops.core.eval.CaseResult;
import dev.promptops.core.eval.EvalRun;
import dev.promptops.core.eval.EvalStatus;
import dev.promptops.core.eval.RunReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Evaluation runs and their case results. Results are appended in batches as a run goes (a run may
 * hold 100 000 of them) and read back page by page, never all at once. A run's variants (prompt,
 * version, digest, provider) are indexed so runs can be listed per prompt version.
 */
public interface EvalRepository {

  void create(EvalRun run);

  Optional<EvalRun> find(String project, String id);

  /** Runs of a project matching {@code query}, newest first. */
  List<EvalRun> list(String project, EvalQuery query);

  /**
   * Runs that tested the version of {@code prompt} with {@code digest}, newest first, at most
   * {@code limit} (1..1000); {@code status} null for any.
   */
  default List<EvalRun> ofVersion(
      String project, String prompt, String digest, EvalStatus status, int limit) {
    return list(project, new EvalQuery(prompt, null, digest, status, null, limit));
  }

  /**
   * Claims the oldest queued run (or a running one whose lease has expired) for {@code worker}:
   * marks it running, sets {@code startedAt} if unset and a lease until {@code now + lease}. Two
   * workers never claim the same run.
   */
  Optional<EvalRun> claim(String worker, Instant now, Duration lease);

  /** Extends the lease of a run this worker holds; false when it holds it no more. */
  boolean renew(String id, String worker, Instant until);

  /** Appends results of a run; each gets the next sequence number of the run (from 1). */
  void appendResults(String runId, List<CaseResult> results);

  /**
   * Results of a run in sequence order after {@code afterSeq}, at most {@code limit}, optionally
   * only failing ones (not passed, or errored) and only those whose case name, variables or output
   * contain {@code search} (case-insensitive; null for all).
   */
  List<StoredResult> results(
      String runId, long afterSeq, int limit, boolean failingOnly, String search);

  /** How many results a run has stored. */
  long resultCount(String runId);

  /**
   * Ends a run: its status ({@code FINISHED}, {@code INTERRUPTED} or {@code FAILED}), report (null
   * for a failed run), error (null unless failed), the time, and the variant index from the
   * report's summaries. Releases the lease.
   */
  void finish(String id, EvalStatus status, RunReport report, String error, Instant at);

  /** Asks a run to stop; false when there is no such run or it has ended. */
  boolean requestCancel(String project, String id);

  /** A stored result and its place in the run. */
  record StoredResult(long seq, CaseResult result) {}

  /**
   * Which runs to list.
   *
   * @param prompt only runs with a variant of this prompt (null: any)
   * @param version with {@code prompt}: only runs of that version (null: any)
   * @param digest only runs of a variant with this digest (null: any)
   * @param status only runs in this state (null: any)
   * @param before only runs created before this one (the id of the last run of the page before)
   * @param limit at most this many (1..1000)
   */
  record EvalQuery(
      String prompt, Integer version, String digest, EvalStatus status, String before, int limit) {}
}
