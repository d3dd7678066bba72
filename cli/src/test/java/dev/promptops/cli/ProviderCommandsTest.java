package dev.promptops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code promptops provider …} sends and prints; the API key never on the command line. */
class ProviderCommandsTest {
  static final String SECRET = "sk-proj-Tz4Kd8Wq1Lm6Np3Rv9Xs2Bc7Fh5Jg0Ya";
  static final String OPENAI =
      "{\"project\":\"shop\",\"name\":\"openai\",\"type\":\"openai\",\"baseUrl\":null,"
          + "\"options\":{},\"timeoutSeconds\":30,\"maxRetries\":3,\"maxConcurrent\":4,"
          + "\"requestsPerMinute\":60,\"hasSecret\":true,\"secretKeyId\":\"3fa2c81b90d4\","
          + "\"apiKeyVariable\":\"PROMPTOPS_PROVIDER_OPENAI_API_KEY\","
          + "\"updatedAt\":\"2026-11-25T10:00:00Z\",\"updatedBy\":\"admin\"}";
  static final String VLLM =
      "{\"project\":\"shop\",\"name\":\"vllm\",\"type\":\"openai-compatible\","
          + "\"baseUrl\":\"http://gpu:8000/v1\",\"options\":{},\"timeoutSeconds\":60,"
          + "\"maxRetries\":2,\"maxConcurrent\":0,\"requestsPerMinute\":0,\"hasSecret\":false,"
          + "\"secretKeyId\":null,\"apiKeyVariable\":null,"
          + "\"updatedAt\":\"2026-11-25T10:00:00Z\",\"updatedBy\":\"admin\"}";

  @TempDir Path dir;
  private final StubApi api = new StubApi();
  private CliRunner cli;

