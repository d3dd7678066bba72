package dev.promptops.core.eval.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.json.Json;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelGradersTest {
  @TempDir Path dir;

  @Test
  void theJudgeGetsTheRubricAndTheOutputAsDataAndItsVerdictIsRead() {
    var models =
        new FakeModels(
            r -> "```json\n{\"pass\": false, \"score\": 0.3, \"reason\": \"rude\"}\n```");
    var graders = new ModelGraders("p", models.calls, null, "openai/gpt-4o-mini", null, null, null);

    var j = graders.judge(null, "is polite", "{{go away}}", Json.object().put("customer", "Ann"));

    assertThat(j.pass()).isFalse();
    assertThat(j.score()).isEqualTo(0.3);
    assertThat(j.reason()).isEqualTo("rude");
    var request = models.requests.getFirst();
    assertThat(request.model().toString()).isEqualTo("openai/gpt-4o-mini");
    assertThat(request.config().json()).isTrue();
    assertThat(request.config().temperature()).isZero();
    String user = FakeModels.lastUser(request);
    assertThat(user).contains("is polite").contains("{{go away}}").contains("\"customer\":\"Ann\"");
  }

  @Test
  void anAssertionsOwnJudgeWinsAndAnswersAreCached() {
    var calls = new AtomicInteger();
    var models =
        new FakeModels(
            r -> {
              calls.incrementAndGet();
              return "{\"pass\": true, \"score\": 1, \"reason\": \"ok\"}";
            });
    var cache = new FileResponseCache(dir);
    var graders = new ModelGraders("p", models.calls, null, "openai/a", null, null, cache);

    graders.judge("anthropic/b", "r", "o", Json.object());
    graders.judge("anthropic/b", "r", "o", Json.object());

    assertThat(models.requests.getFirst().model().toString()).isEqualTo("anthropic/b");
    assertThat(calls.get()).isOne();
  }

  @Test
  void aJudgeThatAnswersNoVerdictIsAnError() {
    var graders =
        new ModelGraders(
            "p",
            new FakeModels(r -> "I think it is fine").calls,
            null,
            "openai/a",
            null,
            null,
            null);

    assertThatThrownBy(() -> graders.judge(null, "r", "o", Json.object()))
        .isInstanceOf(PromptOpsException.class)
        .hasMessageContaining("did not answer with {\"pass\"")
        .hasMessageContaining("I think it is fine");
  }

  @Test
  void withoutAJudgeOrEmbeddingsTheErrorSaysHowToConfigureOne() {
    var graders =
        new ModelGraders("p", new FakeModels(r -> "").calls, null, null, null, null, null);

    assertThatThrownBy(() -> graders.judge(null, "r", "o", Json.object()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("needs a judge model");
    assertThatThrownBy(() -> graders.embed(null, "x"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("embeddings provider");
  }

  @Test
  void eachTextIsEmbeddedOncePerRun() {
    var calls = new AtomicInteger();
    var graders =
        new ModelGraders(
            "p",
            new FakeModels(r -> "").calls,
            null,
            null,
            "openai/text-embedding-3-small",
            (model, text) -> {
              calls.incrementAndGet();
              return new float[] {text.length(), 1};
            },
            null);

    graders.embed(null, "abc");
    float[] again = graders.embed(null, "abc");
    graders.embed("ollama/nomic", "abc");

    assertThat(again).containsExactly(3f, 1f);
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void theBuiltInGraderHasAStableDigest() {
    assertThat(ModelGraders.builtInDigest())
        .startsWith("sha256:")
        .isEqualTo(ModelGraders.builtInDigest());
    assertThat(ModelGraders.builtInGrader().metadata(null).path("output").path("format").asText())
        .isEqualTo("json");
  }
}
