package dev.promptops.server.api;

import static dev.promptops.server.TestServer.ADMIN_KEY;
import static dev.promptops.server.api.ApiIT.assertError;
import static dev.promptops.server.api.ApiIT.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.server.TestServer;
import dev.promptops.server.TestServer.Resp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Components over HTTP: a prompt pins the component versions it was pushed with, renders with them
 * until a new version is pushed and deployed, impact analysis says what adopting would change, and
 * prompts that do not lint or variables that do not fit are 422 with every problem.
 */
class ComponentsIT {
  static final String P = "/api/v1/projects/shop";
  static final String REPLY = P + "/prompts/support/reply";
  static final String FOOTER = P + "/prompts/support/_footer";
  static final String REPLY_SOURCE =
      """
      ---
      model: openai/gpt-4o-mini
      config:
        temperature: 0.2
      input:
        schema:
          customer: string
          question: string
      ---
      {{role "system"}}
      You help the customers of our shop.
      {{> support/footer}}
      {{role "user"}}
      {{customer}} asks: {{question}}
      """;
  static final Map<String, Object> VARS =
      Map.of("input", Map.of("customer", "Ann", "question", "Where is my parcel?"));

  @TempDir Path dir;
  TestServer server;

  protected TestServer newServer(Path dataDir) {
    return TestServer.sqlite(dataDir);
  }

