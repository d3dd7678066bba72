package dev.promptops.core.eval.assertions;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.eval.AssertionContext;
import dev.promptops.core.eval.AssertionResult;
import dev.promptops.core.eval.AssertionSpec;
import dev.promptops.core.eval.EvalJson;
import dev.promptops.core.eval.Graders;
import dev.promptops.core.eval.Output;
import dev.promptops.core.json.Json;
import java.io.UncheckedIOException;
import org.assertj.core.api.AbstractThrowableAssert;

/** Assertions written as suites write them (flow YAML), outputs and contexts for tests. */
final class Fixtures {
  private Fixtures() {}

  /** {@code a("{type: not-contains, value: sorry}")}. */
  static AssertionSpec a(String yaml) {
    return EvalJson.assertion(yaml(yaml));
  }

  static JsonNode yaml(String yaml) {
    try {
      return Json.yaml().readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode vars(String yaml) {
    return (ObjectNode) yaml(yaml);
  }

  static AssertionContext ctx(String output) {
    return ctx(Output.text(output));
  }

  static AssertionContext ctx(Output output) {
    return new AssertionContext(output, Json.object(), null, null);
  }

  static AssertionContext ctx(String output, ObjectNode vars) {
    return new AssertionContext(Output.text(output), vars, null, null);
  }

  static AssertionContext ctx(String output, Graders graders) {
    return new AssertionContext(Output.text(output), Json.object(), null, graders);
  }

  /** Checks the spec (as a suite load does), then evaluates it. */
  static AssertionResult run(String assertion, String output) {
    return run(assertion, ctx(output));
  }

  static AssertionResult run(String assertion, AssertionContext ctx) {
    AssertionSpec spec = a(assertion);
    Assertions.check(spec);
    return Assertions.evaluate(spec, ctx);
  }

  /** The check error of an assertion, asserted to be {@code invalid_assertion}. */
  static AbstractThrowableAssert<?, ? extends Throwable> checkError(String assertion) {
    return assertThatThrownBy(() -> Assertions.check(a(assertion)))
        .isInstanceOf(InvalidInputException.class)
        .hasFieldOrPropertyWithValue("code", "invalid_assertion");
  }

  /** Embeddings from a table: each text's vector, or a failure for unknown texts. */
  static Graders embeddings(java.util.Map<String, float[]> vectors) {
    return new Graders() {
      @Override
      public float[] embed(String provider, String text) {
        float[] v = vectors.get(text);
        if (v == null) {
          throw new IllegalStateException("no embedding for " + text);
        }
        return v;
      }

      @Override
      public Judgement judge(String provider, String rubric, String output, ObjectNode vars) {
        throw new AssertionError("no judge expected");
      }
    };
  }

  /** A judge that always answers {@code answer}. */
  static Graders judge(Graders.Judgement answer) {
    return new Graders() {
      @Override
      public float[] embed(String provider, String text) {
        throw new AssertionError("no embeddings expected");
      }

      @Override
      public Judgement judge(String provider, String rubric, String output, ObjectNode vars) {
        return answer;
      }
    };
  }
}
