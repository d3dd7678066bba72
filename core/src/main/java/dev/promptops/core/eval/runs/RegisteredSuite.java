package dev.promptops.core.eval.runs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * An eval suite kept by the server under a name, self-contained (registered prompts, inline cases),
 * so that the server can run it by itself: the evals a policy requires when a change request opens.
 *
 * @param digest the suite's own digest (what a run of it records)
 */
public record RegisteredSuite(
    String project,
    String name,
    ObjectNode suite,
    String digest,
    Instant updatedAt,
    String updatedBy) {
  public RegisteredSuite {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(updatedBy, "updatedBy");
  }
}
