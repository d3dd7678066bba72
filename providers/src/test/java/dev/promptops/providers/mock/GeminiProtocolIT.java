package dev.promptops.providers.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Google Gemini's generateContent and streamGenerateContent over HTTP. */
class GeminiProtocolIT {
  static MockLlmServer mock;
  static MockHttp http;
  static final String REQUEST =
      """
      {"systemInstruction": {"parts": [{"text": "Be brief."}]},
       "contents": [{"role": "user", "parts": [{"text": "Hello there"}]}]}""";

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
  void generatesContent() {
    var r =
        http.post(
            "/v1beta/models/gemini-2.5-flash:generateContent", REQUEST, "x-goog-api-key", "g-key");

    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.json();
    JsonNode candidate = body.at("/candidates/0");
    assertThat(candidate.at("/content/role").asText()).isEqualTo("model");
    assertThat(candidate.at("/content/parts/0/text").asText()).isEqualTo("echo: Hello there");
    assertThat(candidate.get("finishReason").asText()).isEqualTo("STOP");
    assertThat(candidate.get("index").asInt()).isZero();
    assertThat(body.at("/usageMetadata/promptTokenCount").asInt()).isEqualTo(6);
    assertThat(body.at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(5);
    assertThat(body.at("/usageMetadata/totalTokenCount").asInt()).isEqualTo(11);
    assertThat(body.get("modelVersion").asText()).isEqualTo("gemini-2.5-flash");
    RecordedRequest logged = mock.requests().last();
    assertThat(logged.model()).isEqualTo("gemini-2.5-flash");
    assertThat(logged.system()).isEqualTo("Be brief.");
    assertThat(logged.header("x-goog-api-key")).isEqualTo("***");
  }

  @Test
  void theKeyInTheQueryIsRedactedInTheLog() {
    http.post("/v1beta/models/gemini-2.5-flash:generateContent?key=secret-key", REQUEST);

    assertThat(mock.requests().last().query()).containsEntry("key", "***");
    assertThat(mock.requests().last().toString()).doesNotContain("secret-key");
  }

  @Test
  void streamsServerSentEvents() {
    var r = http.post("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", REQUEST);

    assertThat(r.header("content-type")).startsWith("text/event-stream");
    List<JsonNode> chunks = r.events().stream().map(MockHttp.Sse::json).toList();
    assertThat(chunks).hasSize(3);
    var text = new StringBuilder();
    chunks.forEach(c -> text.append(c.at("/candidates/0/content/parts/0/text").asText()));
    assertThat(text).hasToString("echo: Hello there");
    assertThat(chunks.get(0).at("/candidates/0").has("finishReason")).isFalse();
    JsonNode last = chunks.getLast();
    assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    assertThat(last.at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(5);
    assertThat(last.at("/usageMetadata/totalTokenCount").asInt()).isEqualTo(11);
    assertThat(mock.requests().last().stream()).isTrue();
  }

  @Test
  void streamsAJsonArrayWithoutAltSse() {
    var r = http.post("/v1beta/models/gemini-2.5-flash:streamGenerateContent", REQUEST);

    assertThat(r.header("content-type")).startsWith("application/json");
    JsonNode array = r.json();
    assertThat(array.isArray()).isTrue();
    assertThat(array).hasSize(3);
    assertThat(array.get(2).at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
  }

  @Test
  void jsonOutputWithAResponseSchema() {
    JsonNode body =
        http.post(
                "/v1beta/models/gemini-2.5-flash:generateContent",
                """
                {"contents": [{"parts": [{"text": "hi"}]}],
                 "generationConfig": {"responseMimeType": "application/json", "maxOutputTokens": 100,
                   "responseSchema": {"type": "OBJECT", "properties": {
                     "n": {"type": "INTEGER"}, "ok": {"type": "BOOLEAN"}}}}}""")
            .json();

    assertThat(body.at("/candidates/0/content/parts/0/text").asText())
        .isEqualTo("{\"n\":0,\"ok\":true}");
  }

  @Test
  void snakeCaseFieldsAndMaxTokens() {
    JsonNode body =
        http.post(
                "/v1beta/models/gemini-2.5-flash:generateContent",
                """
                {"system_instruction": {"parts": [{"text": "S"}]},
                 "contents": [{"parts": [{"text": "a long message"}]}],
                 "generation_config": {"max_output_tokens": 2}}""")
            .json();

    assertThat(body.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("echo: a ");
    assertThat(body.at("/candidates/0/finishReason").asText()).isEqualTo("MAX_TOKENS");
    assertThat(mock.requests().last().system()).isEqualTo("S");
  }

  @Test
  void badRequestsInGoogleFormat() {
    var r = http.post("/v1beta/models/gemini-2.5-flash:generateContent", "{\"contents\": []}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/code").asInt()).isEqualTo(400);
    assertThat(r.json().at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(r.json().at("/error/message").asText()).contains("contents");
  }
}
