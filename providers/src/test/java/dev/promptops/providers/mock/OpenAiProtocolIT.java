package dev.promptops.providers.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OpenAI's chat completions and embeddings, and Azure's paths, over HTTP. */
class OpenAiProtocolIT {
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

  static String chat(String model, String user) {
    return """
        {"model": "%s", "messages": [
          {"role": "system", "content": "Be brief."},
          {"role": "user", "content": "%s"}]}"""
        .formatted(model, user);
  }

  @Test
  void answersTheDefaultEcho() {
    var r =
        http.post(
            "/v1/chat/completions",
            chat("gpt-4o-mini", "Hello there"),
            "Authorization",
            "Bearer sk-1");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("content-type")).startsWith("application/json");
    JsonNode body = r.json();
    assertThat(body.get("id").asText()).startsWith("chatcmpl-");
    assertThat(body.get("object").asText()).isEqualTo("chat.completion");
    assertThat(body.get("created").asLong()).isPositive();
    assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
    JsonNode choice = body.get("choices").get(0);
    assertThat(choice.get("index").asInt()).isZero();
    assertThat(choice.at("/message/role").asText()).isEqualTo("assistant");
    assertThat(choice.at("/message/content").asText()).isEqualTo("echo: Hello there");
    assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
    // "Be brief." = 9 chars = 3 tokens, "Hello there" = 11 chars = 3 tokens
    assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(6);
    assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(5);
    assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(11);
  }

  @Test
  void streamsChunksThenUsageThenDone() {
    String request =
        """
        {"model": "gpt-4o-mini", "stream": true, "stream_options": {"include_usage": true},
         "messages": [{"role": "user", "content": [{"type": "text", "text": "one two three"}]}]}""";

    var r = http.post("/v1/chat/completions", request);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("content-type")).startsWith("text/event-stream");
    List<MockHttp.Sse> events = r.events();
    assertThat(events.getLast().data()).isEqualTo("[DONE]");
    List<JsonNode> chunks =
        events.subList(0, events.size() - 1).stream().map(MockHttp.Sse::json).toList();
    assertThat(chunks)
        .allSatisfy(c -> assertThat(c.get("object").asText()).isEqualTo("chat.completion.chunk"));
    assertThat(chunks.getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    var text = new StringBuilder();
    chunks.forEach(c -> text.append(c.at("/choices/0/delta/content").asText("")));
    assertThat(text).hasToString("echo: one two three");
    JsonNode finish = chunks.get(chunks.size() - 2);
    assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(finish.get("usage").isNull()).isTrue();
    JsonNode usage = chunks.getLast();
    assertThat(usage.get("choices")).isEmpty();
    assertThat(usage.at("/usage/prompt_tokens").asInt()).isEqualTo(4);
    assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(5);
    assertThat(mock.requests().last().stream()).isTrue();
  }

  @Test
  void streamsWithoutUsageUnlessAsked() {
    var r =
        http.post(
            "/v1/chat/completions",
            """
            {"model": "m", "stream": true, "messages": [{"role": "user", "content": "hi"}]}""");

    List<MockHttp.Sse> events = r.events();
    assertThat(events.getLast().data()).isEqualTo("[DONE]");
    JsonNode last = events.get(events.size() - 2).json();
    assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(last.has("usage")).isFalse();
  }

  @Test
  void jsonObjectAndJsonSchemaOutput() {
    JsonNode plain =
        http.post(
                "/v1/chat/completions",
                """
                {"model": "m", "response_format": {"type": "json_object"},
                 "messages": [{"role": "user", "content": "hi"}]}""")
            .json();
    assertThat(plain.at("/choices/0/message/content").asText()).isEqualTo("{\"echo\":\"hi\"}");

    JsonNode schema =
        http.post(
                "/v1/chat/completions",
                """
                {"model": "m", "messages": [{"role": "user", "content": "hi"}],
                 "response_format": {"type": "json_schema", "json_schema": {"name": "x", "strict": true,
                   "schema": {"type": "object", "properties": {
                     "answer": {"type": "string"}, "score": {"type": "integer", "minimum": 1},
                     "tags": {"type": "array", "items": {"enum": ["a", "b"]}}},
                   "required": ["answer", "score", "tags"], "additionalProperties": false}}}}""")
            .json();
    assertThat(schema.at("/choices/0/message/content").asText())
        .isEqualTo("{\"answer\":\"hi\",\"score\":1,\"tags\":[\"a\"]}");
  }

  @Test
  void embeddingsAreDeterministicNormalisedVectors() {
    JsonNode one =
        http.post(
                "/v1/embeddings",
                "{\"model\": \"text-embedding-3-small\", \"input\": \"hello world\"}")
            .json();
    JsonNode two =
        http.post(
                "/v1/embeddings",
                "{\"model\": \"text-embedding-3-small\", \"input\": [\"hello world\", \"other\"],"
                    + " \"dimensions\": 8}")
            .json();

    assertThat(one.get("object").asText()).isEqualTo("list");
    assertThat(one.at("/data/0/object").asText()).isEqualTo("embedding");
    JsonNode vector = one.at("/data/0/embedding");
    assertThat(vector).hasSize(MockLlmConfig.DEFAULT_EMBEDDING_DIMENSIONS);
    double norm = 0;
    for (JsonNode x : vector) {
      norm += x.asDouble() * x.asDouble();
    }
    assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(one.at("/usage/prompt_tokens").asInt()).isEqualTo(3);
    assertThat(two.get("data")).hasSize(2);
    assertThat(two.at("/data/1/index").asInt()).isEqualTo(1);
    assertThat(two.at("/data/0/embedding")).hasSize(8);
    JsonNode again =
        http.post(
                "/v1/embeddings",
                "{\"model\": \"e\", \"input\": \"hello world\", \"dimensions\": 8}")
            .json();
    assertThat(again.at("/data/0/embedding")).isEqualTo(two.at("/data/0/embedding"));
  }

  @Test
  void embeddingsInBase64() {
    JsonNode r =
        http.post(
                "/v1/embeddings",
                "{\"model\": \"e\", \"input\": \"hi\", \"dimensions\": 4, \"encoding_format\": \"base64\"}")
            .json();
    byte[] bytes = java.util.Base64.getDecoder().decode(r.at("/data/0/embedding").asText());
    assertThat(bytes).hasSize(16);
  }

  @Test
  void azureTakesTheModelFromTheDeployment() {
    var r =
        http.post(
            "/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21",
            "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}",
            "api-key",
            "azure-secret");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("model").asText()).isEqualTo("my-gpt");
    RecordedRequest logged = mock.requests().last();
    assertThat(logged.protocol()).isEqualTo(MockProtocol.AZURE_OPENAI);
    assertThat(logged.model()).isEqualTo("my-gpt");
    assertThat(logged.header("api-key")).isEqualTo("***");
    assertThat(logged.query()).containsEntry("api-version", "2024-10-21");
  }

  @Test
  void azureWithoutApiVersionIsABadRequest() {
    var r =
        http.post(
            "/openai/deployments/my-gpt/chat/completions",
            "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/message").asText()).contains("api-version");
  }

  @Test
  void malformedRequestsGetFourHundredInOpenAiFormat() {
    var badJson = http.post("/v1/chat/completions", "{\"model\": ");
    var noModel =
        http.post(
            "/v1/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}");
    var noMessages = http.post("/v1/chat/completions", "{\"model\": \"m\"}");

    for (var r : List.of(badJson, noModel, noMessages)) {
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
      assertThat(r.json().at("/error").has("code")).isTrue();
    }
    assertThat(badJson.json().at("/error/message").asText()).contains("not valid JSON");
    assertThat(noModel.json().at("/error/message").asText()).contains("model");
    assertThat(noMessages.json().at("/error/message").asText()).contains("messages");
    assertThat(mock.requests().all()).extracting(RecordedRequest::status).containsOnly(400);
  }

  @Test
  void honoursMaxTokensAndStopSequences() {
    JsonNode cut =
        http.post(
                "/v1/chat/completions",
                """
                {"model": "m", "max_tokens": 2, "messages": [{"role": "user", "content": "a long message"}]}""")
            .json();
    assertThat(cut.at("/choices/0/message/content").asText()).isEqualTo("echo: a ");
    assertThat(cut.at("/choices/0/finish_reason").asText()).isEqualTo("length");

    JsonNode stopped =
        http.post(
                "/v1/chat/completions",
                """
                {"model": "m", "stop": ["STOP"], "messages": [{"role": "user", "content": "go STOP here"}]}""")
            .json();
    assertThat(stopped.at("/choices/0/message/content").asText()).isEqualTo("echo: go ");
    assertThat(stopped.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
  }

  @Test
  void listsModels() {
    mock.useRules(MockRules.of(MockRule.builder("x").model("my-model").reply("hi").build()));
    JsonNode r = http.get("/v1/models").json();
    assertThat(r.get("object").asText()).isEqualTo("list");
    assertThat(r.get("data").findValuesAsText("id")).contains("my-model", "gpt-4o-mini");
  }

  @Test
  void unknownPathsAndMethods() {
    assertThat(http.post("/v1/completions", "{}").status()).isEqualTo(404);
    var wrongMethod = http.get("/v1/chat/completions");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.header("allow")).isEqualTo("POST");
    assertThat(Json.write(http.post("/nope", "{}").json())).contains("/v1/chat/completions");
  }
}
