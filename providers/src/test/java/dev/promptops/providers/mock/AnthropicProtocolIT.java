package dev.promptops.providers.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Anthropic's Messages API over HTTP: JSON, the SSE event sequence, errors. */
class AnthropicProtocolIT {
  static MockLlmServer mock;
  static MockHttp http;
  static final String[] HEADERS = {"x-api-key", "sk-ant-secret", "anthropic-version", "2023-06-01"};

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
  void answersWithAMessage() {
    var r =
        http.post(
            "/v1/messages",
            """
            {"model": "claude-sonnet-4-5", "max_tokens": 1024, "system": "Be brief.",
             "messages": [{"role": "user", "content": "Hello there"}]}""",
            HEADERS);

    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.get("id").asText()).startsWith("msg_");
    assertThat(body.get("type").asText()).isEqualTo("message");
    assertThat(body.get("role").asText()).isEqualTo("assistant");
    assertThat(body.get("model").asText()).isEqualTo("claude-sonnet-4-5");
    assertThat(body.at("/content/0/type").asText()).isEqualTo("text");
    assertThat(body.at("/content/0/text").asText()).isEqualTo("echo: Hello there");
    assertThat(body.get("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(body.get("stop_sequence").isNull()).isTrue();
    assertThat(body.at("/usage/input_tokens").asInt()).isEqualTo(6);
    assertThat(body.at("/usage/output_tokens").asInt()).isEqualTo(5);
    RecordedRequest logged = mock.requests().last();
    assertThat(logged.protocol()).isEqualTo(MockProtocol.ANTHROPIC);
    assertThat(logged.system()).isEqualTo("Be brief.");
    assertThat(logged.header("x-api-key")).isEqualTo("***");
    assertThat(logged.header("anthropic-version")).isEqualTo("2023-06-01");
  }

  @Test
  void systemAsBlocksAndContentAsBlocks() {
    var r =
        http.post(
            "/v1/messages",
            """
            {"model": "claude-x", "max_tokens": 100,
             "system": [{"type": "text", "text": "Sys"}],
             "messages": [{"role": "user", "content": [{"type": "text", "text": "block text"}]}]}""",
            HEADERS);

    assertThat(r.json().at("/content/0/text").asText()).isEqualTo("echo: block text");
    assertThat(mock.requests().last().system()).isEqualTo("Sys");
  }

  @Test
  void streamsTheStandardEventSequence() {
    var r =
        http.post(
            "/v1/messages",
            """
            {"model": "claude-x", "max_tokens": 100, "stream": true,
             "messages": [{"role": "user", "content": "one two"}]}""",
            HEADERS);

    assertThat(r.header("content-type")).startsWith("text/event-stream");
    List<MockHttp.Sse> events = r.events();
    assertThat(events)
        .extracting(MockHttp.Sse::event)
        .containsExactly(
            "message_start",
            "content_block_start",
            "ping",
            "content_block_delta",
            "content_block_delta",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop");
    assertThat(events)
        .allSatisfy(e -> assertThat(e.json().get("type").asText()).isEqualTo(e.event()));
    JsonNode start = events.get(0).json().get("message");
    assertThat(start.get("content")).isEmpty();
    assertThat(start.at("/usage/input_tokens").asInt()).isEqualTo(2);
    var text = new StringBuilder();
    events.stream()
        .filter(e -> e.event().equals("content_block_delta"))
        .forEach(
            e -> {
              assertThat(e.json().at("/delta/type").asText()).isEqualTo("text_delta");
              text.append(e.json().at("/delta/text").asText());
            });
    assertThat(text).hasToString("echo: one two");
    JsonNode delta = events.get(7).json();
    assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
    assertThat(delta.at("/usage/output_tokens").asInt()).isEqualTo(4);
  }

  @Test
  void jsonOutputFormatAndStopSequence() {
    JsonNode json =
        http.post(
                "/v1/messages",
                """
                {"model": "claude-x", "max_tokens": 100,
                 "output_format": {"type": "json_schema", "schema": {"type": "object",
                   "properties": {"city": {"type": "string"}}}},
                 "messages": [{"role": "user", "content": "Paris"}]}""",
                HEADERS)
            .json();
    assertThat(json.at("/content/0/text").asText()).isEqualTo("{\"city\":\"Paris\"}");

    JsonNode stopped =
        http.post(
                "/v1/messages",
                """
                {"model": "claude-x", "max_tokens": 100, "stop_sequences": ["END"],
                 "messages": [{"role": "user", "content": "a END b"}]}""",
                HEADERS)
            .json();
    assertThat(stopped.at("/content/0/text").asText()).isEqualTo("echo: a ");
    assertThat(stopped.get("stop_reason").asText()).isEqualTo("stop_sequence");
    assertThat(stopped.get("stop_sequence").asText()).isEqualTo("END");
  }

  @Test
  void maxTokensIsRequiredAsTheRealApiSays() {
    var r =
        http.post(
            "/v1/messages",
            "{\"model\": \"claude-x\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}",
            HEADERS);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("type").asText()).isEqualTo("error");
    assertThat(r.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(r.json().at("/error/message").asText()).contains("max_tokens");
  }

  @Test
  void aSystemRoleInMessagesIsRefused() {
    var r =
        http.post(
            "/v1/messages",
            """
            {"model": "claude-x", "max_tokens": 10,
             "messages": [{"role": "system", "content": "no"}, {"role": "user", "content": "hi"}]}""",
            HEADERS);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/message").asText()).contains("top-level 'system'");
  }
}
