package dev.promptops.core.eval.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.promptops.core.eval.EvalJson;
import dev.promptops.core.eval.ResultReader;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.io.Writer;

/**
 * {@code .json}: {@code {"report": {…}, "results": [{…}, …]}}, the report as {@link
 * EvalJson#report} and every result as {@link EvalJson#caseResult}, in arrival order. Streamed: one
 * result in memory at a time.
 */
public final class JsonReport implements ReportWriter {
  @Override
  public String extension() {
    return ".json";
  }

  @Override
  public void write(RunReport report, ResultReader results, Writer out) throws IOException {
    try (JsonGenerator json = Json.mapper().createGenerator(out)) {
      // the caller's writer stays open; a failed pass leaves the JSON unfinished, not "complete"
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
      json.writeStartObject();
      json.writeFieldName("report");
      json.writeTree(EvalJson.report(report));
      json.writeArrayFieldStart("results");
      Results.forEach(results, r -> json.writeTree(EvalJson.caseResult(r)));
      json.writeEndArray();
      json.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }
}
