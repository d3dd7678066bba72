package dev.promptops.core.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.json.Json;
import dev.promptops.core.provider.Usage;
import dev.promptops.core.wire.Wire;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of evaluation results, one format everywhere: the JSON Lines file a local run streams
 * its results to, the JSON report, the server's API. Readers accept what the writers write.
 */
public final class EvalJson {
  private EvalJson() {}

  public static ObjectNode assertion(AssertionSpec a) {
    ObjectNode n = Json.object();
    n.put("type", a.displayType());
    if (a.value() != null) {
      n.set("value", a.value());
    }
    if (a.threshold() != null) {
      n.put("threshold", a.threshold());
    }
    if (a.weight() != 1) {
      n.put("weight", a.weight());
    }
    if (a.metric() != null) {
      n.put("metric", a.metric());
    }
    if (a.provider() != null) {
      n.put("provider", a.provider());
    }
    return n;
  }

  public static AssertionSpec assertion(JsonNode n) {
    String written = n.path("type").asText("");
    boolean negated = written.startsWith("not-");
    String name = negated ? written.substring(4) : written;
    AssertionType type =
        AssertionType.byName(name)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "unknown_assertion",
                        "unknown assertion type '" + written + "'",
                        "use one of " + String.join(", ", AssertionType.names())));
    return new AssertionSpec(
        type,
        negated,
        n.get("value"),
        n.hasNonNull("threshold") ? n.get("threshold").asDouble() : null,
        n.path("weight").asDouble(1),
        n.hasNonNull("metric") ? n.get("metric").asText() : null,
        n.hasNonNull("provider") ? n.get("provider").asText() : null);
  }

  public static ObjectNode output(Output o) {
    ObjectNode n = Json.object();
    n.put("text", o.text());
    if (o.json() != null) {
      n.set("json", o.json());
    }
    if (!o.outputErrors().isEmpty()) {
      n.set("outputErrors", strings(o.outputErrors()));
    }
    n.put("latencyMs", o.latencyMillis());
    if (o.cost() != null) {
      n.put("cost", o.cost());
    }
    n.put("inputTokens", o.usage().inputTokens());
    n.put("outputTokens", o.usage().outputTokens());
    if (o.cached()) {
      n.put("cached", true);
    }
    if (o.error() != null) {
      n.put("error", o.error());
    }
    return n;
  }

  public static Output output(JsonNode n) {
    return new Output(
        n.path("text").asText(""),
        n.hasNonNull("json") ? n.get("json") : null,
        stringList(n.path("outputErrors")),
        n.path("latencyMs").asLong(),
        n.hasNonNull("cost") ? n.get("cost").decimalValue() : null,
        new Usage(n.path("inputTokens").asLong(), n.path("outputTokens").asLong()),
        n.path("cached").asBoolean(false),
        n.hasNonNull("error") ? n.get("error").asText() : null);
  }

  public static ObjectNode result(AssertionResult r) {
    ObjectNode n = assertion(r.spec());
    n.put("pass", r.pass());
    n.put("score", r.score());
    n.put("reason", r.reason());
    return n;
  }

  public static AssertionResult result(JsonNode n) {
    return new AssertionResult(
        assertion(n), n.path("pass").asBoolean(), n.path("score").asDouble(), text(n, "reason"));
  }

  /** One line of a results file. */
  public static ObjectNode caseResult(CaseResult r) {
    ObjectNode n = Json.object();
    n.put("variant", r.variant());
    n.put("case", r.caseIndex());
    n.put("repeat", r.repeat());
    if (r.description() != null) {
      n.put("description", r.description());
    }
    n.set("vars", r.vars());
    n.put("pass", r.pass());
    n.put("score", r.score());
    n.set("output", output(r.output()));
    n.set("assertions", Wire.array(r.assertions(), EvalJson::result));
    return n;
  }

  public static CaseResult caseResult(JsonNode n) {
    return new CaseResult(
        text(n, "variant"),
        n.path("case").asInt(),
        n.path("repeat").asInt(),
        n.hasNonNull("description") ? n.get("description").asText() : null,
        n.get("vars") instanceof ObjectNode v ? v : Json.object(),
        output(n.path("output")),
        Wire.list(n.path("assertions"), EvalJson::result),
        n.path("pass").asBoolean(),
        n.path("score").asDouble());
  }

  public static ObjectNode gate(Gate g) {
    ObjectNode n = Json.object();
    putNullable(n, "minPassRate", g.minPassRate());
    putNullable(n, "minMeanScore", g.minMeanScore());
    ObjectNode metrics = n.putObject("minMetricPassRate");
    g.minMetricPassRate().forEach(metrics::put);
    if (g.maxRegressions() == null) {
      n.putNull("maxRegressions");
    } else {
      n.put("maxRegressions", g.maxRegressions());
    }
    if (g.maxErrors() == null) {
      n.putNull("maxErrors");
    } else {
      n.put("maxErrors", g.maxErrors());
    }
    return n;
  }

  public static ObjectNode verdict(GateVerdict v) {
    ObjectNode n = Json.object();
    n.put("pass", v.pass());
    n.set("reasons", strings(v.reasons()));
    n.put("infrastructure", v.infrastructure());
    return n;
  }

  public static GateVerdict verdict(JsonNode n) {
    return new GateVerdict(
        n.path("pass").asBoolean(),
        stringList(n.path("reasons")),
        n.path("infrastructure").asBoolean());
  }

  public static ObjectNode caseRef(CaseRef c) {
    ObjectNode n = Json.object();
    n.put("case", c.caseIndex());
    n.put("repeat", c.repeat());
    n.put("name", c.name());
    n.put("score", c.score());
    putNullable(n, "baselineScore", c.baselineScore());
    n.put("reason", c.reason());
    return n;
  }

  public static CaseRef caseRef(JsonNode n) {
    return new CaseRef(
        n.path("case").asInt(),
        n.path("repeat").asInt(),
        text(n, "name"),
        n.path("score").asDouble(),
        n.hasNonNull("baselineScore") ? n.get("baselineScore").asDouble() : null,
        text(n, "reason"));
  }

  public static ObjectNode summary(VariantSummary s) {
    ObjectNode n = Json.object();
    n.put("variant", s.variant());
    n.put("prompt", s.prompt());
    if (s.version() == null) {
      n.putNull("version");
    } else {
      n.put("version", s.version());
    }
    n.put("digest", s.digest());
    n.put("provider", s.provider());
    n.put("baseline", s.baseline());
    n.put("cases", s.cases());
    n.put("passed", s.passed());
    n.put("failed", s.failed());
    n.put("errors", s.errors());
    n.put("passRate", s.passRate());
    n.put("meanScore", s.meanScore());
    ObjectNode metrics = n.putObject("metrics");
    s.metrics()
        .forEach(
            (k, m) ->
                metrics
                    .putObject(k)
                    .put("total", m.total())
                    .put("passed", m.passed())
                    .put("passRate", m.passRate())
                    .put("meanScore", m.meanScore()));
    n.put("inputTokens", s.usage().inputTokens());
    n.put("outputTokens", s.usage().outputTokens());
    if (s.cost() == null) {
      n.putNull("cost");
    } else {
      n.put("cost", s.cost());
    }
    n.put("latencyP50Ms", s.latencyP50Millis());
    n.put("latencyP95Ms", s.latencyP95Millis());
    n.put("cachedCases", s.cachedCases());
    n.put("regressionCount", s.regressionCount());
    n.set("regressions", Wire.array(s.regressions(), EvalJson::caseRef));
    n.set("worst", Wire.array(s.worst(), EvalJson::caseRef));
    if (s.baselineVariant() == null) {
      n.putNull("baselineVariant");
    } else {
      n.put("baselineVariant", s.baselineVariant());
    }
    putNullable(n, "baselineMeanScore", s.baselineMeanScore());
    return n;
  }

  public static VariantSummary summary(JsonNode n) {
    Map<String, MetricSummary> metrics = new LinkedHashMap<>();
    for (var e : n.path("metrics").properties()) {
      JsonNode m = e.getValue();
      long total = m.path("total").asLong();
      metrics.put(
          e.getKey(),
          new MetricSummary(
              e.getKey(),
              total,
              m.path("passed").asLong(),
              m.path("meanScore").asDouble() * total));
    }
    return new VariantSummary(
        text(n, "variant"),
        text(n, "prompt"),
        n.hasNonNull("version") ? n.get("version").asInt() : null,
        text(n, "digest"),
        text(n, "provider"),
        n.path("baseline").asBoolean(),
        n.path("cases").asLong(),
        n.path("passed").asLong(),
        n.path("errors").asLong(),
        n.path("meanScore").asDouble(),
        metrics,
        new Usage(n.path("inputTokens").asLong(), n.path("outputTokens").asLong()),
        n.hasNonNull("cost") ? n.get("cost").decimalValue() : null,
        n.path("latencyP50Ms").asLong(),
        n.path("latencyP95Ms").asLong(),
        n.path("cachedCases").asLong(),
        n.path("regressionCount").asLong(),
        Wire.list(n.path("regressions"), EvalJson::caseRef),
        Wire.list(n.path("worst"), EvalJson::caseRef),
        n.hasNonNull("baselineVariant") ? n.get("baselineVariant").asText() : null,
        n.hasNonNull("baselineMeanScore") ? n.get("baselineMeanScore").asDouble() : null);
  }

  public static ObjectNode report(RunReport r) {
    ObjectNode n = Json.object();
    n.put("id", r.id());
    n.put("suite", r.suite());
    n.put("suiteDigest", r.suiteDigest());
    n.put("startedAt", r.startedAt().toString());
    if (r.finishedAt() == null) {
      n.putNull("finishedAt");
    } else {
      n.put("finishedAt", r.finishedAt().toString());
    }
    n.set("gate", verdict(r.gate()));
    n.put("interrupted", r.interrupted());
    if (r.resumeHint() != null) {
      n.put("resumeHint", r.resumeHint());
    }
    n.set("variants", Wire.array(r.variants(), EvalJson::summary));
    return n;
  }

  public static RunReport report(JsonNode n) {
    return new RunReport(
        text(n, "id"),
        text(n, "suite"),
        text(n, "suiteDigest"),
        Instant.parse(n.path("startedAt").asText()),
        n.hasNonNull("finishedAt") ? Instant.parse(n.get("finishedAt").asText()) : null,
        Wire.list(n.path("variants"), EvalJson::summary),
        verdict(n.path("gate")),
        n.path("interrupted").asBoolean(),
        n.hasNonNull("resumeHint") ? n.get("resumeHint").asText() : null);
  }

  /** A stored run as the API shows it (the suite itself only with {@code withSuite}). */
  public static ObjectNode run(EvalRun r, boolean withSuite) {
    ObjectNode n = Json.object();
    n.put("id", r.id());
    n.put("project", r.project());
    n.put("suite", r.suiteName());
    n.put("suiteDigest", r.suiteDigest());
    n.put("source", r.source());
    n.put("status", r.status().wireName());
    n.put("createdBy", r.createdBy());
    n.put("createdAt", r.createdAt().toString());
    n.put("startedAt", r.startedAt() == null ? null : r.startedAt().toString());
    n.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
    n.put("cancelRequested", r.cancelRequested());
    if (r.gatePassed() == null) {
      n.putNull("gatePassed");
    } else {
      n.put("gatePassed", r.gatePassed());
    }
    n.put("error", r.error());
    n.set("options", r.options() == null ? Json.object() : r.options());
    if (withSuite) {
      n.set("suiteSource", r.suite());
    }
    if (r.report() == null) {
      n.putNull("report");
    } else {
      n.set("report", report(r.report()));
    }
    return n;
  }

  public static EvalRun run(JsonNode n) {
    return new EvalRun(
        text(n, "id"),
        text(n, "project"),
        text(n, "suite"),
        text(n, "suiteDigest"),
        n.path("suiteSource"),
        n.path("options"),
        text(n, "source"),
        EvalStatus.of(n.path("status").asText("queued")),
        text(n, "createdBy"),
        instant(n, "createdAt"),
        instant(n, "startedAt"),
        instant(n, "finishedAt"),
        n.hasNonNull("report") ? report(n.get("report")) : null,
        n.hasNonNull("error") ? n.get("error").asText() : null,
        n.path("cancelRequested").asBoolean());
  }

  private static Instant instant(JsonNode n, String field) {
    return n.hasNonNull(field) ? Instant.parse(n.get(field).asText()) : null;
  }

  private static void putNullable(ObjectNode n, String field, Double value) {
    if (value == null) {
      n.putNull(field);
    } else {
      n.put(field, value);
    }
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode a = Json.array();
    values.forEach(a::add);
    return a;
  }

  private static List<String> stringList(JsonNode a) {
    var out = new ArrayList<String>();
    a.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static String text(JsonNode n, String field) {
    return n.path(field).asText("");
  }
}
