package dev.promptops.server.api;

import static dev.promptops.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.promptops.core.json.Json;
import dev.promptops.providers.mock.Fault;
import dev.promptops.providers.mock.MockRule;
import dev.promptops.server.TestServer.Resp;
import dev.promptops.store.TestDatabases;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Observability end to end: executions through the mock LLM server export GenAI spans to a fake
 * OTLP receiver (in the caller's trace when the request carries {@code traceparent}), and {@code
 * /metrics} counts requests, resolves, cache lookups, renders, executions and provider errors.
 */
class TelemetryIT {
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String PARENT = "00f067aa0ba902b7";

  @TempDir Path dir;
  HttpServer receiver;
  final List<JsonNode> exports = new CopyOnWriteArrayList<>();
  final List<String> contentTypes = new CopyOnWriteArrayList<>();
  LlmFixture llm;

  @BeforeEach
  void start() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/v1/traces",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
          // the headers of OTEL_EXPORTER_OTLP_HEADERS go with every export
          if (!"secret-token".equals(exchange.getRequestHeaders().getFirst("x-otlp-key"))) {
            exchange.sendResponseHeaders(401, -1);
          } else {
            exports.add(Json.parse(new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(200, -1);
          }
          exchange.close();
        });
    receiver.start();
    var env = new HashMap<String, String>();
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + receiver.getAddress().getPort());
    env.put("OTEL_EXPORTER_OTLP_HEADERS", "x-otlp-key=secret-token");
    env.put("OTEL_SERVICE_NAME", "promptops-test");
    env.put("OTEL_BSP_SCHEDULE_DELAY", "100");
    llm =
        LlmFixture.start(dir.resolve("data"), TestDatabases.sqliteDatabase(dir.resolve("db")), env);
  }

  @AfterEach
  void stop() {
    try {
      llm.close();
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void executionsAreSpansInTheCallersTraceAndMetricsCountThem() throws Exception {
    llm.deploy("hello", ExecutionIT.greeting("openai/gpt-4o-mini"));
    Resp ok =
        llm.server.call(
            "POST",
            LlmFixture.P + "/prompts/hello/-/run",
            ADMIN_KEY,
            Json.write(ExecutionIT.ANN),
            Map.of("traceparent", "00-" + TRACE + "-" + PARENT + "-01"));
    assertThat(ok.status()).as(ok.toString()).isEqualTo(200);

    llm.rules(MockRule.builder("down").fault(Fault.serverError()).build());
    Resp failed = llm.run("hello", ExecutionIT.ANN);
    assertThat(failed.status()).as(failed.toString()).isEqualTo(503);

    List<JsonNode> spans = awaitSpans(2);
    JsonNode chat =
        spans.stream()
            .filter(s -> s.path("traceId").asText().equals(TRACE))
            .findFirst()
            .orElseThrow();
    assertThat(chat.path("parentSpanId").asText()).isEqualTo(PARENT);
    assertThat(chat.path("name").asText()).isEqualTo("chat gpt-4o-mini");
    assertThat(chat.path("kind").asInt()).isEqualTo(3);
    Map<String, JsonNode> a = attributes(chat);
    assertThat(a.get("gen_ai.operation.name").path("stringValue").asText()).isEqualTo("chat");
    assertThat(a.get("gen_ai.provider.name").path("stringValue").asText()).isEqualTo("openai");
    assertThat(a.get("gen_ai.request.model").path("stringValue").asText()).isEqualTo("gpt-4o-mini");
    assertThat(a.get("gen_ai.usage.input_tokens").path("intValue").asLong()).isPositive();
    assertThat(a.get("gen_ai.response.finish_reasons").toString()).contains("stop");
    assertThat(a.get("promptops.prompt").path("stringValue").asText()).isEqualTo("hello");
    assertThat(a.get("promptops.environment").path("stringValue").asText()).isEqualTo("production");
    assertThat(a.get("promptops.prompt.digest").path("stringValue").asText()).startsWith("sha256:");
    assertThat(Long.parseLong(chat.path("endTimeUnixNano").asText()))
        .isGreaterThanOrEqualTo(Long.parseLong(chat.path("startTimeUnixNano").asText()));

    JsonNode error =
        spans.stream()
            .filter(s -> !s.path("traceId").asText().equals(TRACE))
            .findFirst()
            .orElseThrow();
    assertThat(error.path("parentSpanId").isMissingNode()).isTrue();
    assertThat(error.path("status").path("code").asInt()).isEqualTo(2);
    assertThat(attributes(error).get("error.type").path("stringValue").asText())
        .isEqualTo("server_error");

    JsonNode export = exports.getFirst();
    assertThat(contentTypes).allMatch("application/json"::equals);
    assertThat(export.at("/resourceSpans/0/resource/attributes").toString())
        .contains("\"service.name\"", "promptops-test");

    // a conditional resolve, as the SDK makes it
    String digest = chat.path("attributes").toString().replaceAll(".*(sha256:[0-9a-f]+).*", "$1");
    Resp same =
        llm.server.call(
            "GET",
            LlmFixture.P + "/prompts/hello?env=production",
            ADMIN_KEY,
            null,
            Map.of("If-None-Match", "\"" + digest + "\""));
    assertThat(same.status()).isEqualTo(304);

    // the exporter counts a batch once the receiver has answered it
    String metrics = llm.server.get("/metrics", null).text();
    for (int i = 0;
        i < 100 && !metrics.contains("promptops_spans_total{result=\"exported\"} 2");
        i++) {
      Thread.sleep(50);
      metrics = llm.server.get("/metrics", null).text();
    }
    assertThat(metrics)
        .contains(
            "promptops_execution_duration_seconds_count{provider=\"openai\",model=\"gpt-4o-mini\",outcome=\"ok\"} 1",
            "promptops_provider_errors_total{provider=\"openai\",outcome=\"server_error\"} 1",
            "promptops_resolves_total{via=\"env\",result=\"not_modified\"} 1",
            "promptops_compiled_prompt_cache_total{result=\"miss\"}",
            "promptops_compiled_prompt_cache_total{result=\"hit\"}",
            "promptops_render_duration_seconds_count 2",
            "promptops_http_requests_total{method=\"POST\",route=\"/api/v1/projects/{project}/prompts/{name+}/-/run\",status=\"200\"} 1")
        .contains("promptops_spans_total{result=\"exported\"} 2")
        .containsPattern(
            "promptops_tokens_total\\{provider=\"openai\",model=\"gpt-4o-mini\",direction=\"input\"} [1-9]")
        .containsPattern(
            "promptops_http_request_duration_seconds_count\\{method=\"POST\",route=\"/api/v1/projects/\\{project}/prompts\"} [1-9]");
  }

  private List<JsonNode> awaitSpans(int count) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      var spans = new ArrayList<JsonNode>();
      for (JsonNode e : exports) {
        for (JsonNode rs : e.path("resourceSpans")) {
          for (JsonNode ss : rs.path("scopeSpans")) {
            ss.path("spans").forEach(spans::add);
          }
        }
      }
      if (spans.size() >= count || System.nanoTime() > end) {
        assertThat(spans).hasSizeGreaterThanOrEqualTo(count);
        return spans;
      }
      Thread.sleep(50);
    }
  }

  private static Map<String, JsonNode> attributes(JsonNode span) {
    var out = new HashMap<String, JsonNode>();
    for (JsonNode a : span.path("attributes")) {
      out.put(a.path("key").asText(), a.path("value"));
    }
    return out;
  }
}
