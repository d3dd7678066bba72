package dev.promptops.core.eval.report;

import dev.promptops.core.eval.EvalJson;
import dev.promptops.core.eval.ResultReader;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.io.Writer;

/**
 * {@code .jsonl}: one {@link EvalJson#caseResult} per line, in arrival order, the same lines a
 * local run streams its results to (so {@code EvalJson.caseResult(JsonNode)} reads them back). The
 * run's totals are not in it: use {@code .json} for those.
 */
public final class JsonLinesReport implements ReportWriter {
  @Override
  public String extension() {
    return ".jsonl";
  }

  @Override
  public void write(RunReport report, ResultReader results, Writer out) throws IOException {
    Results.forEach(
        results,
        r -> {
          out.write(Json.write(EvalJson.caseResult(r)));
          out.write('\n');
        });
    out.flush();
  }
}
