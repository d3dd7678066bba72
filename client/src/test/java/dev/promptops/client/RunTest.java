package dev.promptops.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.ErrorKind;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.execution.RunResult;
import dev.promptops.core.json.Json;
import dev.promptops.core.registry.Ref;
import dev.promptops.core.registry.Selector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Runs, whole and streamed, against a local HTTP stub. */
class RunTest {
  static final String RESULT =
      """
      {"name":"support/reply","version":3,"digest":"sha256:ab","resolvedVia":"env:production",
       "environment":"production","provider":"anthropic","model":"claude-sonnet-4-5",
       "output":{"text":"Hello Ann","json":null,"valid":true,"errors":[]},"finishReason":"stop",
       "usage":{"inputTokens":9,"outputTokens":3,"totalTokens":12},"cost":0.000072,"latencyMs":41,
       "fallback":true,"attempts":[
         {"provider":"openai","model":"gpt-4o-mini","outcome":"server_error","status":500,"latencyMs":5},
         {"provider":"anthropic","model":"claude-sonnet-4-5","outcome":"ok","status":200,"latencyMs":30}]}
      """
          .replace("\n", "");

  private final StubServer stub = new StubServer();
  private final PromptOpsClient client =
      PromptOpsClient.builder(stub.url()).apiKey("po_secret").build();

  @AfterEach
  void close() {
    client.close();
    stub.close();
  }

  @Test
  void runPostsTheDataToTheRunActionAndReadsTheResult() {
    stub.reply(200, RESULT);

    RunResult r =
        client.run(
            "shop", Ref.parse("support/reply@3"), RenderData.of(Json.object().put("name", "Ann")));

    assertThat(stub.last().method()).isEqualTo("POST");
    assertThat(stub.last().rawPath())
        .isEqualTo("/api/v1/projects/shop/prompts/support/reply/-/run?version=3");
    assertThat(stub.last().body())
        .contains("\"input\":{\"name\":\"Ann\"}")
        .doesNotContain("stream");
    assertThat(r.text()).isEqualTo("Hello Ann");
    assertThat(r.provider()).isEqualTo("anthropic");
    assertThat(r.fellBack()).isTrue();
    assertThat(r.attempts()).extracting(a -> a.outcome()).containsExactly("server_error", "ok");
    assertThat(r.cost()).isEqualByComparingTo("0.000072");
  }

  @Test
  void aStreamedRunHandsOverEachDeltaThenReturnsTheResult() {
    stub.reply(
        200,
        ": a comment\n\nevent: delta\ndata: {\"text\":\"Hel\"}\n\n"
            + "event: delta\ndata: {\"text\":\"lo Ann\"}\n\nevent: result\ndata: "
            + RESULT);
    var deltas = new ArrayList<String>();

    RunResult r =
        client.run("shop", "support/reply", new Selector.Default(), null, null, deltas::add);

    assertThat(stub.last().body()).contains("\"stream\":true");
    assertThat(deltas).containsExactly("Hel", "lo Ann");
    assertThat(r.text()).isEqualTo("Hello Ann");
  }

  @Test
  void anErrorEventThrowsWithTheKindOfItsStatus() {
    stub.reply(
        200,
        "event: delta\ndata: {\"text\":\"x\"}\n\nevent: error\ndata: {\"error\":{\"code\":"
            + "\"provider_server_error\",\"message\":\"every model failed\",\"hint\":\"retry\"},"
            + "\"status\":503}\n\n");

    assertThatThrownBy(
            () -> client.run("shop", "a", new Selector.Default(), null, null, text -> {}))
        .isInstanceOfSatisfying(
            PromptOpsException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
              assertThat(e.code()).isEqualTo("provider_server_error");
              assertThat(e.hint()).isEqualTo("retry");
            });
  }

  @Test
  void aStreamThatEndsWithoutAResultIsAnError() {
    stub.reply(200, "event: delta\ndata: {\"text\":\"x\"}\n\n");

    assertThatThrownBy(
            () -> client.run("shop", "a", new Selector.Default(), null, null, text -> {}))
        .isInstanceOfSatisfying(
            PromptOpsException.class, e -> assertThat(e.code()).isEqualTo("stream_ended"));
  }

  @Test
  void anErrorAnswerBeforeTheStreamIsAnErrorLikeAnyOther() {
    stub.reply(
        404,
        "{\"error\":{\"code\":\"provider_not_found\",\"message\":\"no provider 'x'\",\"hint\":"
            + "\"promptops provider add x\"}}");

    assertThatThrownBy(
            () -> client.run("shop", "a", new Selector.Default(), null, null, text -> {}))
        .isInstanceOfSatisfying(
            PromptOpsException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
              assertThat(e.getMessage()).isEqualTo("no provider 'x'");
            });
  }

  @Test
  void serverEventsFollowTheEventStreamRules() {
    var got = new ArrayList<String>();
    ServerEvents.read(
        List.of(
                ":comment",
                "data: one",
                "data:two",
                "",
                "event: named",
                "id: 7",
                "data",
                "",
                "",
                "event: last",
                "data: {\"end\":true}")
            .iterator(),
        (event, data) -> got.add(event + "=" + data));

    assertThat(got).containsExactly("message=one\ntwo", "named=", "last={\"end\":true}");
  }
}
