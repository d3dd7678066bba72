package dev.promptops.core.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * An evaluation run as the server stores it: the suite it ran (as submitted, with its digest), how
 * it was asked to run, where it is, and when done its report. Runs made by a CLI elsewhere and
 * uploaded are stored the same way ({@code source} says which).
 *
 * @param id {@code ev_…}, unique across projects
 * @param suite the suite as submitted (JSON; case files inlined), so the run can be repeated
 * @param options how it was asked to run: {@code {"prompts", "baseline", "repeat", "concurrency",
 *     "noCache"}}
 * @param source {@code server} for a run the server executes, {@code upload} for results a CLI sent
 * @param report the report when the run ended (or was interrupted), else null
 * @param error why a {@link EvalStatus#FAILED} run could not run, else null
 * @param cancelRequested true once someone asked the run to stop; the worker stops at the next case
 */
public record EvalRun(
    String id,
    String project,
    String suiteName,
    String suiteDigest,
    JsonNode suite,
    JsonNode options,
    String source,
    EvalStatus status,
    String createdBy,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    RunReport report,
    String error,
    boolean cancelRequested) {

  public EvalRun {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(status, "status");
  }

  /** The gate's verdict, or null while the run has none. */
  public Boolean gatePassed() {
    return report == null ? null : report.gate().pass();
  }
}
