package dev.promptops.core.dotprompt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import dev.promptops.core.prompt.PromptFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The direct render path renders what Handlebars.java renders: every conformance case and thousands
 * of generated templates render on both paths and must give the same messages (or the same error).
 * The counts keep the comparison honest: most of them must take the direct path.
 */
class DirectTemplateTest {

  @Test
  void conformanceCasesRenderTheSameOnBothPaths() {
    int direct = 0;
    for (var c : DotpromptConformanceTest.cases()) {
      var p = DotpromptConformanceTest.prepare(c);
      if (p.prompt().rendersDirectly()) {
        direct++;
      }
      assertThat(outcome(p.prompt(), p.data(), p.options(), true))
          .as(c.name())
          .isEqualTo(outcome(p.prompt(), p.data(), p.options(), false));
    }
    assertThat(direct).as("conformance cases on the direct path").isGreaterThanOrEqualTo(80);
  }

  @Test
  void generatedTemplatesRenderTheSameOnBothPaths() {
    var random = new Random(Long.getLong("seed", 20261203));
    int direct = 0;
    int compiled = 0;
    for (int i = 0; i < Integer.getInteger("runs", 4000); i++) {
      var g = new Generator(random);
      String template = g.template(4);
      Map<String, String> partials =
          Map.of(
              "p1",
              g.partial(),
              "p2",
              g.partial(),
              "dir/p3",
              "x{{a}}\n",
              "bad",
              "B{{ > p1}}{{#if}}");
      CompiledPrompt prompt;
      try {
        prompt =
            Dotprompt.compile(
                PromptFile.parse(g.frontMatter() + template, "t"), "t", Partials.of(partials));
      } catch (TemplateException e) {
        continue;
      }
      compiled++;
      if (prompt.rendersDirectly()) {
        direct++;
      }
      for (int d = 0; d < 3; d++) {
        RenderData data = g.data();
        assertThat(outcome(prompt, data, null, true))
            .as("template %s%nwith %s and partials %s", template, data, partials)
            .isEqualTo(outcome(prompt, data, null, false));
      }
    }
    assertThat(direct).as("generated templates on the direct path").isGreaterThan(compiled / 3);
  }

  @Test
  void templatesBeyondTheDirectPathStillRender() {
    for (String template :
        List.of(
            "{{#each items as |x|}}{{x}}{{/each}}",
            "{{#each items}}{{../a}}{{/each}}",
            "{{~a~}}",
            "{{@root.a}}",
            "{{#with obj}}{{lookup this \"a\"}}{{/with}}",
            "\\{{a}}",
            "a\n  {{> p1}}\n",
            "{{#if (json a)}}x{{/if}}",
            "{{metadata.prompt}}",
            "{{root}}",
            "{{__inline_partials_}}")) {
      CompiledPrompt prompt =
          Dotprompt.compile(
              PromptFile.parse("---\n---\n" + template, "t"),
              "t",
              Partials.of(Map.of("p1", "P {{a}}\nQ\n")));
      assertThat(prompt.rendersDirectly()).as(template).isFalse();
      RenderData data = RenderData.of(Json.object().put("a", "A"));
      assertThat(outcome(prompt, data, null, true)).isEqualTo(outcome(prompt, data, null, false));
    }
  }

