package dev.promptops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.json.Json;
import dev.promptops.core.registry.Impact;
import dev.promptops.core.wire.Wire;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code promptops impact}: the request, the table, the diffs and what adopting means. */
class ImpactCommandTest {
  static final Impact IMPACT =
      new Impact(
          "_footer",
          3,
          3,
          List.of(
              new Impact.Affected("reply", 1, "sha256:1", 1, false, List.of(), true),
              new Impact.Affected("reply", 2, "sha256:2", 2, false, List.of("production"), true),
              new Impact.Affected("reply", 3, "sha256:3", 3, true, List.of("staging"), false),
              new Impact.Affected(
                  "support/mail", 1, "sha256:4", 2, true, List.of("production", "canary"), true)),
          List.of(
              new Impact.Change(1, 3, "--- _footer@1\n+++ _footer@3\n@@ -1 +1 @@\n-Bye\n+Cheers\n"),
              new Impact.Change(
                  2, 3, "--- _footer@2\n+++ _footer@3\n@@ -1 +1 @@\n-Ciao\n+Cheers\n")));

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
    api.on("GET", "/projects/shop/prompts/footer/-/impact", 200, Json.write(Wire.impact(IMPACT)));
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  @Test
  void showsWhatRunsAndWhatAdoptingWouldChange() {
    var r = cli.run("impact", "footer");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            component _footer: newest v3

            PROMPT        VERSION  PINS  RUNS IN             LATEST  ADOPTING v3
            reply         v2       v2    production          no      changes
            reply         v3       v3    staging             yes     no change
            support/mail  v1       v2    production, canary  yes     changes
            (and 1 older version running nowhere; --all lists it)

            _footer v2 -> v3:
            --- _footer@2
            +++ _footer@3
            @@ -1 +1 @@
            -Ciao
            +Cheers

            Nothing deployed changes by itself: each version keeps the component version it pins.
            To adopt v3, push the prompts again (promptops push): each gets a new version
            pinning it, which you deploy the normal way (promptops deploy NAME@VERSION --env ENV, \
            then promote).
            """);
  }

  @Test
  void allListsEveryVersionAndAVersionIsSent() {
    api.on(
        "GET",
        "/projects/shop/prompts/_footer/-/impact?version=3",
        200,
        Json.write(Wire.impact(IMPACT)));

    var r = cli.run("impact", "_footer@3", "--all");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("reply         v1       v1    -")
        .contains("_footer v1 -> v3:", "_footer v2 -> v3:")
        .doesNotContain("running nowhere");
  }

  @Test
  void jsonPrintsTheImpact() throws Exception {
    var r = cli.run("impact", "footer", "--output", "json");

    assertThat(Wire.impact(Json.parse(r.out()))).isEqualTo(IMPACT);
  }

  @Test
  void aComponentNothingPinsSaysSo() {
    api.on(
        "GET",
        "/projects/shop/prompts/lonely/-/impact",
        200,
        Json.write(Wire.impact(new Impact("_lonely", 1, 1, List.of(), List.of()))));

    assertThat(cli.run("impact", "lonely").out())
        .isEqualTo("component _lonely: newest v1\nno prompt version pins it\n");
  }

  @Test
  void aBadVersionIsAUsageError() {
    var r = cli.run("impact", "footer@x");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: not a component version: 'footer@x'");
    assertThat(api.requests()).isEmpty();
  }
}
