package dev.promptops.server.api;

import static dev.promptops.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.provider.UsageEvent;
import dev.promptops.providers.mock.MockLlmConfig;
import dev.promptops.providers.mock.MockLlmServer;
import dev.promptops.providers.mock.MockProtocol;
import dev.promptops.providers.mock.MockRule;
import dev.promptops.providers.mock.MockRules;
import dev.promptops.server.ServerConfig;
import dev.promptops.server.TestServer;
import dev.promptops.server.TestServer.Resp;
import dev.promptops.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PromptOps server and a mock LLM server, with project {@code shop} configured through the API
 * with one provider of each type pointed at the mock, each with its own API key.
 */
final class LlmFixture implements AutoCloseable {
  static final String P = "/api/v1/projects/shop";

  /** A provider of the project: its name, type, the mock protocol it speaks, and its API key. */
  record Provider(String name, String type, MockProtocol protocol, String apiKey) {}

  static final List<Provider> PROVIDERS =
      List.of(
          new Provider("openai", "openai", MockProtocol.OPENAI, "sk-openai-Hx7Lq2Wm9Rt4Yb6Nc1V"),
          new Provider("compat", "openai-compatible", MockProtocol.OPENAI, "sk-compat-Qp3Zr8Tn"),
          new Provider("azure", "azure-openai", MockProtocol.AZURE_OPENAI, "az-Mk2Vb7Xc9Lq4Wd"),
          new Provider("anthropic", "anthropic", MockProtocol.ANTHROPIC, "sk-ant-Rw5Tg8Yh1Jk"),
          new Provider("google", "gemini", MockProtocol.GEMINI, "AIza-Gm4Nb6Vc8Xz2Lk"),
          new Provider("ollama", "ollama", MockProtocol.OLLAMA, "ol-Pz9Qx3Wv5Ut7Sr"));

  final MockLlmServer mock;
  final TestServer server;
  private final TestDatabases.Database db;

  private LlmFixture(MockLlmServer mock, TestServer server, TestDatabases.Database db) {
    this.mock = mock;
    this.server = server;
    this.db = db;
  }

  /** The servers on {@code db}, with the project and its providers configured. */
  static LlmFixture start(Path dataDir, TestDatabases.Database db) {
    return start(dataDir, db, null);
  }

  /** Likewise, the server's environment being {@code env} (null: the process's). */
  static LlmFixture start(Path dataDir, TestDatabases.Database db, Map<String, String> env) {
    MockLlmServer mock =
        MockLlmServer.start(MockLlmConfig.defaults().withMaxHold(Duration.ofSeconds(10)));
    TestServer server = null;
    try {
      var config =
          new ServerConfig(
              "127.0.0.1",
              0,
              dataDir,
              db.jdbcUrl(),
              db.user(),
              db.password(),
              ServerConfig.DEFAULT_MAX_BODY,
              ADMIN_KEY);
      server = TestServer.start(env == null ? config : config.withEnvironment(env));
      var fixture = new LlmFixture(mock, server, db);
      fixture.setUp();
      return fixture;
    } catch (RuntimeException | Error e) {
      if (server != null) {
        server.close();
      }
      mock.close();
      throw e;
    }
  }

  private void setUp() {
    ok(server.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "shop")));
    for (Provider p : PROVIDERS) {
      ok(server.put(P + "/providers/" + p.name(), ADMIN_KEY, provider(p, 30, 2)));
    }
  }

  /** The body that configures {@code p} against the mock. */
  Map<String, Object> provider(Provider p, int timeoutSeconds, int maxRetries) {
    var body = new LinkedHashMap<String, Object>();
    body.put("type", p.type());
    body.put("baseUrl", mock.baseUrl(p.protocol()));
    if (p.protocol() == MockProtocol.AZURE_OPENAI) {
      body.put("options", Map.of("apiVersion", "2024-10-21"));
    }
    body.put("apiKey", p.apiKey());
    body.put("timeoutSeconds", timeoutSeconds);
    body.put("maxRetries", maxRetries);
    return body;
  }

  /** Pushes {@code source} as prompt {@code name} and deploys the new version to production. */
  int deploy(String name, String source) {
    Resp pushed =
        ok(
            server.post(
                P + "/prompts",
                ADMIN_KEY,
                Map.of("prompts", List.of(Map.of("name", name, "source", source)))));
    int version = pushed.json().at("/results/0/version").asInt();
    Resp pins = ok(server.get(P + "/prompts/" + name + "/-/pins", ADMIN_KEY));
    JsonPins current = JsonPins.of(pins);
    var body = new LinkedHashMap<String, Object>();
    body.put("env", "production");
    body.put("version", version);
    body.put("expectedVersion", current.production());
    ok(server.post(P + "/prompts/" + name + "/-/deploy", ADMIN_KEY, body));
    return version;
  }

  /** The production version of a prompt, from its pins. */
  private record JsonPins(Integer production) {
    static JsonPins of(Resp pins) {
      for (var pin : pins.json().path("pins")) {
        if (pin.path("target").asText().equals("production")) {
          return new JsonPins(pin.path("version").asInt());
        }
      }
      return new JsonPins(null);
    }
  }

  /** Runs a prompt through {@code POST …/-/run} with {@code body}. */
  Resp run(String name, Object body) {
    return server.post(P + "/prompts/" + name + "/-/run", ADMIN_KEY, body);
  }

  /** The database the server runs on (to start another server on it). */
  TestDatabases.Database database() {
    return db;
  }

  void rules(MockRule... rules) {
    mock.useRules(MockRules.of(rules));
    mock.requests().clear();
  }

  /**
   * The usage events of the project once {@code count} have been written (the server writes them in
   * the background).
   */
  List<UsageEvent> usage(int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    try (var store = db.open()) {
      while (true) {
        List<UsageEvent> events = store.read(tx -> tx.usage().since("shop", Instant.EPOCH, 10_000));
        if (events.size() >= count || System.nanoTime() > deadline) {
          return events;
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Resp ok(Resp r) {
    assertThat(r.status()).as(r.toString()).isBetween(200, 201);
    return r;
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      mock.close();
    }
  }
}
