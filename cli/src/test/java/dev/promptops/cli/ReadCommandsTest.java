package dev.promptops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the reading commands print what the server answers. */
class ReadCommandsTest {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  @TempDir Path dir;
  private final StubApi api = new StubApi();
  private CliRunner cli;

  @BeforeEach
  void setUp() {
    cli =
        new CliRunner(dir)
            .env("PROMPTOPS_URL", api.url())
            .env("PROMPTOPS_API_KEY", "po_k")
            .env("PROMPTOPS_PROJECT", "shop");
    api.on("GET", "/projects/shop", 200, StubApi.project("shop", "dev", "staging", "production"));
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  @Test
  void lsShowsAColumnPerEnvironmentAndTheLabels() {
    api.on(
        "GET",
        "/projects/shop/prompts",
        200,
        "{\"prompts\":[{\"name\":\"hello\",\"latestVersion\":3,\"latestDigest\":\""
            + DIGEST
            + "\",\"updatedAt\":\"2026-11-25T10:00:00Z\",\"pins\":{\"production\":2,\"staging\":3,"
            + "\"canary\":3,\"latest\":3}},{\"name\":\"support/reply\",\"latestVersion\":1,"
            + "\"latestDigest\":\""
            + DIGEST
            + "\",\"updatedAt\":\"2026-11-25T10:00:00Z\",\"pins\":{}}]}");

    var r = cli.run("ls");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            NAME           LATEST  DEV  STAGING  PRODUCTION  LABELS
            hello          v3      -    v3       v2          canary=v3
            support/reply  v1      -    -        -           -
            """);
  }

  @Test
  void showPrintsProvenancePinsAndTheSource() {
    api.on(
        "GET",
        "/projects/shop/prompts/support/reply",
        200,
        "{\"project\":\"shop\",\"name\":\"support/reply\",\"version\":2,\"digest\":\""
            + DIGEST
            + "\",\"frontMatter\":{\"model\":\"openai/gpt-4o-mini\",\"config\":{\"temperature\":0.2}},"
            + "\"template\":\"Hello {{name}}\\n\",\"components\":[],\"message\":\"tone\","
            + "\"source\":\"---\\n# as pushed\\nmodel: openai/gpt-4o-mini\\nconfig: {temperature: 0.2}\\n"
            + "---\\nHello {{name}}\\n\","
            + "\"createdAt\":\"2026-11-25T10:00:00Z\",\"createdBy\":\"ci-bot\","
            + "\"resolvedVia\":\"env:production\"}");
    api.on(
        "GET",
        "/projects/shop/prompts/support/reply/-/pins",
        200,
        StubApi.pins("support/reply", "production", "2", "staging", "3"));

    var r = cli.run("show", "support/reply");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "support/reply@2  "
                + DIGEST
                + "\n"
                + """
                resolved via  env:production
                author        ci-bot
                date          2026-11-25 10:00:00Z
                message       tone
                pins          production=v2, staging=v3

                ---
                # as pushed
                model: openai/gpt-4o-mini
                config: {temperature: 0.2}
                ---
                Hello {{name}}
                """);
  }

  @Test
  void showOfAnEnvironmentAsksForThatEnvironment() {
    api.on(
        "GET",
        "/projects/shop/prompts/hello?env=staging",
        200,
        "{\"project\":\"shop\",\"name\":\"hello\",\"version\":3,\"digest\":\""
            + DIGEST
            + "\",\"frontMatter\":{},\"template\":\"Hi\",\"components\":[],\"message\":\"\","
            + "\"createdAt\":\"2026-11-25T10:00:00Z\",\"createdBy\":\"admin\",\"resolvedVia\":\"env:staging\"}");

    var r = cli.run("show", "hello:staging", "--output", "json");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("\"resolvedVia\" : \"env:staging\"", "\"version\" : 3");
  }

  @Test
  void historyIsATableNewestFirst() {
    api.on(
        "GET",
        "/projects/shop/prompts/hello/-/history?limit=5&env=staging",
        200,
        "{\"deployments\":["
            + StubApi.deployment(8, "hello", "staging", 2, 1, "rollback")
            + ","
            + StubApi.deployment(7, "hello", "staging", null, 2, "deploy")
            + "]}");

    var r = cli.run("history", "hello", "--env", "staging", "--limit", "5");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            ID  AT                    TARGET   KIND      CHANGE         ACTOR  REASON
            #8  2026-11-25 10:00:00Z  staging  rollback  v2 -> v1       admin  tone
            #7  2026-11-25 10:00:00Z  staging  deploy    nothing -> v2  admin  tone
            """);
  }