  @BeforeEach
  void setUp() {
    cli =
        new CliRunner(dir)
            .env("PROMPTOPS_URL", api.url())
            .env("PROMPTOPS_API_KEY", "po_k")
            .env("PROMPTOPS_PROJECT", "shop")
            .env("OPENAI_API_KEY", SECRET);
    api.on("PUT", "/projects/shop/providers/openai", 200, OPENAI);
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  @Test
  void addReadsTheKeyFromAnEnvironmentVariable() throws Exception {
    var r =
        cli.run(
            "provider",
            "add",
            "openai",
            "--type",
            "openai",
            "--api-key-env",
            "OPENAI_API_KEY",
            "--call-timeout",
            "30",
            "--max-retries",
            "3",
            "--max-concurrent",
            "4",
            "--rpm",
            "60");

    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode body = Json.parse(api.last("PUT").body());
    assertThat(body.get("apiKey").asText()).isEqualTo(SECRET);
    assertThat(body.get("type").asText()).isEqualTo("openai");
    assertThat(body.get("timeoutSeconds").asInt()).isEqualTo(30);
    assertThat(body.get("maxRetries").asInt()).isEqualTo(3);
    assertThat(body.get("maxConcurrent").asInt()).isEqualTo(4);
    assertThat(body.get("requestsPerMinute").asInt()).isEqualTo(60);
    assertThat(body.has("baseUrl")).isFalse();
    assertThat(r.out())
        .isEqualTo(
            """
            saved provider openai in project shop
            name:      openai
            type:      openai
            endpoint:  (default)
            api key:   stored (master key 3fa2c81b90d4)
            limits:    timeout 30s, 3 retries, 4 at once, 60/min
            updated:   2026-11-25 10:00:00Z by admin
            """);
    assertThat(r.out() + r.err()).doesNotContain(SECRET);
  }

  @Test
  void addReadsTheKeyFromStandardInput() throws Exception {
    var r =
        cli.stdin(SECRET + "\n")
            .run("provider", "add", "openai", "--type", "openai", "--api-key-stdin");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(Json.parse(api.last("PUT").body()).get("apiKey").asText()).isEqualTo(SECRET);
    assertThat(r.out() + r.err()).doesNotContain(SECRET);
  }

  @Test
  void addWithoutAKeySourceKeepsTheStoredKey() throws Exception {
    api.on("PUT", "/projects/shop/providers/vllm", 200, VLLM);

    var r =
        cli.run(
            "provider",
            "add",
            "vllm",
            "--type",
            "openai-compatible",
            "--base-url",
            "http://gpu:8000/v1",
            "--option",
            "org=research");

    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode body = Json.parse(api.last("PUT").body());
    assertThat(body.has("apiKey")).isFalse();
    assertThat(body.get("baseUrl").asText()).isEqualTo("http://gpu:8000/v1");
    assertThat(body.at("/options/org").asText()).isEqualTo("research");
    assertThat(r.out())
        .contains("api key:   none stored (a custom endpoint takes only a stored key)");
  }

  @Test
  void keySourcesAreCheckedBeforeAnyRequest() {
    var unset =
        cli.run("provider", "add", "openai", "--type", "openai", "--api-key-env", "NOPE_KEY");
    assertThat(unset.code()).isEqualTo(2);
    assertThat(unset.err())
        .contains("error: --api-key-env names NOPE_KEY, which is not set")
        .contains("hint: export NOPE_KEY first, or use --api-key-stdin");

    var emptyStdin =
        cli.stdin("\n").run("provider", "add", "openai", "--type", "openai", "--api-key-stdin");
    assertThat(emptyStdin.code()).isEqualTo(2);
    assertThat(emptyStdin.err()).contains("error: standard input holds no API key");

    var both =
        cli.run(
            "provider",
            "add",
            "openai",
            "--type",
            "openai",
            "--api-key-env",
            "OPENAI_API_KEY",
            "--api-key-stdin");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");

    var badType = cli.run("provider", "add", "openai", "--type", "gpt");
    assertThat(badType.code()).isEqualTo(2);
    assertThat(badType.err()).contains("not a provider type: 'gpt'");

    var noUrl = cli.run("provider", "add", "vllm", "--type", "openai-compatible");
    assertThat(noUrl.err()).contains("a provider of type openai-compatible needs a base URL");

    assertThat(api.requests()).isEmpty();
  }

  @Test
  void theKeyCannotBeGivenAsAPlainArgument() {
    var r = cli.run("provider", "add", "openai", "--type", "openai", "--api-key-value", SECRET);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown options: '--api-key-value'");
    assertThat(api.requests()).isEmpty();

    var keyAsVariable =
        cli.run("provider", "add", "openai", "--type", "openai", "--api-key-env", SECRET);
    assertThat(keyAsVariable.code()).isEqualTo(2);
    assertThat(keyAsVariable.err())
        .contains("--api-key-env takes the name of an environment variable")
        .doesNotContain(SECRET);
  }

  @Test
  void listShowAndRemove() {
    api.on("GET", "/projects/shop/providers", 200, "{\"providers\":[" + OPENAI + "," + VLLM + "]}");
    api.on("GET", "/projects/shop/providers/vllm", 200, VLLM);
    api.on("DELETE", "/projects/shop/providers/openai", 200, OPENAI);

    var list = cli.run("provider", "list");
    assertThat(list.code()).as(list.toString()).isZero();
    assertThat(list.out())
        .isEqualTo(
            """
            NAME    TYPE               ENDPOINT            API KEY                           LIMITS
            openai  openai             (default)           stored (master key 3fa2c81b90d4)  timeout 30s, 3 retries, 4 at once, 60/min
            vllm    openai-compatible  http://gpu:8000/v1  none                              timeout 60s, 2 retries
            """);

    var show = cli.run("provider", "show", "vllm");
    assertThat(show.out()).contains("endpoint:  http://gpu:8000/v1");

    var json = cli.run("provider", "show", "vllm", "--output", "json");
    assertThat(json.out()).contains("\"hasSecret\" : false");

    var removed = cli.run("provider", "remove", "openai");
    assertThat(removed.out())
        .isEqualTo("removed provider openai from project shop, with its stored API key\n");
  }

  @Test
  void anUnknownProviderIsAUsageError() {
    api.on(
        "GET",
        "/projects/shop/providers/nope",
        404,
        StubApi.error(
            "provider_not_found",
            "no provider 'nope' in project 'shop'",
            "list them with `promptops provider list`"));

    var r = cli.run("provider", "show", "nope");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("error: no provider 'nope' in project 'shop'");
  }

  @Test
  void helpDocumentsTheKeySources() {
    var r = cli.run("provider", "add", "--help");

    assertThat(r.out())
        .contains("--api-key-env=VAR")
        .contains("--api-key-stdin")
        .contains("never from the command line")
        .contains("--call-timeout=SECONDS")
        .contains("--rpm=N");
    assertThat(cli.run("--help").out()).contains("provider");
  }
}
