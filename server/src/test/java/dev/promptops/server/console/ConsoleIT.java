package dev.promptops.server.console;

import static dev.promptops.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.server.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console over plain HTTP, as a browser without JavaScript uses it: sign-in and its cookies,
 * CSRF on every form, sessions that end with their key, pages that follow the key's role, errors as
 * pages.
 */
class ConsoleIT {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @TempDir Path dir;
  TestServer server;
  final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @BeforeEach
  void start() {
    // drift evaluated every 200 ms, so that the drift page follows reports at once
    server =
        TestServer.start(
            TestServer.config(dir, null)
                .withEnvironment(
                    Map.of("PROMPTOPS_DRIFT_EVERY", "200ms", "PROMPTOPS_DRIFT_GRACE", "1s")));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theConsoleAsksForAKeyAndSignsIn() {
    assertThat(get("/", null).headers().firstValue("Location")).hasValue("/console");
    var anonymous = get("/console", null);
    assertThat(anonymous.statusCode()).isEqualTo(303);
    assertThat(anonymous.headers().firstValue("Location")).hasValue("/console/sign-in");

    var form = get("/console/sign-in", null);
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(form.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            csp ->
                assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'"));
    String preCookie = cookie(form, Console.SIGN_IN_COOKIE);
    assertThat(setCookie(form, Console.SIGN_IN_COOKIE))
        .contains("HttpOnly")
        .containsIgnoringCase("SameSite=Strict")
        .contains("Path=/console");

    var signedIn = signIn(ADMIN_KEY);
    assertThat(signedIn.statusCode()).isEqualTo(303);
    assertThat(signedIn.headers().firstValue("Location")).hasValue("/console");
    assertThat(setCookie(signedIn, Console.SESSION_COOKIE))
        .contains("HttpOnly")
        .containsIgnoringCase("SameSite=Strict")
        .doesNotContain(ADMIN_KEY);
    String session = cookie(signedIn, Console.SESSION_COOKIE);
    assertThat(session).isNotBlank().doesNotContain(ADMIN_KEY);
    assertThat(preCookie).isNotEqualTo(session);

    var overview = get("/console", session);
    assertThat(overview.statusCode()).isEqualTo(200);
    assertThat(overview.body()).contains("<h1>Overview</h1>").contains("Sign out");
  }

  @Test
  void aWrongKeyOrAStaleFormIsToldSo() {
    var bad = signIn("po_not-a-key");
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(bad.body()).contains("the API key is not valid").doesNotContain("Exception");

    var form = get("/console/sign-in", null);
    var stale =
        post(
            "/console/sign-in",
            Map.of("_csrf", "forged", "key", ADMIN_KEY),
            Console.SIGN_IN_COOKIE + "=" + cookie(form, Console.SIGN_IN_COOKIE));
    assertThat(stale.statusCode()).isEqualTo(401);
    assertThat(stale.body()).contains("The sign-in form expired");
    assertThat(stale.headers().allValues("Set-Cookie"))
        .noneMatch(
            c ->
                c.startsWith(Console.SESSION_COOKIE + "=")
                    && !c.startsWith(Console.SESSION_COOKIE + "=;"));
  }

  @Test
  void theOverviewShowsPinsConfirmationAndDeployments() {
    server.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "shop"));
    server.post(
        "/api/v1/projects/shop/prompts",
        ADMIN_KEY,
        Map.of("prompts", List.of(Map.of("name", "support/reply", "source", "Hello {{name}}\n"))));
    var deployed =
        server.post(
            "/api/v1/projects/shop/prompts/support/reply/-/deploy",
            ADMIN_KEY,
            ConsoleFixture.deploy("staging", 1));
    assertThat(deployed.status()).as(deployed.text()).isEqualTo(200);

    String session = session(ADMIN_KEY);
    String page = get("/console", session).body();
    assertThat(page)
        .contains("<h2 id=\"project-shop\">shop</h2>")
        .contains("support/reply")
        .contains("v1")
        .contains("unconfirmed")
        .contains("Recent deployments")
        .contains("staging");
  }

