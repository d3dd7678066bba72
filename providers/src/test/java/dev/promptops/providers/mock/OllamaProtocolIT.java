package dev.promptops.providers.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ollama's /api/chat (NDJSON streaming by default) and /api/tags over HTTP. */
class OllamaProtocolIT {
  static MockLlmServer mock;
  static MockHttp http;

  @BeforeAll
  static void start() {
    mock = MockLlmServer.start();
    http = new MockHttp(mock);
  }

  @AfterAll
  static void stop() {
    mock.close();
  }

  @BeforeEach
  void reset() {
    mock.useRules(MockRules.none());
    mock.reset();
  }

  @Test
  void answersInOneBodyWhenStreamIsFalse() {
    JsonNode body =
        http.post(
                "/api/chat",
                """
                {"model": "llama3.2", "stream": false, "messages": [
                  {"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hello there"}]}""")
            .json();

    assertThat(body.get("model").asText()).isEqualTo("llama3.2");
    assertThat(body.get("created_at").asText()).isNotEmpty();
    assertThat(body.at("/message/role").asText()).isEqualTo("assistant");
    assertThat(body.at("/message/content").asText()).isEqualTo("echo: Hello there");
    assertThat(body.get("done").asBoolean()).isTrue();
    assertThat(body.get("done_reason").asText()).isEqualTo("stop");
    assertThat(body.get("prompt_eval_count").asInt()).isEqualTo(6);
    assertThat(body.get("eval_count").asInt()).isEqualTo(5);
    assertThat(body.get("total_duration").asLong()).isPositive();
  }

  @Test
  void streamsNewlineDelimitedJsonByDefault() {
    var r =
        http.post(
            "/api/chat",
            """
            {"model": "llama3.2", "messages": [{"role": "user", "content": "one two"}]}""");

    assertThat(r.header("content-type")).startsWith("application/x-ndjson");
    List<JsonNode> lines = r.lines();
    assertThat(lines).hasSize(4);
    assertThat(lines.subList(0, 3))
        .allSatisfy(l -> assertThat(l.get("done").asBoolean()).isFalse());
    var text = new StringBuilder();
    lines.forEach(l -> text.append(l.at("/message/content").asText()));
    assertThat(text).hasToString("echo: one two");
    JsonNode last = lines.getLast();
    assertThat(last.get("done").asBoolean()).isTrue();
    assertThat(last.get("done_reason").asText()).isEqualTo("stop");
    assertThat(last.get("prompt_eval_count").asInt()).isEqualTo(2);
    assertThat(last.get("eval_count").asInt()).isEqualTo(4);
  }

  @Test
  void formatJsonAndASchema() {
    JsonNode json =
        http.post(
                "/api/chat",
                """
                {"model": "llama3.2", "stream": false, "format": "json",
                 "messages": [{"role": "user", "content": "hi"}]}""")
            .json();
    assertThat(json.at("/message/content").asText()).isEqualTo("{\"echo\":\"hi\"}");

    JsonNode schema =
        http.post(
                "/api/chat",
                """
                {"model": "llama3.2", "stream": false,
                 "format": {"type": "object", "properties": {"name": {"type": "string"}}},
                 "messages": [{"role": "user", "content": "hi"}]}""")
            .json();
    assertThat(schema.at("/message/content").asText()).isEqualTo("{\"name\":\"hi\"}");
  }

  @Test
  void numPredictLimitsTheAnswer() {
    JsonNode body =
        http.post(
                "/api/chat",
                """
                {"model": "llama3.2", "stream": false, "options": {"num_predict": 2},
                 "messages": [{"role": "user", "content": "a long message"}]}""")
            .json();

    assertThat(body.at("/message/content").asText()).isEqualTo("echo: a ");
    assertThat(body.get("done_reason").asText()).isEqualTo("length");
  }

  @Test
  void listsModelsForClientsThatProbe() {
    mock.useRules(MockRules.of(MockRule.builder("m").model("mistral").reply("x").build()));

    JsonNode tags = http.get("/api/tags").json();

    assertThat(tags.get("models").findValuesAsText("name"))
        .contains("mistral:latest", "llama3.2:latest");
    assertThat(http.get("/api/version").json().get("version").asText()).isNotEmpty();
  }

  @Test
  void missingModelIsABadRequestInOllamaFormat() {
    var r = http.post("/api/chat", "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).contains("model");
  }
}
