package dev.promptops.core.eval.assertions;

import static dev.promptops.core.eval.assertions.Fixtures.a;
import static dev.promptops.core.eval.assertions.Fixtures.ctx;
import static dev.promptops.core.eval.assertions.Fixtures.embeddings;
import static dev.promptops.core.eval.assertions.Fixtures.judge;
import static dev.promptops.core.eval.assertions.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.eval.AssertionContext;
import dev.promptops.core.eval.Graders;
import dev.promptops.core.eval.Output;
import dev.promptops.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GradedAssertionsTest {
  static final Graders VECTORS =
      embeddings(
          Map.of(
              "the refund was issued", new float[] {1, 0},
              "refund issued", new float[] {0.8f, 0.6f},
              "we lost your parcel", new float[] {0, 1},
              "the weather", new float[] {-1, 0}));

  @Test
  void similarPassesAtOrAboveTheDefaultThreshold() {
    var r = run("{type: similar, value: refund issued}", ctx("the refund was issued", VECTORS));
    assertThat(r.pass()).isTrue();
    assertThat(r.score()).isCloseTo(0.8, within(1e-6));
    assertThat(r.reason()).isEqualTo("cosine similarity 0.80 >= 0.75");
    var strict =
        run(
            "{type: similar, value: refund issued, threshold: 0.9}",
            ctx("the refund was issued", VECTORS));
    assertThat(strict.pass()).isFalse();
    assertThat(strict.reason()).isEqualTo("cosine similarity 0.80 < 0.9");
  }

  @Test
  void similarToAListTakesTheBestMatch() {
    var r =
        run(
            "{type: similar, value: [we lost your parcel, refund issued]}",
            ctx("the refund was issued", VECTORS));
    assertThat(r.pass()).isTrue();
    assertThat(r.score()).isCloseTo(0.8, within(1e-6));
    assertThat(r.reason()).isEqualTo("cosine similarity 0.80 >= 0.75 (closest: \"refund issued\")");
  }

  @Test
  void notSimilarPassesOnlyWhenDissimilarToEveryValue() {
    var r =
        run(
            "{type: not-similar, value: [we lost your parcel, refund issued]}",
            ctx("the refund was issued", VECTORS));
    assertThat(r.pass()).isFalse();
    assertThat(r.score()).isCloseTo(0.2, within(1e-6));
    var ok =
        run(
            "{type: not-similar, value: we lost your parcel}",
            ctx("the refund was issued", VECTORS));
    assertThat(ok.pass()).isTrue();
    assertThat(ok.score()).isEqualTo(1.0);
  }

  @Test
  void aNegativeSimilarityScoresZero() {
    var r = run("{type: similar, value: the weather}", ctx("the refund was issued", VECTORS));
    assertThat(r.score()).isZero();
    assertThat(r.reason()).isEqualTo("cosine similarity -1.00 < 0.75");
  }

  @Test
  void similarAsksTheAssertionsProviderAndFailsOnBadVectors() {
    var asked = new ArrayList<String>();
    Graders g =
        new Graders() {
          @Override
          public float[] embed(String provider, String text) {
            asked.add(provider);
            return text.equals("x") ? new float[] {1, 2, 3} : new float[] {1, 2};
          }

          @Override
          public Judgement judge(String p, String r, String o, ObjectNode v) {
            throw new AssertionError();
          }
        };
    var r = run("{type: similar, value: x, provider: acme/embed-1}", ctx("y", g));
    assertThat(asked).containsOnly("acme/embed-1");
    assertThat(r.pass()).isFalse();
    assertThat(r.reason())
        .isEqualTo("cosine similarity not computed: the embeddings differ in length (2 and 3)");
  }

  @Test
  void graderFailuresPropagateUnchanged() {
    var spec = a("{type: similar, value: x}");
    assertThatThrownBy(() -> Assertions.evaluate(spec, ctx("y")))
        .isInstanceOf(InvalidInputException.class)
        .hasFieldOrPropertyWithValue("code", "no_embeddings_provider");
    var rubric = a("{type: llm-rubric, value: is polite}");
    assertThatThrownBy(() -> Assertions.evaluate(rubric, ctx("y")))
        .isInstanceOf(PromptOpsException.class)
        .hasFieldOrPropertyWithValue("code", "no_judge");
    var broken = embeddings(Map.of()); // throws IllegalStateException for every text
    assertThatThrownBy(() -> Assertions.evaluate(spec, ctx("y", broken)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no embedding for y");
  }

  @Test
  void llmRubricUsesTheJudgesVerdictWithoutAThreshold() {
    var r =
        run(
            "{type: llm-rubric, value: is polite}",
            ctx("Thanks!", judge(new Graders.Judgement(true, 0.9, "courteous"))));
    assertThat(r.pass()).isTrue();
    assertThat(r.score()).isEqualTo(0.9);
    assertThat(r.reason()).isEqualTo("judge: pass — courteous");
    var failed =
        run(
            "{type: llm-rubric, value: is polite}",
            ctx("Go away", judge(new Graders.Judgement(false, 0.1, " rude "))));
    assertThat(failed.pass()).isFalse();
    assertThat(failed.reason()).isEqualTo("judge: fail — rude");
  }

  @Test
  void llmRubricWithAThresholdPassesOnTheScore() {
    var g = judge(new Graders.Judgement(true, 0.6, "mostly polite"));
    var r = run("{type: llm-rubric, value: is polite, threshold: 0.8}", ctx("Hm.", g));
    assertThat(r.pass()).as("score 0.6 < 0.8, whatever the judge's pass").isFalse();
    assertThat(r.score()).isEqualTo(0.6);
    assertThat(r.reason()).isEqualTo("judge score 0.60 < 0.8 — mostly polite");
    var n = run("{type: not-llm-rubric, value: is polite, threshold: 0.8}", ctx("Hm.", g));
    assertThat(n.pass()).isTrue();
    assertThat(n.score()).isCloseTo(0.4, within(1e-12));
  }

  @Test
  void theJudgeGetsTheSubstitutedRubricTheOutputAndTheVariables() {
    var seen = new ArrayList<List<Object>>();
    Graders g =
        new Graders() {
          @Override
          public float[] embed(String p, String t) {
            throw new AssertionError();
          }

          @Override
          public Judgement judge(String provider, String rubric, String output, ObjectNode vars) {
            seen.add(List.of(String.valueOf(provider), rubric, output, vars));
            return new Judgement(true, Double.NaN, null);
          }
        };
    var vars = Fixtures.vars("{name: Ann}");
    var c = new AssertionContext(Output.text("Hi Ann"), vars, null, g);
    var r = run("{type: llm-rubric, value: 'greets {{name}} by name', provider: acme/judge}", c);
    assertThat(seen).containsExactly(List.of("acme/judge", "greets Ann by name", "Hi Ann", vars));
    assertThat(r.score()).as("a NaN score counts as 0").isZero();
    assertThat(r.reason()).isEqualTo("judge: pass — no reason given");
  }

  @Test
  void aRubricObjectIsSentAsJson() {
    var rubrics = new ArrayList<String>();
    Graders g =
        new Graders() {
          @Override
          public float[] embed(String p, String t) {
            throw new AssertionError();
          }

          @Override
          public Judgement judge(String provider, String rubric, String output, ObjectNode vars) {
            rubrics.add(rubric);
            return new Judgement(false, 0, "no");
          }
        };
    run(
        "{type: llm-rubric, value: {criteria: polite}}",
        new AssertionContext(Output.text("x"), Json.object(), null, g));
    assertThat(rubrics).containsExactly("{\"criteria\":\"polite\"}");
  }
}
