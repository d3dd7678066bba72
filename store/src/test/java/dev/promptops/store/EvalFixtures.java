package dev.promptops.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.eval.AssertionResult;
import dev.promptops.core.eval.AssertionSpec;
import dev.promptops.core.eval.AssertionType;
import dev.promptops.core.eval.CaseRef;
import dev.promptops.core.eval.CaseResult;
import dev.promptops.core.eval.EvalRun;
import dev.promptops.core.eval.EvalStatus;
import dev.promptops.core.eval.GateVerdict;
import dev.promptops.core.eval.MetricSummary;
import dev.promptops.core.eval.Output;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.eval.VariantSummary;
import dev.promptops.core.json.Json;
import dev.promptops.core.provider.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Runs, reports and results for the eval contracts. */
final class EvalFixtures {
  static final String REPLY = "support/reply";

  private EvalFixtures() {}

  /** A queued server run of suite {@code support}. */
  static EvalRun queued(String id, String project, Instant createdAt) {
    return new EvalRun(
        id,
        project,
        "support",
        "sha256:5e",
        json("{\"name\":\"support\",\"threshold\":0.70,\"cases\":[{\"vars\":{\"q\":\"hi\"}}]}"),
        json("{\"prompts\":[\"support/reply@3\"],\"repeat\":1,\"noCache\":false}"),
        "server",
        EvalStatus.QUEUED,
        "ci-bot",
        createdAt,
        null,
        null,
        null,
        null,
        false);
  }

  /** A run uploaded by a CLI once it ended: finished, with its report. */
  static EvalRun uploaded(String id, String project, Instant createdAt, RunReport report) {
    return new EvalRun(
        id,
        project,
        "support",
        "sha256:5e",
        null,
        null,
        "upload",
        EvalStatus.FINISHED,
        "ci-bot",
        createdAt,
        report.startedAt(),
        report.finishedAt(),
        report,
        null,
        false);
  }

  static RunReport report(String id, VariantSummary... variants) {
    return new RunReport(
        id,
        "support",
        "sha256:5e",
        Instant.parse("2026-11-25T10:00:00Z"),
        Instant.parse("2026-11-25T10:05:00Z"),
        List.of(variants),
        new GateVerdict(false, List.of("pass rate 90.0% < 95.0%"), false),
        false,
        null);
  }

  /** A variant of {@link #REPLY} (or another prompt) with 10 cases, 9 passed. */
  static VariantSummary variant(String prompt, Integer version, String digest, boolean baseline) {
    return new VariantSummary(
        prompt + "@" + version + (baseline ? " (baseline)" : ""),
        prompt,
        version,
        digest,
        "openai/gpt-4o-mini",
        baseline,
        10,
        9,
        1,
        0.875,
        Map.of("contains", new MetricSummary("contains", 8, 6, 6)),
        new Usage(120, 40),
        new BigDecimal("0.000125"),
        410,
        980,
        2,
        baseline ? 0 : 1,
        baseline ? List.of() : List.of(new CaseRef(3, 0, "refund", 0, 1.0, "missing 'refund'")),
        List.of(new CaseRef(3, 0, "refund", 0, null, "missing 'refund'")),
        baseline ? null : prompt + "@2 (baseline)",
        baseline ? null : 0.9);
  }

  /** A result with an assertion; {@code text} is the answer. */
  static CaseResult result(int caseIndex, boolean pass, String description, String text) {
    var spec = AssertionSpec.of(AssertionType.CONTAINS, Json.mapper().valueToTree("refund"));
    return new CaseResult(
        "support/reply@3",
        caseIndex,
        caseIndex % 2,
        description,
        Json.object().put("customer", "Customer " + caseIndex).put("order", caseIndex),
        new Output(
            text, null, List.of(), 120, new BigDecimal("0.000012"), new Usage(9, 3), false, null),
        List.of(new AssertionResult(spec, pass, pass ? 1 : 0, pass ? "" : "no 'refund'")),
        pass,
        pass ? 1 : 0);
  }

  /** A case whose run failed: no answer, not passed. */
  static CaseResult errored(int caseIndex, String error) {
    return new CaseResult(
        "support/reply@3",
        caseIndex,
        0,
        null,
        Json.object(),
        Output.failed(error, 30_000),
        List.of(),
        false,
        0);
  }

  /** A small result for volume tests; every tenth fails. */
  static CaseResult small(int n) {
    ObjectNode vars = Json.object().put("n", n);
    return new CaseResult("v", n, 0, null, vars, Output.text("ok " + n), List.of(), n % 10 != 0, 1);
  }

  static JsonNode json(String text) {
    try {
      return Json.parse(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