  @Test
  void thePromptPageShowsVersionsDiffPreviewAndRollsBack() {
    server.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "shop"));
    ConsoleFixture.push(server, "Hello {{name}}\n", "first words");
    ConsoleFixture.push(server, "Hi {{name}}, welcome\n", "warmer");
    String reply = "/api/v1/projects/shop/prompts/support/reply/-/deploy";
    server.post(reply, ADMIN_KEY, ConsoleFixture.deploy("staging", 1));
    var second = new java.util.LinkedHashMap<String, Object>(ConsoleFixture.deploy("staging", 2));
    second.put("expectedVersion", 1);
    assertThat(server.post(reply, ADMIN_KEY, second).status()).isEqualTo(200);

    String session = session(ADMIN_KEY);
    String url = "/console/prompt?project=shop&name=support/reply";
    String page = get(url, session).body();
    assertThat(page)
        .contains("<h1>support/reply</h1>")
        .contains("warmer")
        .contains("first words")
        .contains("Changes from support/reply@1 to support/reply@2")
        .contains("<span class=\"remove\">-Hello {{name}}</span>")
        .contains("<span class=\"add\">+Hi {{name}}, welcome</span>")
        .contains("Roll back staging")
        .contains(
            "<td class=\"remove\"><pre>Hello {{name}}</pre></td><td class=\"add\"><pre>Hi {{name}},"
                + " welcome</pre></td>");
    assertThat(get("/console", session).body())
        .contains("href=\"/console/prompt?project=shop&amp;name=support/reply\"");

    String token = csrf(page);
    var cookie = Console.SESSION_COOKIE + "=" + session;
    var fragment =
        post(
            "/console/prompt/preview",
            Map.of(
                "_csrf",
                token,
                "project",
                "shop",
                "name",
                "support/reply",
                "version",
                "2",
                "variables",
                "{\"name\": \"Ada\"}"),
            cookie,
            Map.of("HX-Request", "true"));
    assertThat(fragment.statusCode()).isEqualTo(200);
    assertThat(fragment.body())
        .startsWith("<div id=\"preview-result\"")
        .contains("Hi Ada, welcome")
        .doesNotContain("<html");
    var withoutJs =
        post(
            "/console/prompt/preview",
            Map.of(
                "_csrf",
                token,
                "project",
                "shop",
                "name",
                "support/reply",
                "version",
                "1",
                "variables",
                "{\"name\": \"Bo\"}"),
            cookie,
            Map.of());
    assertThat(withoutJs.body()).contains("<h1>support/reply</h1>").contains("Hello Bo");
    var notJson =
        post(
            "/console/prompt/preview",
            Map.of(
                "_csrf",
                token,
                "project",
                "shop",
                "name",
                "support/reply",
                "version",
                "1",
                "variables",
                "{name"),
            cookie,
            Map.of("HX-Request", "true"));
    assertThat(notJson.body()).contains("The variables are not JSON");

    var rolled =
        post(
            "/console/prompt/rollback",
            Map.of(
                "_csrf",
                token,
                "project",
                "shop",
                "name",
                "support/reply",
                "env",
                "staging",
                "expected",
                "2",
                "reason",
                "too warm"),
            cookie,
            Map.of());
    assertThat(rolled.statusCode()).as(rolled.body()).isEqualTo(303);
    String after = get(url, session).body();
    assertThat(after).contains("rollback").contains("too warm");
    assertThat(
            server
                .get("/api/v1/projects/shop/prompts/support/reply?env=staging", ADMIN_KEY)
                .json()
                .get("version")
                .asInt())
        .isEqualTo(1);

    var deployed =
        post(
            "/console/prompt/deploy",
            Map.of(
                "_csrf",
                token,
                "project",
                "shop",
                "name",
                "support/reply",
                "env",
                "production",
                "version",
                "2",
                "reason",
                "ship it"),
            cookie,
            Map.of());
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(303);
    assertThat(
            server
                .get("/api/v1/projects/shop/prompts/support/reply?env=production", ADMIN_KEY)
                .json()
                .get("version")
                .asInt())
        .isEqualTo(2);
    assertThat(get(url, session).body()).contains("ship it");

    var labelled =
        post(
            "/console/prompt/deploy",
            Map.of(
                "_csrf",
                token,
                "project",
                "shop",
                "name",
                "support/reply",
                "env",
                "dev",
                "label",
                "canary",
                "version",
                "1",
                "reason",
                "try it"),
            cookie,
            Map.of());
    assertThat(labelled.statusCode()).as(labelled.body()).isEqualTo(303);
    assertThat(
            server
                .get("/api/v1/projects/shop/prompts/support/reply?label=canary", ADMIN_KEY)
                .json()
                .get("version")
                .asInt())
        .isEqualTo(1);
    String withLabel = get(url, session).body();
    assertThat(withLabel).contains("<strong>canary</strong> → v1").contains("Remove canary");
    var unpinned =
        post(
            "/console/prompt/unpin",
            Map.of(
                "_csrf",
                token,
                "project",
                "shop",
                "name",
                "support/reply",
                "label",
                "canary",
                "expected",
                "1"),
            cookie,
            Map.of());
    assertThat(unpinned.statusCode()).as(unpinned.body()).isEqualTo(303);
    assertThat(get(url, session).body()).doesNotContain("Remove canary").contains("No label");

    var stale =
        post(
            "/console/prompt/rollback",
            Map.of(
                "_csrf",
                token,
                "project",
                "shop",
                "name",
                "support/reply",
                "env",
                "staging",
                "expected",
                "2",
                "reason",
                "again"),
            cookie,
            Map.of());
    // staging runs v1 now, which nothing ran before: the refusal is a page saying so
    assertThat(stale.statusCode()).isIn(404, 409);
    assertThat(stale.body())
        .contains("role=\"alert\"")
        .contains("staging")
        .doesNotContain("Exception");
  }

  @Test
  void aChangeRequestIsReviewedAndMergedInTheConsole() {
    server.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "shop"));
    var policy =
        server.put(
            "/api/v1/projects/shop/policies",
            ADMIN_KEY,
            Map.of(
                "environments",
                Map.of("production", Map.of("approvals", 1)),
                "reason",
                "review first"));
    assertThat(policy.status()).as(policy.text()).isEqualTo(200);
    String editor = ConsoleFixture.key(server, "ed", "editor");
    String approver = ConsoleFixture.key(server, "ann", "approver");
    String deployer = ConsoleFixture.key(server, "shipper", "deployer");
    ConsoleFixture.push(server, "Hello {{name}}\n", "first");
    var opened =
        server.post(
            "/api/v1/projects/shop/changes",
            editor,
            Map.of(
                "prompt",
                "support/reply",
                "version",
                1,
                "environment",
                "production",
                "description",
                "greet by name"));
    assertThat(opened.status()).as(opened.text()).isEqualTo(201);

    String edSession = session(editor);
    assertThat(get("/console/changes", edSession).body())
        .contains("href=\"/console/change?project=shop&amp;number=1\"")
        .contains("support/reply@1");
    String asAuthor = get("/console/change?project=shop&number=1", edSession).body();
    assertThat(asAuthor)
        .contains("#1 support/reply@1 → production")
        .contains("greet by name")
        .contains("<strong>approvals</strong>")
        .contains("You opened this request")
        .doesNotContain(">Approve</button>");

    String annSession = session(approver);
    String asApprover = get("/console/change?project=shop&number=1", annSession).body();
    assertThat(asApprover).contains(">Approve</button>").doesNotContain("Merge and deploy");
    var approved =
        post(
            "/console/change/review",
            Map.of(
                "_csrf",
                csrf(asApprover),
                "project",
                "shop",
                "number",
                "1",
                "verdict",
                "approve",
                "comment",
                "looks good"),
            Console.SESSION_COOKIE + "=" + annSession);
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(303);
    assertThat(get("/console/change?project=shop&number=1", annSession).body())
        .contains("approved")
        .contains("looks good")
        .contains("Every rule is met");

    String shipSession = session(deployer);
    String asDeployer = get("/console/change?project=shop&number=1", shipSession).body();
    assertThat(asDeployer).contains("Merge and deploy to production").doesNotContain("disabled");
    var merged =
        post(
            "/console/change/merge",
            Map.of("_csrf", csrf(asDeployer), "project", "shop", "number", "1"),
            Console.SESSION_COOKIE + "=" + shipSession);
    assertThat(merged.statusCode()).as(merged.body()).isEqualTo(303);
    assertThat(get("/console/change?project=shop&number=1", shipSession).body())
        .contains("state-merged");
    assertThat(
            server
                .get("/api/v1/projects/shop/prompts/support/reply?env=production", ADMIN_KEY)
                .json()
                .get("version")
                .asInt())
        .isEqualTo(1);
    assertThat(get("/console/changes", shipSession).body()).contains("No open change requests");
  }

  @Test
  void theDriftPageShowsIncidentsConvergenceAndInstances() throws Exception {
    server.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "shop"));
    ConsoleFixture.push(server, "Hello {{name}}\n", "first");
    server.post(
        "/api/v1/projects/shop/prompts/support/reply/-/deploy",
        ADMIN_KEY,
        ConsoleFixture.deploy("staging", 1));
    String digest =
        server
            .get("/api/v1/projects/shop/prompts/support/reply?env=staging", ADMIN_KEY)
            .json()
            .get("digest")
            .asText();
    String unknown = "sha256:" + "0".repeat(64);
    ConsoleFixture.report(server, "web-1", "staging", digest, 3);
    ConsoleFixture.report(server, "web-2", "staging", unknown, 3);
    String session = session(ADMIN_KEY);
    String page = "";
    for (int i = 0; i < 100 && !page.contains("#1</th>"); i++) {
      Thread.sleep(100);
      page = get("/console/drift", session).body();
    }
    assertThat(page)
        .contains("<h1>Drift</h1>")
        .contains("#1</th>")
        .contains("unknown")
        .contains("web-2")
        .contains("(unregistered)")
        .contains("Deployment convergence")
        .contains("web-1")
        .contains("shop-web");
    assertThat(get("/console", session).body()).contains("#1 unknown");

    var ack =
        post(
            "/console/drift/acknowledge",
            Map.of("_csrf", csrf(page), "project", "shop", "number", "1", "note", "on it"),
            Console.SESSION_COOKIE + "=" + session);
    assertThat(ack.statusCode()).as(ack.body()).isEqualTo(303);
    assertThat(get("/console/drift", session).body()).contains("acknowledged by admin: on it");
  }

  @Test
  void theAuditPageFiltersAndVerifies() {
    server.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "shop"));
    server.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "bank"));
    ConsoleFixture.push(server, "Hello\n", "one");
    String admin = session(ADMIN_KEY);
    String all = get("/console/audit", admin).body();
    assertThat(all)
        .contains("<h1>Audit log</h1>")
        .contains("Verify the chain")
        .contains("support/reply")
        .contains("bank");
    String shopOnly = get("/console/audit?project=shop&action=", admin).body();
    assertThat(shopOnly).contains("support/reply").doesNotContain("<td>bank</td>");
    assertThat(get("/console/audit?verify=1", admin).body()).contains("The chain is intact");
    assertThat(get("/console/audit?from=yesterday", admin).statusCode()).isEqualTo(400);

    var created =
        server.post(
            "/api/v1/keys",
            ADMIN_KEY,
            Map.of("name", "shop-eyes", "roles", Map.of("shop", "viewer")));
    String viewer = session(created.json().get("secret").asText());
    String own = get("/console/audit", viewer).body();
    assertThat(own)
        .contains("support/reply")
        .doesNotContain("Verify the chain")
        .doesNotContain("<td>bank</td>");
    assertThat(get("/console/audit?project=bank", viewer).statusCode()).isEqualTo(403);
    assertThat(get("/console/audit?verify=1", viewer).statusCode()).isEqualTo(403);
  }

  @Test
  void theEvaluationPagesShowRunsTrendsAndCases() throws Exception {
    server.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "shop"));
    ConsoleFixture.push(server, "Hello {{name}}\n", "one");
    ConsoleFixture.push(server, "Hi {{name}}\n", "two");
    String first = ConsoleFixture.upload(server, 1, List.of(true, false, true), false);
    String second = ConsoleFixture.upload(server, 2, List.of(true, true, true), true);
    String session = session(ADMIN_KEY);
    String list = get("/console/evals", session).body();
    assertThat(list)
        .contains("<h1>Evaluations</h1>")
        .contains("data-chart=")
        .contains("<th scope=\"row\">v1</th><td>66.7 %</td>")
        .contains("<th scope=\"row\">v2</th><td>100.0 %</td>")
        .contains(first)
        .contains(second)
        .contains("failed")
        .contains("passed");

    String run = get("/console/eval?project=shop&id=" + first, session).body();
    assertThat(run)
        .contains("Failed")
        .contains("pass rate")
        .contains("Side by side")
        .contains("says hi to B")
        .contains("output does not contain");
    String failing = get("/console/eval?project=shop&id=" + first + "&failing=1", session).body();
    assertThat(failing).contains("says hi to B").doesNotContain("says hi to A");
    String searched = get("/console/eval?project=shop&id=" + first + "&q=to+C", session).body();
    assertThat(searched).contains("says hi to C").doesNotContain("says hi to B");
    assertThat(get("/console/eval?project=shop&id=ev_nope", session).statusCode()).isEqualTo(404);

    var registered =
        server.put(
            "/api/v1/projects/shop/suites/greet",
            ADMIN_KEY,
            Map.of(
                "suite",
                Map.of(
                    "prompts", List.of("support/reply@2"),
                    "cases",
                        List.of(
                            Map.of(
                                "vars",
                                Map.of("name", "Ann"),
                                "assert",
                                List.of(Map.of("type", "icontains", "value", "Ann")))))));
    assertThat(registered.status()).as(registered.text()).isEqualTo(200);
    String withSuite = get("/console/evals", session).body();
    assertThat(withSuite).contains("Run a registered suite").contains("shop · greet");
    var started =
        post(
            "/console/evals/run",
            Map.of("_csrf", csrf(withSuite), "suite", "shop/greet"),
            Console.SESSION_COOKIE + "=" + session);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
    String location = started.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("/console/eval?project=shop&id=ev_");
    assertThat(get(location, session).body()).contains("<h1>greet");

    String viewer =
        session(
            server
                .post(
                    "/api/v1/keys",
                    ADMIN_KEY,
                    Map.of("name", "evals-viewer", "roles", Map.of("shop", "viewer")))
                .json()
                .get("secret")
                .asText());
    assertThat(get("/console/evals", viewer).body()).doesNotContain("Run a registered suite");
  }

  @Test
  void settingsShowPoliciesAndProvidersAndManageKeys() {
    server.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "shop"));
    server.put(
        "/api/v1/projects/shop/policies",
        ADMIN_KEY,
        Map.of("environments", Map.of("production", Map.of("approvals", 2)), "reason", "two eyes"));
    var provider = new java.util.LinkedHashMap<String, Object>();
    provider.put("type", "openai");
    provider.put("apiKey", "sk-console-secret-0123456789");
    assertThat(server.put("/api/v1/projects/shop/providers/openai", ADMIN_KEY, provider).status())
        .isEqualTo(200);

    String admin = session(ADMIN_KEY);
    String page = get("/console/settings", admin).body();
    assertThat(page)
        .contains("dev → staging → production")
        .contains("two eyes")
        .contains("\"approvals\" : 2")
        .contains("stored (write-only")
        .doesNotContain("sk-console-secret")
        .contains("API keys")
        .contains("No webhook");

    var created =
        post(
            "/console/settings/keys",
            Map.of("_csrf", csrf(page), "name", "ci-bot", "project", "shop", "role", "editor"),
            Console.SESSION_COOKIE + "=" + admin);
    assertThat(created.statusCode()).isEqualTo(200);
    Matcher secret =
        Pattern.compile("<pre class=\"secret\">(po_[A-Za-z0-9]+)</pre>").matcher(created.body());
    assertThat(secret.find()).as(created.body()).isTrue();
    assertThat(server.get("/api/v1/projects/shop/prompts", secret.group(1)).status())
        .isEqualTo(200);
    String again = get("/console/settings", admin).body();
    assertThat(again).contains("ci-bot").doesNotContain(secret.group(1));

    String keyId = dev.promptops.core.auth.ApiKeys.idOf(secret.group(1));
    var revoked =
        post(
            "/console/settings/keys/revoke",
            Map.of("_csrf", csrf(again), "key", keyId),
            Console.SESSION_COOKIE + "=" + admin);
    assertThat(revoked.statusCode()).isEqualTo(303);
    assertThat(server.get("/api/v1/projects/shop/prompts", secret.group(1)).status())
        .isEqualTo(401);
    assertThat(get("/console/settings", admin).body()).contains("revoked");

    String cookie = Console.SESSION_COOKIE + "=" + admin;
    String token = csrf(get("/console/settings", admin).body());
    var policy =
        post(
            "/console/settings/policy",
            Map.of(
                "_csrf",
                token,
                "project",
                "shop",
                "policy",
                "{\"staging\": {\"approvals\": 1}}",
                "reason",
                "staging too"),
            cookie);
    assertThat(policy.statusCode()).as(policy.body()).isEqualTo(303);
    assertThat(server.get("/api/v1/projects/shop/policies", ADMIN_KEY).text())
        .contains("staging too");
    var badPolicy =
        post(
            "/console/settings/policy",
            Map.of("_csrf", token, "project", "shop", "policy", "{staging", "reason", "x"),
            cookie);
    assertThat(badPolicy.statusCode()).isEqualTo(400);
    assertThat(badPolicy.body()).contains("The policy is not JSON");
    var envs =
        post(
            "/console/settings/environments",
            Map.of(
                "_csrf", token, "project", "shop", "environments", "dev, qa, staging, production"),
            cookie);
    assertThat(envs.statusCode()).as(envs.body()).isEqualTo(303);
    assertThat(get("/console/settings", admin).body()).contains("dev → qa → staging → production");
    var provided =
        post(
            "/console/settings/provider",
            Map.of(
                "_csrf",
                token,
                "project",
                "shop",
                "name",
                "anthro",
                "type",
                "anthropic",
                "apiKey",
                "sk-typed-in-the-form-42"),
            cookie);
    assertThat(provided.statusCode()).as(provided.body()).isEqualTo(303);
    String withProvider = get("/console/settings", admin).body();
    assertThat(withProvider).contains("anthro").doesNotContain("sk-typed-in-the-form-42");
    var removed =
        post(
            "/console/settings/provider/remove",
            Map.of("_csrf", token, "project", "shop", "name", "anthro"),
            cookie);
    assertThat(removed.statusCode()).as(removed.body()).isEqualTo(303);
    assertThat(get("/console/settings", admin).body())
        .doesNotContain("<th scope=\"row\">anthro</th>");

    var hook =
        post(
            "/console/settings/webhook",
            Map.of(
                "_csrf",
                token,
                "project",
                "shop",
                "url",
                "http://127.0.0.1:9/hook",
                "events",
                "deployment.created"),
            cookie);
    assertThat(hook.statusCode()).as(hook.body()).isEqualTo(200);
    assertThat(hook.body())
        .contains("Webhook http://127.0.0.1:9/hook created")
        .containsPattern("<pre class=\"secret\">whsec_");
    String hooks = get("/console/settings", admin).body();
    assertThat(hooks).contains("http://127.0.0.1:9/hook").doesNotContain("whsec_");
    Matcher hookId = Pattern.compile("name=\"id\" value=\"([^\"]+)\"").matcher(hooks);
    assertThat(hookId.find()).isTrue();
    var pinged =
        post(
            "/console/settings/webhook/ping",
            Map.of("_csrf", token, "project", "shop", "id", hookId.group(1)),
            cookie);
    assertThat(pinged.statusCode()).as(pinged.body()).isEqualTo(303);
    assertThat(get("/console/settings", admin).body()).contains("<td>ping</td>");
    var deleted =
        post(
            "/console/settings/webhook/delete",
            Map.of("_csrf", token, "project", "shop", "id", hookId.group(1)),
            cookie);
    assertThat(deleted.statusCode()).isEqualTo(303);
    assertThat(get("/console/settings", admin).body())
        .doesNotContain("http://127.0.0.1:9/hook")
        .contains("No webhook");

    var viewerKey =
        server.post(
            "/api/v1/keys", ADMIN_KEY, Map.of("name", "eyes", "roles", Map.of("shop", "viewer")));
    String viewer = session(viewerKey.json().get("secret").asText());
    String theirs = get("/console/settings", viewer).body();
    assertThat(theirs)
        .contains("staging too")
        .doesNotContain("API keys")
        .doesNotContain("Webhooks")
        .doesNotContain("Save the policy")
        .doesNotContain("Save provider");
    var refused =
        post(
            "/console/settings/keys",
            Map.of("_csrf", csrf(theirs), "name", "sneaky", "project", "*", "role", "admin"),
            Console.SESSION_COOKIE + "=" + viewer);
    assertThat(refused.statusCode()).isEqualTo(403);
  }

  @Test
  void aViewerCannotRollBack() {
    server.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "shop"));
    ConsoleFixture.push(server, "Hello\n", "one");
    server.post(
        "/api/v1/projects/shop/prompts/support/reply/-/deploy",
        ADMIN_KEY,
        ConsoleFixture.deploy("staging", 1));
    var created =
        server.post(
            "/api/v1/keys", ADMIN_KEY, Map.of("name", "looker", "roles", Map.of("shop", "viewer")));
    String session = session(created.json().get("secret").asText());
    String page = get("/console/prompt?project=shop&name=support/reply", session).body();
    assertThat(page)
        .doesNotContain("Roll back staging")
        .contains("rollbacks need the deployer or admin role");
    var refused =
        post(
            "/console/prompt/rollback",
            Map.of(
                "_csrf",
                csrf(page),
                "project",
                "shop",
                "name",
                "support/reply",
                "env",
                "staging",
                "expected",
                "1"),
            Console.SESSION_COOKIE + "=" + session,
            Map.of());
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("Not allowed").contains("looker");
  }

  @Test
  void formsNeedTheSessionsToken() {
    String session = session(ADMIN_KEY);
    var forged =
        post(
            "/console/sign-out", Map.of("_csrf", "forged"), Console.SESSION_COOKIE + "=" + session);
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("not from your current session");
    assertThat(get("/console", session).statusCode()).isEqualTo(200);

    String token = csrf(get("/console", session).body());
    var out =
        post("/console/sign-out", Map.of("_csrf", token), Console.SESSION_COOKIE + "=" + session);
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(get("/console", session).statusCode()).isEqualTo(303);
  }

  @Test
  void aRevokedKeyEndsItsSessions() {
    server.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "shop"));
    var created =
        server.post(
            "/api/v1/keys",
            ADMIN_KEY,
            Map.of("name", "viewer-1", "roles", Map.of("shop", "viewer")));
    String secret = created.json().get("secret").asText();
    String session = session(secret);
    assertThat(get("/console", session).body()).contains("viewer-1").contains("shop");

    assertThat(server.delete("/api/v1/keys/viewer-1", ADMIN_KEY).status()).isEqualTo(200);
    var after = get("/console", session);
    assertThat(after.statusCode()).isEqualTo(303);
    assertThat(after.headers().firstValue("Location")).hasValue("/console/sign-in");
  }

  @Test
  void aKeySeesOnlyItsProjects() {
    server.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "shop"));
    server.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "bank"));
    var created =
        server.post(
            "/api/v1/keys",
            ADMIN_KEY,
            Map.of("name", "shop-viewer", "roles", Map.of("shop", "viewer")));
    String page = get("/console", session(created.json().get("secret").asText())).body();
    assertThat(page).contains("project-shop").doesNotContain("project-bank");
  }

  @Test
  void unknownPagesAndAssetsAreNotFound() {
    String session = session(ADMIN_KEY);
    var missing = get("/console/nothing-here", session);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body())
        .contains("There is no page GET /console/nothing-here")
        .contains("Back to the overview");

    var htmx = get("/console/assets/htmx.min.js", null);
    assertThat(htmx.statusCode()).isEqualTo(200);
    assertThat(htmx.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
    assertThat(htmx.body()).contains("htmx");
    assertThat(get("/console/assets/chart.umd.js", null).statusCode()).isEqualTo(200);
    assertThat(get("/console/assets/console.css", null).statusCode()).isEqualTo(200);
    assertThat(get("/console/assets/../../api/v1/keys", null).statusCode()).isIn(400, 404);
    assertThat(get("/console/assets/nope.js", null).statusCode()).isEqualTo(404);
  }

  // ---- helpers ----

  private String session(String key) {
    var r = signIn(key);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    return cookie(r, Console.SESSION_COOKIE);
  }

  private HttpResponse<String> signIn(String key) {
    var form = get("/console/sign-in", null);
    String pre = cookie(form, Console.SIGN_IN_COOKIE);
    return post(
        "/console/sign-in",
        Map.of("_csrf", csrf(form.body()), "key", key),
        Console.SIGN_IN_COOKIE + "=" + pre);
  }

  private static String csrf(String page) {
    Matcher m = CSRF.matcher(page);
    assertThat(m.find()).as("a CSRF field in %s", page).isTrue();
    return m.group(1);
  }

  private static String setCookie(HttpResponse<String> r, String name) {
    return r.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(name + "="))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no Set-Cookie " + name + " in " + r.headers().map()));
  }

  private static String cookie(HttpResponse<String> r, String name) {
    String header = setCookie(r, name);
    int end = header.indexOf(';');
    return header.substring(name.length() + 1, end < 0 ? header.length() : end);
  }

  private HttpResponse<String> get(String path, String session) {
    var b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(30));
    if (session != null) {
      b.header("Cookie", Console.SESSION_COOKIE + "=" + session);
    }
    return send(b.GET().build());
  }

  private HttpResponse<String> post(String path, Map<String, String> fields, String cookie) {
    return post(path, fields, cookie, Map.of());
  }

  private HttpResponse<String> post(
      String path, Map<String, String> fields, String cookie, Map<String, String> headers) {
    var body = new StringBuilder();
    fields.forEach(
        (k, v) ->
            body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    var b =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    headers.forEach(b::header);
    return send(b.build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
