package dev.promptops.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.promptops.core.ErrorKind;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.dotprompt.Problem;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.dotprompt.RenderedPrompt;
import dev.promptops.core.json.Json;
import dev.promptops.core.registry.Impact;
import dev.promptops.core.registry.PromptVersion;
import dev.promptops.core.registry.PushItem;
import dev.promptops.core.registry.PushResult;
import dev.promptops.core.registry.Ref;
import dev.promptops.core.registry.Rendering;
import dev.promptops.core.registry.Selector;
import dev.promptops.core.wire.Wire;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Render, impact, push warnings and the problems of a 422, against a local HTTP stub. */
class RenderAndImpactTest {
  private final StubServer stub = new StubServer();
  private final PromptOpsClient client =
      PromptOpsClient.builder(stub.url()).apiKey("po_secret").build();

  @AfterEach
  void close() {
    client.close();
    stub.close();
  }

  @Test
  void renderSendsTheDataObjectAndTheSelectorAndReadsTheAnswer() {
    ArrayNode messages = Json.array();
    messages.addObject().put("role", "user").putArray("content").addObject().put("text", "Hi Ann");
    var version =
        new PromptVersion(
            "shop",
            "support/reply",
            3,
            "sha256:ab",
            Json.object(),
            "Hi {{name}}",
            "Hi {{name}}",
            List.of(),
            "",
            Instant.EPOCH,
            "ci");
    var answer =
        new Rendering.Result(
            version,
            "version",
            new RenderedPrompt(Json.object().put("model", "openai/gpt-4o-mini"), messages));
    stub.reply(200, Json.write(Wire.rendered(answer)));

    Rendered r =
        client.render(
            "shop",
            "support/reply",
            new Selector.Version(3),
            RenderData.of(Json.object().put("name", "Ann")),
            Json.object().put("temperature", 0.1));

    assertThat(stub.last().method()).isEqualTo("POST");
    assertThat(stub.last().rawPath())
        .isEqualTo("/api/v1/projects/shop/prompts/support/reply/-/render?version=3");
    assertThat(stub.last().body())
        .isEqualTo(
            "{\"input\":{\"name\":\"Ann\"},\"context\":{},\"options\":{\"temperature\":0.1}}");
    assertThat(r.ref()).isEqualTo("support/reply@3");
    assertThat(r.digest()).isEqualTo("sha256:ab");
    assertThat(r.resolvedVia()).isEqualTo("version");
    assertThat(r.messages()).isEqualTo(messages);
    assertThat(r.metadata().path("model").asText()).isEqualTo("openai/gpt-4o-mini");
  }

  @Test
  void renderOfTheDefaultEnvironmentSendsNoSelector() {
    stub.reply(200, "{\"name\":\"hello\",\"version\":1,\"messages\":[],\"metadata\":{}}");

    client.render("shop", Ref.parse("hello"), null);

    assertThat(stub.last().rawPath()).isEqualTo("/api/v1/projects/shop/prompts/hello/-/render");
    assertThat(stub.last().body()).isEqualTo("{\"input\":{},\"context\":{}}");
  }

  @Test
  void impactRoundTripsThroughTheWire() {
    var impact =
        new Impact(
            "support/_footer",
            2,
            2,
            List.of(
                new Impact.Affected(
                    "support/reply", 1, "sha256:a1", 1, false, List.of("production"), true),
                new Impact.Affected("support/reply", 2, "sha256:a2", 2, true, List.of(), false)),
            List.of(new Impact.Change(1, 2, "--- a\n+++ b\n")));
    stub.reply(200, Json.write(Wire.impact(impact)));

    Impact read = client.impact("shop", "support/footer", 2);

    assertThat(stub.last().rawPath())
        .isEqualTo("/api/v1/projects/shop/prompts/support/footer/-/impact?version=2");
    assertThat(read).isEqualTo(impact);
  }

  @Test
  void pushResultsCarryTheirWarnings() {
    var warning =
        new Problem(
            Problem.Severity.WARNING,
            "unused_variable",
            "hello",
            0,
            0,
            "tone",
            "variable 'tone' is declared in the input schema but never used",
            "use it");
    var result = new PushResult("hello", 1, "sha256:ab", true, List.of(warning));
    var body = Json.object();
    body.putArray("results").add(Wire.pushResult(result));
    stub.reply(201, Json.write(body));

    var results = client.push("shop", List.of(new PushItem("hello", "Hi")), null);

    assertThat(results.getFirst().warnings()).containsExactly(warning);
  }

  @Test
  void theProblemsOfA422AreReachableFromTheException() {
    var problem =
        new Problem(
            Problem.Severity.ERROR,
            "missing_variable",
            "support/reply@1",
            14,
            1,
            "question",
            "missing required variable 'question'",
            "the input schema declares question: {\"type\":\"string\"}");
    var details = Json.object();
    details.putArray("problems").add(problem.toJson());
    var error = Json.object();
    error
        .putObject("error")
        .put("code", "missing_variable")
        .put("message", problem.describe())
        .put("hint", problem.hint())
        .set("details", details);
    stub.reply(422, Json.write(error));

    assertThatThrownBy(() -> client.render("shop", Ref.parse("support/reply@1"), null))
        .isInstanceOfSatisfying(
            PromptOpsException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.UNPROCESSABLE);
              assertThat(PromptOpsClient.problems(e)).containsExactly(problem);
            });
    assertThat(PromptOpsClient.problems(new PromptOpsException(ErrorKind.NOT_FOUND, "x", "m", "h")))
        .isEmpty();
  }
}
