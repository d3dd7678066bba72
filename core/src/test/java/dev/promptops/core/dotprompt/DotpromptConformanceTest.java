package dev.promptops.core.dotprompt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.CanonicalJson;
import dev.promptops.core.json.Json;
import dev.promptops.core.prompt.PromptFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Dotprompt conformance suite (src/test/resources/dotprompt-spec), run the way the reference
 * JavaScript runner runs it: render each case and compare the whole result (messages and metadata,
 * without {@code raw}) by deep equality, compare {@code raw} when the case gives it, and compare
 * the metadata alone again. Every case in every file runs; none is skipped.
 */
class DotpromptConformanceTest {
  /** Cases in the suite as copied; a smaller count means cases were lost. */
  static final int EXPECTED_CASES = 117;

  record Case(String file, String suite, String desc, JsonNode suiteNode, JsonNode test) {
    String name() {
      return file + " > " + suite + " > " + desc;
    }
  }

  static List<Case> cases() {
    try {
      Path root =
          Path.of(DotpromptConformanceTest.class.getResource("/dotprompt-spec/spec").toURI());
      var cases = new ArrayList<Case>();
      List<Path> files;
      try (Stream<Path> walk = Files.walk(root)) {
        files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      }
      for (Path file : files) {
        JsonNode suites = Json.yaml().readTree(Files.readString(file));
        for (JsonNode suite : suites) {
          for (JsonNode test : suite.get("tests")) {
            cases.add(
                new Case(
                    root.relativize(file).toString(),
                    suite.get("name").asText(),
                    test.path("desc").asText("should match expected output"),
                    suite,
                    test));
          }
        }
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theWholeSuiteIsThere() {
    assertThat(cases()).hasSize(EXPECTED_CASES);
  }

  @TestFactory
  Stream<DynamicTest> conformance() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c)));
  }

  /** A case ready to render: the compiled prompt, the render data and the options. */
  record Prepared(CompiledPrompt prompt, RenderData data, ObjectNode options) {}

  static Prepared prepare(Case c) {
    JsonNode suite = c.suiteNode();
    JsonNode test = c.test();
    var partials = new HashMap<String, String>();
    suite
        .path("resolverPartials")
        .properties()
        .forEach(e -> partials.put(e.getKey(), e.getValue().asText()));
    suite
        .path("partials")
        .properties()
        .forEach(e -> partials.put(e.getKey(), e.getValue().asText()));
    Map<String, JsonNode> schemas = new HashMap<>();
    suite.path("schemas").properties().forEach(e -> schemas.put(e.getKey(), e.getValue()));

    PromptFile file = PromptFile.parse(suite.get("template").asText(), c.suite());
    CompiledPrompt prompt =
        Dotprompt.compile(
            file, c.suite(), Partials.of(partials), name -> Optional.ofNullable(schemas.get(name)));

    ObjectNode data = Json.object();
    if (suite.get("data") instanceof ObjectNode d) {
      data.setAll(d.deepCopy());
    }
    if (test.get("data") instanceof ObjectNode d) {
      data.setAll(d.deepCopy());
    }
    ObjectNode options = test.get("options") instanceof ObjectNode o ? o : null;
    return new Prepared(prompt, RenderData.fromJson(data), options);
  }

  static void run(Case c) {
    Prepared p = prepare(c);
    CompiledPrompt prompt = p.prompt();
    ObjectNode options = p.options();
    ObjectNode expect = (ObjectNode) c.test().get("expect");

    ObjectNode result = prompt.render(p.data(), options).toJson();
    JsonNode raw = result.remove("raw");
    ObjectNode expected = withDefaults(expect);
    JsonNode expectedRaw = expected.remove("raw");
    assertSameJson(result, expected, "render should produce the expected result");
    if (expectedRaw != null && !expectedRaw.isNull()) {
      assertSameJson(raw, expectedRaw, "raw front matter");
    }

    ObjectNode metadata = prompt.metadata(options);
    metadata.remove("raw");
    ObjectNode expectedMetadata = withDefaults(expect);
    expectedMetadata.remove("messages");
    expectedMetadata.remove("raw");
    assertSameJson(metadata, expectedMetadata, "renderMetadata should produce the expected result");
  }

  private static ObjectNode withDefaults(ObjectNode expect) {
    ObjectNode e = expect.deepCopy();
    for (String field : List.of("ext", "config", "metadata")) {
      if (!e.hasNonNull(field)) {
        e.putObject(field);
      }
    }
    return e;
  }

  /** Deep equality with numbers compared by value, as JavaScript's toEqual does. */
  private static void assertSameJson(JsonNode actual, JsonNode expected, String what) {
    assertThat(CanonicalJson.write(actual)).as(what).isEqualTo(CanonicalJson.write(expected));
  }
}