  @Test
  void diffShowsTheTemplateThenFieldsWithSchemaChangesMarked() {
    api.on(
        "GET",
        "/projects/shop/diff?from=hello%401&to=hello%3Aproduction",
        200,
        "{\"from\":\"hello@1\",\"to\":\"hello@2\",\"fromDigest\":\"sha256:01\",\"toDigest\":\"sha256:02\","
            + "\"identical\":false,\"template\":\"--- hello@1\\n+++ hello@2\\n@@ -1 +1 @@\\n-Hi\\n+Hello\\n\","
            + "\"frontMatter\":[{\"path\":\"/config/temperature\",\"change\":\"changed\",\"from\":0.2,"
            + "\"to\":0.7,\"schema\":false},{\"path\":\"/input/schema/tone\",\"change\":\"added\","
            + "\"from\":null,\"to\":\"string\",\"schema\":true}],\"components\":[]}");

    var r = cli.run("diff", "hello@1", "hello:production");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            from hello@1  sha256:01
            to   hello@2  sha256:02

            --- hello@1
            +++ hello@2
            @@ -1 +1 @@
            -Hi
            +Hello

            front matter:
              ~ /config/temperature: 0.2 -> 0.7
              + /input/schema/tone: "string"  [schema]

            components: unchanged
            """);
  }

  @Test
  void auditLogFollowsPagesUpToTheLimit() {
    String entry =
        "{\"seq\":%d,\"at\":\"2026-11-25T10:00:00Z\",\"actor\":\"admin\",\"action\":\"version.create\","
            + "\"project\":\"shop\",\"target\":\"hello\",\"details\":{\"version\":%d},"
            + "\"prevHash\":\"0\",\"hash\":\"1\"}";
    api.on(
        "GET",
        "/projects/shop/audit?prompt=hello&limit=3",
        200,
        "{\"entries\":[" + entry.formatted(1, 1) + "," + entry.formatted(2, 2) + "],\"next\":2}");
    api.on(
        "GET",
        "/projects/shop/audit?prompt=hello&after=2&limit=1",
        200,
        "{\"entries\":[" + entry.formatted(3, 3) + "],\"next\":3}");

    var r = cli.run("audit", "log", "--prompt", "hello", "--limit", "3");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            SEQ  AT                    ACTOR  ACTION          PROJECT  TARGET  DETAILS
            #1   2026-11-25 10:00:00Z  admin  version.create  shop     hello   {"version":1}
            #2   2026-11-25 10:00:00Z  admin  version.create  shop     hello   {"version":2}
            #3   2026-11-25 10:00:00Z  admin  version.create  shop     hello   {"version":3}
            (more entries follow #3; raise --limit to see them)
            """);
  }

  @Test
  void auditVerifyExitsOneWhenTheChainIsBroken() {
    api.on(
        "GET",
        "/audit/verify",
        200,
        "{\"ok\":false,\"entries\":12,\"brokenAt\":7,\"problem\":\"hash does not match its content\","
            + "\"headHash\":\"ff\"}");

    var r = cli.run("audit", "verify");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            """
            audit chain BROKEN at entry #7 (of 12 checked)
            problem: hash does not match its content
            entries from #7 on cannot be trusted
            """);
  }

  @Test
  void auditVerifyExitsZeroWhenIntact() {
    api.on(
        "GET",
        "/audit/verify",
        200,
        "{\"ok\":true,\"entries\":12,\"brokenAt\":0,\"problem\":\"\",\"headHash\":\"ff\"}");

    var r = cli.run("audit", "verify");

    assertThat(r.code()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            audit chain intact: 12 entries, head hash ff
            no signed checkpoint yet: a removed tail would not show (`promptops audit checkpoint` signs one now)
            """);
  }

  @Test
  void auditVerifyNamesATruncatedTail() {
    api.on(
        "GET",
        "/audit/verify",
        200,
        "{\"ok\":false,\"issue\":\"truncated\",\"entries\":41,\"brokenAt\":42,\"problem\":"
            + "\"the log ends at entry 41 but checkpoint 3 signed entry 57 on 2026-11-25T10:00:00Z:"
            + " entries 42–57 were removed\",\"headHash\":\"ff\",\"checkpoints\":3,"
            + "\"checkpointedSeq\":40}");

    var r = cli.run("audit", "verify");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            """
            audit log TRUNCATED after entry #41
            problem: the log ends at entry 41 but checkpoint 3 signed entry 57 on \
            2026-11-25T10:00:00Z: entries 42–57 were removed
            entries from #42 on cannot be trusted
            """);
  }

  @Test
  void whoamiAndKeys() {
    api.on(
        "GET",
        "/whoami",
        200,
        "{\"keyId\":\"k_1\",\"name\":\"ci\",\"roles\":{\"shop\":\"editor\",\"*\":\"viewer\"},"
            + "\"serverAdmin\":false}");
    api.on(
        "POST",
        "/keys",
        201,
        "{\"id\":\"k_2\",\"name\":\"bot\",\"roles\":{\"shop\":\"deployer\"},\"createdAt\":"
            + "\"2026-11-25T10:00:00Z\",\"createdBy\":\"admin\",\"revokedAt\":null,\"secret\":\"po_s\"}");

    assertThat(cli.run("whoami").out())
        .startsWith(
            "key           ci (k_1)\nroles         *=viewer, shop=editor\nserver admin  no\n");
    var created = cli.run("keys", "create", "bot", "--role", "shop=deployer");
    assertThat(created.out())
        .isEqualTo(
            """
            created key bot (k_2): shop=deployer
            secret: po_s
            store the secret now: it is not shown again
            """);
    assertThat(api.last("POST").body())
        .isEqualTo("{\"name\":\"bot\",\"roles\":{\"shop\":\"deployer\"}}");
  }

  @Test
  void aWrongKeyIsAUsageErrorWithTheServersMessage() {
    api.on(
        "GET",
        "/projects",
        401,
        StubApi.error("unauthenticated", "unknown API key", "check PROMPTOPS_API_KEY"));

    var r = cli.run("projects");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: unknown API key\nhint: check PROMPTOPS_API_KEY\n");
  }

  @Test
  void aServerFailureExitsThree() {
    api.on("GET", "/projects", 500, StubApi.error("internal", "storage failed", ""));

    var r = cli.run("projects");

    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).isEqualTo("error: storage failed\n");
  }
}