  @Test
  void rendersOnManyThreadsShareNoState() throws Exception {
    // each thread reuses its own builder and scopes: no render may see another's
    CompiledPrompt prompt =
        Dotprompt.compile(
            PromptFile.parse(
                "---\n---\n{{role \"system\"}}Be {{tone}}.\n{{role \"user\"}}{{#each items}}"
                    + "- {{this}} of {{../name}}{{/each}}{{#each items}}{{@index}}:{{this}} {{/each}}"
                    + "{{#with who}}{{name}}{{/with}}{{media url=u}}",
                "t"),
            "t",
            Partials.none());
    CompiledPrompt direct =
        Dotprompt.compile(
            PromptFile.parse(
                "---\n---\n{{role \"system\"}}Be {{tone}}.\n{{role \"user\"}}{{#each items}}"
                    + "{{@index}}:{{this}} {{/each}}{{#with who}}{{name}}{{/with}}{{media url=u}}",
                "t"),
            "t",
            Partials.none());
    assertThat(prompt.rendersDirectly()).isFalse();
    assertThat(direct.rendersDirectly()).isTrue();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      var results = new ArrayList<java.util.concurrent.Future<Boolean>>();
      for (int t = 0; t < 8; t++) {
        int n = t;
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 300; i++) {
                    ObjectNode input = Json.object().put("tone", "tone" + n + "-" + i);
                    input.putArray("items").add("x" + n).add("y" + i);
                    input.putObject("who").put("name", "who" + n);
                    // every third render a media URL the direct path hands over mid-render
                    input.put("u", i % 3 == 0 ? "a b" : "u" + n);
                    RenderData data = RenderData.of(input);
                    for (CompiledPrompt p : List.of(direct, prompt)) {
                      String got = outcome(p, data, null, true);
                      if (!got.equals(outcome(p, data, null, false))
                          || !got.contains("tone" + n + "-" + i)) {
                        return false;
                      }
                    }
                  }
                  return true;
                }));
      }
      for (var r : results) {
        assertThat(r.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLastLineWithSpacesAfterItsTagIsLeftToHandlebars() {
    // found by the render fuzz target: Handlebars.java keeps the space here
    CompiledPrompt prompt =
        Dotprompt.compile(PromptFile.parse("A\nB\n{{! c }} ", "t"), "t", Partials.none());
    assertThat(prompt.rendersDirectly()).isFalse();
    CompiledPrompt withoutSpace =
        Dotprompt.compile(PromptFile.parse("A\nB\n{{! c }}", "t"), "t", Partials.none());
    assertThat(withoutSpace.rendersDirectly()).isTrue();
    RenderData data = RenderData.of(Json.object());
    assertThat(outcome(withoutSpace, data, null, true))
        .isEqualTo(outcome(withoutSpace, data, null, false));
  }

  @Test
  void valuesTheDirectPathDoesNotReproduceGoToHandlebars() {
    CompiledPrompt prompt =
        Dotprompt.compile(
            PromptFile.parse(
                "---\n---\n{{role r}}hi{{media url=u contentType=t}}{{#ifEquals o o}}same{{/ifEquals}}",
                "t"),
            "t",
            Partials.none());
    assertThat(prompt.rendersDirectly()).isTrue();
    for (String input :
        List.of(
            "{\"r\": \"System\", \"u\": \"x\"}",
            "{\"r\": \"user a=b\", \"u\": \"a b\"}",
            "{\"r\": \"user\", \"u\": \"x\", \"o\": {}}",
            "{\"r\": \"\", \"u\": \"x>y\"}",
            "{\"r\": \"user\"}")) {
      RenderData data = RenderData.of((ObjectNode) parse(input));
      assertThat(outcome(prompt, data, null, true))
          .as(input)
          .isEqualTo(outcome(prompt, data, null, false));
    }
  }

  private static String outcome(
      CompiledPrompt prompt, RenderData data, ObjectNode options, boolean direct) {
    return RenderPaths.outcome(prompt, data, options, direct);
  }

  private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
    try {
      return Json.parse(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Random templates of the constructs the direct path takes, and some it does not. */
  private static final class Generator {
    private static final List<String> TEXT =
        List.of("x", "Hello", " ", "  ", "\t", "\n", "\n", "\r\n", "- ", "a b", "{x}", ":");
    private static final List<String> PATHS =
        List.of(
            "a",
            "b",
            "s",
            "n",
            "flag",
            "items",
            "obj",
            "obj.a",
            "obj.b.c",
            "items.length",
            "s.length",
            "this",
            ".",
            "this.a",
            "./a",
            "obj/a",
            "missing",
            "missing.x",
            "@index",
            "@key",
            "@first",
            "@last",
            "length",
            "c");
    private static final List<String> VALUES =
        List.of(
            "\"A\"",
            "\"\"",
            "\" \"",
            "\"0\"",
            "\"two words\"",
            "\"line\\nbreak\"",
            "0",
            "1",
            "2.5",
            "-0.0",
            "1e21",
            "12345678901234567890",
            "100.0",
            "true",
            "false",
            "null",
            "[]",
            "{}",
            "[1, \"x\", null, [2, [3]], {\"a\": 1}]",
            "[\"p\", \"q\"]",
            "[{\"a\": \"A1\"}, {\"b\": \"B2\", \"a\": null}, \"s\", 0]",
            "{\"a\": \"OA\", \"b\": {\"c\": 5}, \"length\": 3}",
            "{\"x\": {\"a\": 7}, \"y\": null}");

    private final Random random;

    Generator(Random random) {
      this.random = random;
    }

    private String pick(List<String> options) {
      return options.get(random.nextInt(options.size()));
    }

    /**
     * No front matter, an empty one, an input schema (which most generated variables break, in
     * several ways at once) with a default, or input defaults alone.
     */
    String frontMatter() {
      return switch (random.nextInt(4)) {
        case 0 -> "";
        case 1 -> "---\n---\n";
        case 2 ->
            "---\ninput:\n  schema:\n    a?: string\n    s?: string\n    flag?: boolean\n"
                + "  default:\n    a: D\n---\n";
        default -> "---\ninput:\n  default:\n    a: D\n    items: [d1, d2]\n---\n";
      };
    }

    String partial() {
      var out = new StringBuilder();
      int n = 1 + random.nextInt(3);
      for (int i = 0; i < n; i++) {
        out.append(random.nextBoolean() ? pick(TEXT) : "{{" + pick(PATHS) + "}}");
      }
      return out.toString();
    }

    String template(int depth) {
      var out = new StringBuilder();
      int n = 1 + random.nextInt(6);
      for (int i = 0; i < n; i++) {
        out.append(element(depth));
      }
      return out.toString();
    }

    /** A newline, spaces or nothing: puts tags on lines of their own, or not. */
    private String around() {
      return switch (random.nextInt(8)) {
        case 0, 1 -> "\n";
        case 2 -> "  ";
        case 3 -> "\n  ";
        default -> "";
      };
    }

    private String element(int depth) {
      int choice = random.nextInt(depth > 0 ? 22 : 14);
      return switch (choice) {
        case 0, 1, 2 -> pick(TEXT);
        case 3, 4 -> "{{" + pick(PATHS) + "}}";
        case 5 -> "{{{" + pick(PATHS) + "}}}";
        case 6 -> "{{&" + pick(PATHS) + "}}";
        case 7 ->
            "{{role "
                + pick(List.of("\"system\"", "\"user\"", "\"model\"", "r", "a", "\"tool\""))
                + "}}";
        case 8 -> "{{history}}";
        case 9 ->
            random.nextBoolean()
                ? "{{section \"" + pick(List.of("code", "x")) + "\"}}"
                : "{{media url="
                    + pick(List.of("u", "\"http://x/y.png\"", "a", "missing"))
                    + pick(
                        List.of(
                            "",
                            " contentType=\"image/png\"",
                            " contentType=missing",
                            " contentType=a"))
                    + "}}";
        case 10 ->
            around()
                + pick(
                    List.of(
                        "{{! a comment }}", "{{!-- a {{b}} comment --}}", "{{!--}}", "{{!---}}"))
                + around();
        case 11 -> around() + "{{> " + pick(List.of("p1", "p2", "dir/p3", "bad")) + "}}" + around();
        case 12 -> "{{json " + pick(PATHS) + (random.nextBoolean() ? "" : " indent=2") + "}}";
        case 13 ->
            random.nextInt(8) == 0
                ? pick(
                    List.of(
                        "{{~a}}",
                        "{{a~}}",
                        "{{../a}}",
                        "{{@root.a}}",
                        "{{lookup obj \"a\"}}",
                        "{{ > p1}}",
                        "{{ #if a}}x{{/if}}",
                        "\\{{a}}"))
                : pick(TEXT);
        default -> block(depth - 1);
      };
    }

    private String block(int depth) {
      String name = pick(List.of("if", "unless", "each", "with", "ifEquals", "unlessEquals"));
      String params =
          name.endsWith("Equals")
              ? pick(PATHS) + " " + pick(List.of("a", "b", "\"A\"", "1", "true", "n"))
              : pick(PATHS);
      var out = new StringBuilder();
      out.append(around()).append("{{#").append(name).append(' ').append(params).append("}}");
      out.append(around()).append(template(depth));
      if (random.nextInt(3) == 0) {
        out.append(around())
            .append(random.nextBoolean() ? "{{else}}" : "{{^}}")
            .append(around())
            .append(template(depth));
      }
      out.append(around()).append("{{/").append(name).append("}}").append(around());
      return out.toString();
    }

    RenderData data() {
      ObjectNode input = Json.object();
      for (String name : List.of("a", "b", "s", "n", "flag", "items", "obj", "r", "u", "c")) {
        if (random.nextInt(6) != 0) {
          input.set(name, parse(pick(VALUES)));
        }
      }
      if (random.nextBoolean()) {
        input.put("r", pick(List.of("system", "user", "model")));
      }
      if (random.nextBoolean()) {
        input.put("u", "https://example.com/a.png");
      }
      ArrayNode history = null;
      if (random.nextBoolean()) {
        history = Json.array();
        ObjectNode m = history.addObject().put("role", "user");
        m.putArray("content").addObject().put("text", "earlier");
        history.addObject().put("role", "model").putArray("content").addObject().put("text", "ok");
      }
      return new RenderData(input, null, history, null);
    }
  }
}
