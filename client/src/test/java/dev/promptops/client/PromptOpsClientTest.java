package dev.promptops.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.ErrorKind;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.auth.Role;
import dev.promptops.core.registry.PushItem;
import dev.promptops.core.registry.Ref;
import dev.promptops.core.registry.Selector;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromptOpsClientTest {
  private final StubServer stub = new StubServer();
  private final PromptOpsClient client =
      PromptOpsClient.builder(stub.url() + "/").apiKey("po_secret").build();

  @AfterEach
  void close() {
    client.close();
    stub.close();
  }

  @Test
  void sendsTheKeyAsBearerAndKeepsSlashesOfPromptNames() {
    stub.reply(
        200,
        "{\"prompt\":\"support/reply\",\"latestVersion\":2,\"pins\":["
            + "{\"target\":\"staging\",\"kind\":\"env\",\"version\":2,\"updatedAt\":\"2026-01-01T00:00:00Z\"}]}");

    PinList pins = client.pins("shop", "support/reply");

    assertThat(stub.last().rawPath())
        .isEqualTo("/api/v1/projects/shop/prompts/support/reply/-/pins");
    assertThat(stub.last().authorization()).isEqualTo("Bearer po_secret");
    assertThat(pins.versionAt("staging")).isEqualTo(2);
    assertThat(pins.versionAt("production")).isNull();
    assertThat(pins.latestVersion()).isEqualTo(2);
  }

  @Test
  void encodesEachSegmentAndQueryValue() {
    assertThat(ApiPath.of("keys", "ci bot/x").toString()).isEqualTo("/api/v1/keys/ci%20bot%2Fx");
    assertThat(ApiPath.of("projects", "shop", "diff").query("from", "a/b@2").query("to", null))
        .hasToString("/api/v1/projects/shop/diff?from=a%2Fb%402");
  }

  @Test
  void resolvesAVersionWithItsResolvedVia() {
    stub.reply(200, versionJson(3, ",\"resolvedVia\":\"version\""));

    var r = client.resolve("shop", Ref.parse("support/reply@3"));

    assertThat(stub.last().rawPath())
        .isEqualTo("/api/v1/projects/shop/prompts/support/reply?version=3");
    assertThat(r.version().version()).isEqualTo(3);
    assertThat(r.version().template()).isEqualTo("Hello {{name}}\n");
    assertThat(r.via()).isEqualTo("version");
  }

  @Test
  void pushesAllFilesInOneRequest() {
    stub.reply(
        201,
        "{\"results\":[{\"name\":\"hello\",\"version\":2,\"digest\":\"sha256:ab\","
            + "\"created\":false,\"summary\":\"x\"}]}");

    var results =
        client.push("shop", List.of(new PushItem("hello", "Hi"), new PushItem("a/b", "Yo")), "m");

    assertThat(stub.last().method()).isEqualTo("POST");
    assertThat(stub.last().contentType()).isEqualTo("application/json");
    assertThat(stub.last().body())
        .isEqualTo(
            "{\"prompts\":[{\"name\":\"hello\",\"source\":\"Hi\"},"
                + "{\"name\":\"a/b\",\"source\":\"Yo\"}],\"message\":\"m\"}");
    assertThat(results.getFirst().describe()).contains("unchanged, identical to v2");
  }

  @Test
  void deploySendsExpectedVersionEvenWhenNothingIsPinned() {
    stub.reply(
        200,
        "{\"changed\":true,\"prompt\":\"hello\",\"target\":\"staging\",\"version\":1,"
            + "\"digest\":\"sha256:ab\",\"deployment\":{\"id\":7,\"project\":\"shop\",\"prompt\":\"hello\","
            + "\"target\":\"staging\",\"targetKind\":\"env\",\"fromVersion\":null,\"toVersion\":1,"
            + "\"kind\":\"deploy\",\"actor\":\"admin\",\"reason\":\"\",\"at\":\"2026-01-01T00:00:00Z\"}}");

    var outcome = client.deploy("shop", "hello", new Selector.Env("staging"), 1, null, "go");

    assertThat(stub.last().rawPath()).isEqualTo("/api/v1/projects/shop/prompts/hello/-/deploy");
    assertThat(stub.last().body())
        .isEqualTo(
            "{\"env\":\"staging\",\"version\":1,\"expectedVersion\":null,\"reason\":\"go\"}");
    assertThat(outcome.changed()).isTrue();
    assertThat(outcome.version()).isEqualTo(1);
    assertThat(outcome.deployment().fromVersion()).isNull();
  }

  @Test
  void readsKeysWithTheirSecretOnlyAtCreation() {
    stub.reply(
        201,
        "{\"id\":\"k_1\",\"name\":\"ci\",\"roles\":{\"shop\":\"editor\"},"
            + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"createdBy\":\"admin\",\"revokedAt\":null,"
            + "\"secret\":\"po_abc\"}");

    var created = client.createKey("ci", Map.of("shop", Role.EDITOR));

    assertThat(stub.last().body()).isEqualTo("{\"name\":\"ci\",\"roles\":{\"shop\":\"editor\"}}");
    assertThat(created.secret()).isEqualTo("po_abc");
    assertThat(created.key().roles()).containsEntry("shop", Role.EDITOR);
    assertThat(created.key().active()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "400, INVALID",
    "401, UNAUTHENTICATED",
    "403, PERMISSION_DENIED",
    "404, NOT_FOUND",
    "405, INVALID",
    "409, CONFLICT",
    "413, TOO_LARGE",
    "422, UNPROCESSABLE",
    "500, INTERNAL",
    "502, INTERNAL",
    "503, UNAVAILABLE"
  })
  void errorAnswersBecomeExceptionsOfTheStatusKind(int status, ErrorKind kind) {
    stub.reply(status, "{\"error\":{\"code\":\"c\",\"message\":\"m\",\"hint\":\"h\"}}");

    assertThatThrownBy(() -> client.project("shop"))
        .isInstanceOfSatisfying(
            PromptOpsException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(kind);
              assertThat(e.code()).isEqualTo("c");
              assertThat(e.getMessage()).isEqualTo("m");
              assertThat(e.hint()).isEqualTo("h");
            });
  }

  @Test
  void keepsTheDetailsOfALostCompareAndSet() {
    stub.reply(
        409,
        "{\"error\":{\"code\":\"pin_changed\",\"message\":\"moved\",\"hint\":\"\","
            + "\"details\":{\"prompt\":\"hello\",\"target\":\"staging\",\"currentVersion\":3}}}");

    assertThatThrownBy(() -> client.promote("shop", "hello", "dev", "staging", 2, null))
        .isInstanceOfSatisfying(
            PromptOpsException.class,
            e -> assertThat(e.details().path("currentVersion").asInt()).isEqualTo(3));
  }

  @Test
  void anErrorThatIsNotJsonNamesTheStatusAndRequest() {
    stub.reply(502, "<html>Bad gateway</html>");

    assertThatThrownBy(() -> client.projects())
        .isInstanceOfSatisfying(
            PromptOpsException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL);
              assertThat(e.code()).isEqualTo("http_502");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "HTTP 502 from GET "
                          + stub.url()
                          + "/api/v1/projects: "
                          + "<html>Bad gateway</html>");
            });
  }

  @Test
  void aServerThatIsNotRunningIsUnavailableWithAHint() throws Exception {
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    try (var c = PromptOpsClient.builder(url).apiKey("k").build()) {
      assertThatThrownBy(c::whoami)
          .isInstanceOfSatisfying(
              PromptOpsException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
                assertThat(e.getMessage()).contains(url).contains("connection refused");
                assertThat(e.hint())
                    .isEqualTo("start it with ./promptops server, or pass --server");
              });
    }
  }

  @Test
  void aSlowServerTimesOut() {
    stub.delay(Duration.ofSeconds(1));
    try (var c =
        PromptOpsClient.builder(stub.url()).requestTimeout(Duration.ofMillis(200)).build()) {
      assertThatThrownBy(c::healthy)
          .isInstanceOfSatisfying(
              PromptOpsException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
                assertThat(e.code()).isEqualTo("server_timeout");
                assertThat(e.getMessage()).contains(stub.url() + "/healthz");
              });
    }
  }

  @Test
  void rejectsABaseUrlThatIsNotHttp() {
    assertThatThrownBy(() -> PromptOpsClient.builder("127.0.0.1:7070").build())
        .isInstanceOfSatisfying(
            PromptOpsException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
              assertThat(e.getMessage()).isEqualTo("not a server URL: '127.0.0.1:7070'");
            });
  }

  private static String versionJson(int version, String extra) {
    return "{\"project\":\"shop\",\"name\":\"support/reply\",\"version\":"
        + version
        + ",\"digest\":\"sha256:ab\",\"frontMatter\":{\"model\":\"m\"},"
        + "\"template\":\"Hello {{name}}\\n\",\"components\":[],\"message\":\"\","
        + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"createdBy\":\"ci\""
        + extra
        + "}";
  }
}
