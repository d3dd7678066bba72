package dev.promptops.providers.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replies from rules, loaded from a YAML file, over HTTP. */
class RulesIT {

  @Test
  void repliesFromARulesFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(
        file,
        """
        rules:
          - name: greeting
            match: {model: "gpt-4o*", contains: hello}
            reply: "Hello from {{model}} ({{protocol}})! You said: {{lastUserMessage}}. System: {{system}}"
          - name: order
            match: {regex: "order #\\\\d+"}
            reply: "Your order has shipped."
            json: {status: shipped, question: "{{lastUserMessage}}"}
        """);

    try (var mock = MockLlmServer.start(MockLlmConfig.defaults().withRules(MockRules.load(file)))) {
      var http = new MockHttp(mock);

      JsonNode hello =
          http.post(
                  "/v1/chat/completions",
                  """
                  {"model": "gpt-4o-mini", "messages": [
                    {"role": "system", "content": "S"}, {"role": "user", "content": "hello you"}]}""")
              .json();
      assertThat(hello.at("/choices/0/message/content").asText())
          .isEqualTo("Hello from gpt-4o-mini (openai)! You said: hello you. System: S");

      JsonNode plain =
          http.post(
                  "/api/chat",
                  """
                  {"model": "llama3.2", "stream": false,
                   "messages": [{"role": "user", "content": "where is order #42?"}]}""")
              .json();
      assertThat(plain.at("/message/content").asText()).isEqualTo("Your order has shipped.");

      JsonNode json =
          http.post(
                  "/api/chat",
                  """
                  {"model": "llama3.2", "stream": false, "format": "json",
                   "messages": [{"role": "user", "content": "where is order #42?"}]}""")
              .json();
      assertThat(json.at("/message/content").asText())
          .isEqualTo("{\"status\":\"shipped\",\"question\":\"where is order #42?\"}");

      JsonNode other =
          http.post(
                  "/v1/chat/completions",
                  "{\"model\": \"gpt-3.5\", \"messages\": [{\"role\": \"user\", \"content\": \"hello\"}]}")
              .json();
      assertThat(other.at("/choices/0/message/content").asText()).isEqualTo("echo: hello");

      assertThat(mock.requests().all())
          .extracting(RecordedRequest::rule)
          .containsExactly("greeting", "order", "order", null);
    }
  }

  @Test
  void aJsonOnlyRuleAnswersJsonText() {
    var rules =
        MockRules.of(
            MockRule.builder("json")
                .json(dev.promptops.core.json.Json.object().put("ok", true))
                .build());
    try (var mock = MockLlmServer.start(MockLlmConfig.defaults().withRules(rules))) {
      JsonNode r =
          new MockHttp(mock)
              .post(
                  "/v1/messages",
                  """
                  {"model": "c", "max_tokens": 10, "messages": [{"role": "user", "content": "x"}]}""")
              .json();
      assertThat(r.at("/content/0/text").asText()).isEqualTo("{\"ok\":true}");
    }
  }

  @Test
  void rulesMatchTheProtocol() {
    var rules =
        MockRules.of(
            MockRule.builder("gemini-only")
                .protocol(MockProtocol.GEMINI)
                .reply("from gemini")
                .build());
    try (var mock = MockLlmServer.start(MockLlmConfig.defaults().withRules(rules))) {
      var http = new MockHttp(mock);
      JsonNode gemini =
          http.post(
                  "/v1beta/models/g:generateContent",
                  "{\"contents\": [{\"parts\": [{\"text\": \"x\"}]}]}")
              .json();
      JsonNode openai =
          http.post(
                  "/v1/chat/completions",
                  "{\"model\": \"g\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}")
              .json();

      assertThat(gemini.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("from gemini");
      assertThat(openai.at("/choices/0/message/content").asText()).isEqualTo("echo: x");
    }
  }
}