  @BeforeEach
  void start() {
    server = newServer(dir);
    assertThat(server.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "shop")).status())
        .isEqualTo(201);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Resp push(String... nameSource) {
    var prompts = new java.util.ArrayList<Map<String, String>>();
    for (int i = 0; i < nameSource.length; i += 2) {
      prompts.add(Map.of("name", nameSource[i], "source", nameSource[i + 1]));
    }
    return server.post(P + "/prompts", ADMIN_KEY, Map.of("prompts", prompts));
  }

  String systemText(Resp rendered) {
    assertThat(rendered.status()).as(rendered.text()).isEqualTo(200);
    return rendered.json().at("/messages/0/content/0/text").asText().strip();
  }

  @Test
  void aDeployedVersionRendersWithItsPinnedComponentUntilANewVersionIsDeployed() {
    Resp first = push("support/reply", REPLY_SOURCE, "support/_footer", "Sign as The Team.\n");
    assertThat(first.status()).as(first.text()).isEqualTo(201);
    assertThat(server.post(REPLY + "/-/deploy", ADMIN_KEY, deploy("production", 1, null)).status())
        .isEqualTo(200);

    Resp rendered = server.post(REPLY + "/-/render", ADMIN_KEY, VARS);
    assertThat(systemText(rendered))
        .isEqualTo("You help the customers of our shop.\nSign as The Team.");
    assertThat(rendered.json().at("/messages/1/role").asText()).isEqualTo("user");
    assertThat(rendered.json().at("/messages/1/content/0/text").asText())
        .isEqualTo("\nAnn asks: Where is my parcel?");
    assertThat(rendered.json().get("name").asText()).isEqualTo("support/reply");
    assertThat(rendered.json().get("version").asInt()).isEqualTo(1);
    assertThat(rendered.json().get("digest").asText())
        .isEqualTo(first.json().at("/results/0/digest").asText());
    assertThat(rendered.json().get("resolvedVia").asText()).isEqualTo("env:production");
    assertThat(rendered.json().at("/metadata/model").asText()).isEqualTo("openai/gpt-4o-mini");
    assertThat(rendered.json().at("/metadata/input/schema/type").asText()).isEqualTo("object");

    Resp changed = push("support/_footer", "Sign as The Support Team.\n");
    assertThat(changed.json().at("/results/0/version").asInt()).isEqualTo(2);
    assertThat(systemText(server.post(REPLY + "/-/render", ADMIN_KEY, VARS)))
        .endsWith("Sign as The Team.");

    Resp adopted = push("support/reply", REPLY_SOURCE);
    assertThat(adopted.json().at("/results/0/version").asInt()).isEqualTo(2);
    assertThat(adopted.json().at("/results/0/created").asBoolean()).isTrue();
    assertThat(systemText(server.post(REPLY + "/-/render?version=2", ADMIN_KEY, VARS)))
        .endsWith("Sign as The Support Team.");
    assertThat(systemText(server.post(REPLY + "/-/render", ADMIN_KEY, VARS)))
        .endsWith("Sign as The Team.");

    server.post(REPLY + "/-/deploy", ADMIN_KEY, deploy("production", 2, 1));
    assertThat(systemText(server.post(REPLY + "/-/render?env=production", ADMIN_KEY, VARS)))
        .endsWith("Sign as The Support Team.");
  }

  @Test
  void impactListsThePinningVersionsWhereTheyRunAndTheDiff() {
    push("support/reply", REPLY_SOURCE, "support/_footer", "Sign as The Team.\n");
    server.post(REPLY + "/-/deploy", ADMIN_KEY, deploy("production", 1, null));
    push("support/_footer", "Sign as The Support Team.\n");

    Resp before = server.get(FOOTER + "/-/impact", ADMIN_KEY);
    assertThat(before.status()).as(before.text()).isEqualTo(200);
    assertThat(before.json().get("component").asText()).isEqualTo("support/_footer");
    assertThat(before.json().get("latestVersion").asInt()).isEqualTo(2);
    assertThat(before.json().get("targetVersion").asInt()).isEqualTo(2);
    JsonNode affected = before.json().at("/prompts/0");
    assertThat(affected.get("prompt").asText()).isEqualTo("support/reply");
    assertThat(affected.get("version").asInt()).isEqualTo(1);
    assertThat(affected.get("pinned").asInt()).isEqualTo(1);
    assertThat(affected.get("latest").asBoolean()).isTrue();
    assertThat(affected.get("runningIn").toString()).isEqualTo("[\"production\"]");
    assertThat(affected.get("wouldChange").asBoolean()).isTrue();
    assertThat(affected.get("digest").asText()).startsWith("sha256:");
    assertThat(before.json().at("/changes/0/from").asInt()).isEqualTo(1);
    assertThat(before.json().at("/changes/0/to").asInt()).isEqualTo(2);
    assertThat(before.json().at("/changes/0/templateDiff").asText())
        .contains("--- support/_footer@1", "+++ support/_footer@2")
        .contains("-Sign as The Team.", "+Sign as The Support Team.");

    push("support/reply", REPLY_SOURCE);
    server.post(REPLY + "/-/deploy", ADMIN_KEY, deploy("staging", 2, null));
    Resp after = server.get(P + "/prompts/support/footer/-/impact", ADMIN_KEY);
    assertThat(after.json().get("prompts"))
        .extracting(
            a ->
                a.get("version").asInt()
                    + ":"
                    + a.get("pinned").asInt()
                    + ":"
                    + a.get("latest").asBoolean()
                    + ":"
                    + a.get("runningIn")
                    + ":"
                    + a.get("wouldChange").asBoolean())
        .containsExactly("1:1:false:[\"production\"]:true", "2:2:true:[\"staging\"]:false");
    Resp back = server.get(FOOTER + "/-/impact?version=1", ADMIN_KEY);
    assertThat(back.json().get("targetVersion").asInt()).isEqualTo(1);
    assertThat(back.json().get("prompts"))
        .extracting(a -> a.get("wouldChange").asBoolean())
        .containsExactly(false, true);
    assertThat(back.json().at("/changes/0/templateDiff").asText()).contains("+Sign as The Team.");

    assertError(server.get(P + "/prompts/nope/-/impact", ADMIN_KEY), 404, "prompt_not_found");
    assertError(server.get(FOOTER + "/-/impact?version=9", ADMIN_KEY), 404, "version_not_found");
  }

  @Test
  void aPushWithAnUnknownPartialIsRefusedWithFileLineAndColumn() {
    Resp r = push("support/reply", REPLY_SOURCE);

    assertError(r, 422, "unknown_partial");
    JsonNode problem = r.json().at("/error/details/problems/0");
    assertThat(problem.get("severity").asText()).isEqualTo("error");
    assertThat(problem.get("file").asText()).isEqualTo("support/reply");
    assertThat(problem.get("line").asInt()).isEqualTo(12);
    assertThat(problem.get("column").asInt()).isEqualTo(1);
    assertThat(problem.get("message").asText()).contains("support/footer", "support/_footer");
    assertThat(problem.get("hint").asText()).isNotBlank();
    assertThat(server.get(P + "/prompts", ADMIN_KEY).json().get("prompts")).isEmpty();
  }

  @Test
  void aPushWithAnUndeclaredVariableIsRefusedWithEveryProblem() {
    String typo = REPLY_SOURCE.replace("{{customer}} asks", "{{custmer}} asks");
    Resp r = push("support/reply", typo, "hello", "Hi {{#each}}\n", "support/_footer", "Bye\n");

    assertThat(r.status()).as(r.text()).isEqualTo(422);
    List<JsonNode> problems = toList(r.json().at("/error/details/problems"));
    assertThat(problems)
        .extracting(p -> p.get("file").asText() + ":" + p.get("code").asText())
        .containsExactlyInAnyOrder("support/reply:undeclared_variable", "hello:template_syntax");
    JsonNode undeclared =
        problems.stream()
            .filter(p -> p.get("code").asText().equals("undeclared_variable"))
            .findFirst()
            .orElseThrow();
    assertThat(undeclared.get("file").asText()).isEqualTo("support/reply");
    assertThat(undeclared.get("line").asInt()).isEqualTo(14);
    assertThat(undeclared.get("column").asInt()).isEqualTo(1);
    assertThat(undeclared.get("variable").asText()).isEqualTo("custmer");
    assertThat(undeclared.get("message").asText()).contains("did you mean 'customer'?");
    assertThat(r.json().at("/error/message").asText()).contains("support/reply:14:1: error:");
    assertThat(server.get(P + "/prompts", ADMIN_KEY).json().get("prompts")).isEmpty();
  }

  @Test
  void pushResultsCarryLintWarnings() {
    String unused =
        REPLY_SOURCE.replace("    question: string\n", "    question: string\n    tone?: string\n");
    Resp r = push("support/reply", unused, "support/_footer", "Bye\n");

    assertThat(r.status()).as(r.text()).isEqualTo(201);
    JsonNode warning = r.json().at("/results/0/warnings/0");
    assertThat(warning.get("severity").asText()).isEqualTo("warning");
    assertThat(warning.get("code").asText()).isEqualTo("unused_variable");
    assertThat(warning.get("variable").asText()).isEqualTo("tone");
    assertThat(r.json().at("/results/1/warnings").isArray()).isTrue();
    assertThat(r.json().at("/results/1/warnings")).isEmpty();
  }

  @Test
  void aMissingRequiredVariableIs422NamingTheVariable() {
    push("support/reply", REPLY_SOURCE, "support/_footer", "Bye\n");

    Resp r =
        server.post(
            REPLY + "/-/render?version=1", ADMIN_KEY, Map.of("input", Map.of("customer", "Ann")));

    assertError(r, 422, "missing_variable");
    JsonNode problem = r.json().at("/error/details/problems/0");
    assertThat(problem.get("variable").asText()).isEqualTo("question");
    assertThat(problem.get("file").asText()).isEqualTo("support/reply@1");
    assertThat(problem.get("line").asInt()).isEqualTo(14);
    assertThat(r.json().at("/error/message").asText())
        .contains("missing required variable 'question'");
  }

  @Test
  void renderTakesAnEmptyBodyOptionsContextAndHistory() {
    push("greet", "---\nconfig: {temperature: 0.2}\n---\nHello {{@state.who}}{{history}}\n");

    Resp empty =
        server.call("POST", P + "/prompts/greet/-/render?version=1", ADMIN_KEY, null, Map.of());
    assertThat(empty.status()).as(empty.text()).isEqualTo(200);
    assertThat(empty.json().at("/messages/0/content/0/text").asText()).isEqualTo("Hello ");

    Resp full =
        server.post(
            P + "/prompts/greet/-/render?label=latest",
            ADMIN_KEY,
            Map.of(
                "context",
                Map.of("state", Map.of("who", "Ann")),
                "messages",
                List.of(Map.of("role", "user", "content", List.of(Map.of("text", "hi")))),
                "options",
                Map.of("config", Map.of("temperature", 0.9))));
    assertThat(full.status()).as(full.text()).isEqualTo(200);
    assertThat(full.json().at("/messages/0/content/0/text").asText()).isEqualTo("Hello Ann");
    assertThat(full.json().at("/messages/1/content/0/text").asText()).isEqualTo("hi");
    assertThat(full.json().at("/metadata/config/temperature").asDouble()).isEqualTo(0.9);
    assertThat(full.json().get("resolvedVia").asText()).isEqualTo("label:latest");
  }

  @Test
  void badRenderRequestsAreRefused() {
    push("greet", "Hello {{name}}\n");
    String greet = P + "/prompts/greet/-/render";

    assertError(
        server.post(greet + "?version=1", ADMIN_KEY, Map.of("input", 3)),
        400,
        "invalid_render_data");
    assertError(
        server.post(greet + "?version=1", ADMIN_KEY, Map.of("vars", Map.of())),
        400,
        "invalid_render_data");
    assertError(
        server.post(greet + "?version=1", ADMIN_KEY, Map.of("options", "x")),
        400,
        "invalid_options");
    assertError(server.post(greet + "?version=1", ADMIN_KEY, "[1]"), 400, "invalid_json");
    assertError(
        server.post(greet + "?version=1&env=production", ADMIN_KEY, Map.of()),
        400,
        "ambiguous_selector");
    assertError(server.post(greet, ADMIN_KEY, Map.of()), 404, "nothing_deployed");
    assertError(
        server.post(P + "/prompts/nope/-/render", ADMIN_KEY, Map.of()), 404, "prompt_not_found");
  }

  private static List<JsonNode> toList(JsonNode array) {
    var out = new java.util.ArrayList<JsonNode>();
    array.forEach(out::add);
    return out;
  }
}
