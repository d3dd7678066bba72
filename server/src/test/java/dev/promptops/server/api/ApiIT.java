package dev.promptops.server.api;

import static dev.promptops.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.server.TestServer;
import dev.promptops.server.TestServer.Resp;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API end to end on a real server over a temporary SQLite file. */
class ApiIT {
  static final String P = "/api/v1/projects/shop";
  static final String REPLY = P + "/prompts/support/reply";

  @TempDir Path dir;
  TestServer server;

  /** The server under test; subclasses run the same suite on another database. */
  protected TestServer newServer(Path dataDir) {
    return TestServer.sqlite(dataDir);
  }

  @BeforeEach
  void start() {
    server = newServer(dir);
    Resp created = server.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "shop"));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Map<String, Object> push(String name, String source) {
    return Map.of("prompts", List.of(Map.of("name", name, "source", source)), "message", "m");
  }

  static Map<String, Object> deploy(String env, int version, Integer expected) {
    var body = new LinkedHashMap<String, Object>();
    body.put("env", env);
    body.put("version", version);
    body.put("expectedVersion", expected);
    body.put("reason", "test");
    return body;
  }

  Resp pushReply(String template) {
    return server.post(
        P + "/prompts",
        ADMIN_KEY,
        push("support/reply", "---\nmodel: openai/gpt-4o-mini\n---\n" + template));
  }

  @Test
  void healthNeedsNoKey() {
    Resp r = server.get("/healthz", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("status").asText()).isEqualTo("ok");
  }

  @Test
  void firstStartCreatedTheAdminKeyFromTheEnvironment() {
    assertThat(server.console()).contains("created admin key 'admin'").doesNotContain(ADMIN_KEY);
    Resp me = server.get("/api/v1/whoami", ADMIN_KEY);
    assertThat(me.json().get("serverAdmin").asBoolean()).isTrue();
  }

  @Test
  void pushVersionsAndIdenticalContentCreatesNothing() {
    Resp first = pushReply("Hello {{name}}\n");
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.json().at("/results/0/version").asInt()).isEqualTo(1);
    assertThat(first.json().at("/results/0/created").asBoolean()).isTrue();

    Resp second = pushReply("Hi {{name}}\n");
    assertThat(second.json().at("/results/0/version").asInt()).isEqualTo(2);

    Resp again = pushReply("Hello {{name}}\n");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().at("/results/0/created").asBoolean()).isFalse();
    assertThat(again.json().at("/results/0/version").asInt()).isEqualTo(1);
    assertThat(again.json().at("/results/0/summary").asText())
        .contains("unchanged, identical to v1")
        .contains("no new version");

    Resp versions = server.get(REPLY + "/-/versions", ADMIN_KEY);
    assertThat(versions.json().get("versions")).hasSize(2);
    assertThat(versions.json().at("/versions/1/template").asText()).isEqualTo("Hi {{name}}");
    assertThat(versions.json().at("/versions/1/source").asText()).endsWith("---\nHi {{name}}\n");
    assertThat(versions.json().at("/versions/1/frontMatter/model").asText())
        .isEqualTo("openai/gpt-4o-mini");
  }

  @Test
  void deployPromoteRollbackAndHistory() {
    pushReply("v1\n");
    pushReply("v2\n");
    assertThat(server.post(REPLY + "/-/deploy", ADMIN_KEY, deploy("staging", 1, null)).status())
        .isEqualTo(200);
    var promote = new LinkedHashMap<String, Object>();
    promote.put("from", "staging");
    promote.put("to", "production");
    promote.put("expectedVersion", null);
    Resp promoted = server.post(REPLY + "/-/promote", ADMIN_KEY, promote);
    assertThat(promoted.status()).as(promoted.text()).isEqualTo(200);
    assertThat(promoted.json().get("version").asInt()).isEqualTo(1);
    assertThat(promoted.json().at("/deployment/kind").asText()).isEqualTo("promote");

    server.post(REPLY + "/-/deploy", ADMIN_KEY, deploy("production", 2, 1));
    assertThat(server.get(REPLY, ADMIN_KEY).json().get("version").asInt()).isEqualTo(2);

    var rollback = new LinkedHashMap<String, Object>();
    rollback.put("env", "production");
    rollback.put("expectedVersion", 2);
    rollback.put("reason", "bad answers");
    Resp rolled = server.post(REPLY + "/-/rollback", ADMIN_KEY, rollback);
    assertThat(rolled.json().get("version").asInt()).as(rolled.text()).isEqualTo(1);

    Resp history = server.get(REPLY + "/-/history?env=production", ADMIN_KEY);
    assertThat(history.json().get("deployments"))
        .extracting(
            d ->
                d.get("kind").asText()
                    + ":"
                    + d.get("fromVersion").asText()
                    + "->"
                    + d.get("toVersion").asText())
        .containsExactly("rollback:2->1", "deploy:1->2", "promote:null->1");
    assertThat(history.json().at("/deployments/0/reason").asText()).isEqualTo("bad answers");
    assertThat(history.json().at("/deployments/0/actor").asText()).isEqualTo("admin");

    Resp pins = server.get(REPLY + "/-/pins", ADMIN_KEY);
    assertThat(pins.json().get("latestVersion").asInt()).isEqualTo(2);
    assertThat(pins.json().get("pins")).hasSize(2);
  }

  @Test
  void resolveByEnvironmentLabelVersionAndDefault() {
    pushReply("v1\n");
    pushReply("v2\n");
    server.post(REPLY + "/-/deploy", ADMIN_KEY, deploy("production", 1, null));
    var label = new LinkedHashMap<String, Object>();
    label.put("label", "canary");
    label.put("version", 2);
    label.put("expectedVersion", null);
    assertThat(server.post(REPLY + "/-/deploy", ADMIN_KEY, label).status()).isEqualTo(200);

    assertThat(server.get(REPLY, ADMIN_KEY).json().get("resolvedVia").asText())
        .isEqualTo("env:production");
    assertThat(server.get(REPLY + "?label=canary", ADMIN_KEY).json().get("version").asInt())
        .isEqualTo(2);
    assertThat(server.get(REPLY + "?label=latest", ADMIN_KEY).json().get("resolvedVia").asText())
        .isEqualTo("label:latest");
    assertThat(server.get(REPLY + "?version=1", ADMIN_KEY).json().get("template").asText())
        .isEqualTo("v1");

    Resp both = server.get(REPLY + "?env=production&version=1", ADMIN_KEY);
    assertThat(both.status()).isEqualTo(400);
    assertThat(both.errorCode()).isEqualTo("ambiguous_selector");

    Resp nothing = server.get(REPLY + "?env=staging", ADMIN_KEY);
    assertThat(nothing.status()).isEqualTo(404);
    assertThat(nothing.errorCode()).isEqualTo("nothing_deployed");
    assertThat(nothing.json().at("/error/hint").asText())
        .contains("promptops deploy support/reply@2 --env staging");
  }

  @Test
  void resolveUsesTheDigestAsEtag() {
    pushReply("v1\n");
    server.post(REPLY + "/-/deploy", ADMIN_KEY, deploy("production", 1, null));
    Resp r = server.get(REPLY, ADMIN_KEY);
    String etag = r.header("ETag").orElseThrow();
    assertThat(etag).isEqualTo("\"" + r.json().get("digest").asText() + "\"");

    Resp cached = server.call("GET", REPLY, ADMIN_KEY, null, Map.of("If-None-Match", etag));
    assertThat(cached.status()).isEqualTo(304);
    assertThat(cached.text()).isEmpty();
    Resp stale =
        server.call("GET", REPLY, ADMIN_KEY, null, Map.of("If-None-Match", "\"sha256:0\""));
    assertThat(stale.status()).isEqualTo(200);
  }

  @Test
  void staleExpectedVersionIsA409WithTheCurrentStateAndChangesNothing() {
    pushReply("v1\n");
    pushReply("v2\n");
    server.post(REPLY + "/-/deploy", ADMIN_KEY, deploy("staging", 1, null));
    Resp conflict = server.post(REPLY + "/-/deploy", ADMIN_KEY, deploy("staging", 2, null));
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.errorCode()).isEqualTo("pin_changed");
    assertThat(conflict.json().at("/error/details/currentVersion").asInt()).isEqualTo(1);
    assertThat(conflict.json().at("/error/details/lastDeployment/toVersion").asInt()).isEqualTo(1);
    assertThat(conflict.json().at("/error/message").asText())
        .isEqualTo(
            "'staging' pins support/reply@1, not nothing as expected: it changed since you looked");
    assertThat(server.get(REPLY + "?env=staging", ADMIN_KEY).json().get("version").asInt())
        .isEqualTo(1);
    assertThat(server.get(REPLY + "/-/history", ADMIN_KEY).json().get("deployments")).hasSize(1);
  }

  @Test
  void expectedVersionIsRequired() {
    pushReply("v1\n");
    Resp r = server.post(REPLY + "/-/deploy", ADMIN_KEY, Map.of("env", "staging", "version", 1));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("missing_expected_version");
  }

  @Test
  void redeployingThePinnedVersionChangesNothing() {
    pushReply("v1\n");
    server.post(REPLY + "/-/deploy", ADMIN_KEY, deploy("staging", 1, null));
    Resp again = server.post(REPLY + "/-/deploy", ADMIN_KEY, deploy("staging", 1, 1));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("changed").asBoolean()).isFalse();
    assertThat(server.get(REPLY + "/-/history", ADMIN_KEY).json().get("deployments")).hasSize(1);
  }

  @Test
  void diffBetweenRefs() {
    server.post(
        P + "/prompts", ADMIN_KEY, push("greet", "---\nconfig: {temperature: 0.2}\n---\nHello\n"));
    server.post(
        P + "/prompts", ADMIN_KEY, push("greet", "---\nconfig: {temperature: 0.7}\n---\nHi\n"));
    server.post(P + "/prompts/greet/-/deploy", ADMIN_KEY, deploy("staging", 1, null));
    Resp d = server.get(P + "/diff?from=greet:staging&to=greet@2", ADMIN_KEY);
    assertThat(d.status()).as(d.text()).isEqualTo(200);
    assertThat(d.json().get("template").asText()).contains("-Hello").contains("+Hi");
    assertThat(d.json().at("/frontMatter/0/path").asText()).isEqualTo("/config/temperature");
    assertThat(server.get(P + "/diff?from=greet@1", ADMIN_KEY).errorCode())
        .isEqualTo("missing_parameter");
  }

  @Test
  void environmentsAreConfigurable() {
    Resp set =
        server.put(
            P + "/environments",
            ADMIN_KEY,
            Map.of("environments", List.of("dev", "qa", "production")));
    assertThat(set.status()).as(set.text()).isEqualTo(200);
    assertThat(set.json().get("environments").toString())
        .isEqualTo("[\"dev\",\"qa\",\"production\"]");
    pushReply("v1\n");
    server.post(REPLY + "/-/deploy", ADMIN_KEY, deploy("qa", 1, null));
    Resp drop =
        server.put(
            P + "/environments", ADMIN_KEY, Map.of("environments", List.of("dev", "production")));
    assertThat(drop.status()).isEqualTo(409);
    assertThat(drop.errorCode()).isEqualTo("environment_in_use");
    Resp staging = server.post(REPLY + "/-/deploy", ADMIN_KEY, deploy("staging", 1, null));
    assertThat(staging.status()).isEqualTo(404);
    assertThat(staging.json().at("/error/hint").asText())
        .isEqualTo("its environments are dev → qa → production");
  }

  @Test
  void badInputGetsTheDocumentedErrorAndChangesNothing() {
    pushReply("v1\n");
    long auditBefore = auditCount();

    assertError(server.get("/api/v1/projects/nope/prompts", ADMIN_KEY), 404, "project_not_found");
    assertError(server.get(P + "/prompts/missing", ADMIN_KEY), 404, "prompt_not_found");
    assertError(server.get(REPLY + "/-/versions/9", ADMIN_KEY), 404, "version_not_found");
    assertError(server.get(REPLY + "/-/versions/x", ADMIN_KEY), 400, "invalid_version");
    assertError(
        server.get("/api/v1/projects/Bad_Name/prompts", ADMIN_KEY), 400, "invalid_project_name");
    assertError(
        server.post(P + "/prompts", ADMIN_KEY, push("bad name", "x")), 400, "invalid_prompt_name");
    assertError(
        server.post(P + "/prompts", ADMIN_KEY, push("ok", "---\nmodel: [x\n---\nHi")),
        422,
        "invalid_front_matter");
    assertError(server.post(P + "/prompts", ADMIN_KEY, "{not json"), 400, "invalid_json");
    assertError(server.post(P + "/prompts", ADMIN_KEY, "[1]"), 400, "invalid_json");
    assertError(
        server.post(P + "/prompts", ADMIN_KEY, "{\"message\": 4.9e-3248901234567890}"),
        400,
        "invalid_json");
    assertError(
        server.post(P + "/prompts", ADMIN_KEY, Map.of("prompts", "x")), 400, "missing_prompts");
    assertError(
        server.post(REPLY + "/-/deploy", ADMIN_KEY, deploy("staging", 7, null)),
        404,
        "version_not_found");
    assertError(
        server.post(REPLY + "/-/deploy", ADMIN_KEY, deploy("Staging", 1, null)),
        400,
        "invalid_target_name");
    assertError(server.get("/api/v1/nothing", ADMIN_KEY), 404, "route_not_found");
    Resp wrongMethod = server.delete(REPLY + "/-/history", ADMIN_KEY);
    assertError(wrongMethod, 405, "method_not_allowed");
    assertThat(wrongMethod.header("Allow")).contains("GET");

    assertThat(auditCount()).isEqualTo(auditBefore);
    assertThat(server.get(REPLY + "/-/versions", ADMIN_KEY).json().get("versions")).hasSize(1);
  }

  @Test
  void batchPushIsAllOrNothing() {
    var body =
        Map.of(
            "prompts",
            List.of(
                Map.of("name", "good", "source", "fine\n"),
                Map.of("name", "broken", "source", "---\nmodel: x\nno end")));
    assertError(server.post(P + "/prompts", ADMIN_KEY, body), 422, "invalid_front_matter");
    assertThat(server.get(P + "/prompts", ADMIN_KEY).json().get("prompts")).isEmpty();
  }

  @Test
  void oversizedBodyIs413() {
    String big = "x".repeat(70 * 1024);
    Resp r = server.post(P + "/prompts", ADMIN_KEY, push("big", big));
    assertError(r, 413, "payload_too_large");
    assertThat(r.json().at("/error/hint").asText()).contains("--max-body");
  }

  @Test
  void auditLogAndVerify() {
    pushReply("v1\n");
    server.post(REPLY + "/-/deploy", ADMIN_KEY, deploy("staging", 1, null));
    Resp log = server.get(P + "/audit", ADMIN_KEY);
    assertThat(log.json().get("entries"))
        .extracting(e -> e.get("action").asText())
        .containsExactly("project.create", "version.create", "deployment.deploy");
    Resp filtered = server.get(P + "/audit?action=deployment.deploy", ADMIN_KEY);
    assertThat(filtered.json().get("entries")).hasSize(1);
    Resp verify = server.get("/api/v1/audit/verify", ADMIN_KEY);
    assertThat(verify.json().get("ok").asBoolean()).isTrue();
    assertThat(verify.json().get("entries").asInt()).isEqualTo(4); // key, project, version, deploy
  }

  @Test
  void errorsHaveOneShape() {
    Resp r = server.get(P + "/prompts", null);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("error").fieldNames())
        .toIterable()
        .containsExactly("code", "message", "hint");
    assertThat(r.header("WWW-Authenticate")).isPresent();
    assertThat(r.header("Content-Type")).contains("application/json");
  }

  @Test
  void keysCanBeCreatedUsedAndRevoked() {
    Resp created =
        server.post(
            "/api/v1/keys", ADMIN_KEY, Map.of("name", "ci-bot", "roles", Map.of("shop", "editor")));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String secret = created.json().get("secret").asText();
    assertThat(secret).startsWith("po_");
    assertThat(server.get(P + "/prompts", secret).status()).isEqualTo(200);
    Resp list = server.get("/api/v1/keys", ADMIN_KEY);
    assertThat(list.text()).doesNotContain(secret);
    assertThat(server.delete("/api/v1/keys/ci-bot", ADMIN_KEY).status()).isEqualTo(200);
    assertError(server.get(P + "/prompts", secret), 401, "unauthenticated");
    Resp audit = server.get("/api/v1/audit?action=key.create", ADMIN_KEY);
    assertThat(audit.text()).doesNotContain(secret);
  }

  private long auditCount() {
    return server.get("/api/v1/audit?limit=1000", ADMIN_KEY).json().get("entries").size();
  }

  static void assertError(Resp r, int status, String code) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.errorCode()).as(r.text()).isEqualTo(code);
    assertThat(r.json().at("/error/message").asText()).isNotBlank();
  }
}
