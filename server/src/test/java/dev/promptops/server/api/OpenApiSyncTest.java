package dev.promptops.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.provider.MasterKey;
import dev.promptops.server.http.Route;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document describes exactly the routes the server answers, with their access.
 */
class OpenApiSyncTest {

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedRouteExists() {
    var routes = new TreeMap<String, String>();
    for (Route r :
        ApiRoutes.all(
            Services.create(
                null,
                Clock.systemUTC(),
                MasterKey.generate(),
                Map.of(),
                config -> {
                  throw new UnsupportedOperationException();
                },
                dev.promptops.core.provider.UsageSink.discard(),
                dev.promptops.core.provider.PriceTable.empty(),
                config -> {
                  throw new UnsupportedOperationException();
                },
                dev.promptops.core.eval.engine.ResponseCache.none(),
                new dev.promptops.core.audit.AuditCheckpoints(
                    dev.promptops.core.audit.AuditSigningKey.generate(), 0, Clock.systemUTC()),
                dev.promptops.core.drift.DriftSettings.DEFAULT,
                new dev.promptops.server.metrics.ServerMetrics(null),
                dev.promptops.server.ClusterSettings.from(Map.of())))) {
      String path = r.path().text().replace("+}", "}");
      routes.put(r.method() + " " + path, r.access().describe());
    }
    assertThat(documented()).isEqualTo(routes);
  }

  @Test
  void everyOperationHasASummaryAndResponses() {
    JsonNode doc = MetaRoutes.loadOpenApi();
    assertThat(doc.get("openapi").asText()).startsWith("3.1");
    doc.get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        op -> {
                          if (!op.getKey().equals("parameters")) {
                            assertThat(op.getValue().path("summary").asText())
                                .as(op.getKey() + " " + path.getKey())
                                .isNotBlank();
                            assertThat(op.getValue().path("responses").size()).isPositive();
                          }
                        }));
  }

  private static Map<String, String> documented() {
    var ops = new TreeMap<String, String>();
    JsonNode paths = MetaRoutes.loadOpenApi().get("paths");
    paths
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        op -> {
                          if (!op.getKey().equals("parameters")) {
                            ops.put(
                                op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                                op.getValue().path("x-permission").asText());
                          }
                        }));
    return ops;
  }
}
