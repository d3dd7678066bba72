package dev.promptops.client.sdk;

import dev.promptops.client.PromptOpsClient;
import dev.promptops.core.registry.PushItem;
import dev.promptops.core.registry.Selector;
import dev.promptops.server.PromptOpsServer;
import dev.promptops.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A PromptOps server on 127.0.0.1 for the SDK's tests (port 0 unless restarted on the port it had),
 * drift evaluated every 200 ms with a one-second grace, and an admin client to set things up.
 */
final class SdkServer implements AutoCloseable {
  static final String KEY = "sdk-test-admin-key-0123456789";
  static final String PROJECT = "shop";
  static final Map<String, String> DRIFT =
      Map.of(
          "PROMPTOPS_DRIFT_GRACE", "1s",
          "PROMPTOPS_DRIFT_EVERY", "200ms",
          "PROMPTOPS_DRIFT_INSTANCE_TIMEOUT", "1m");

  private final Path data;
  private PromptOpsServer server;
  private int port;
  final PromptOpsClient admin;
  private final Map<String, Integer> deployed = new java.util.HashMap<>();

  SdkServer(Path data) {
    this.data = data;
    start(0);
    this.admin = PromptOpsClient.builder(url()).apiKey(KEY).build();
  }

  private void start(int onPort) {
    var config =
        new ServerConfig(
                "127.0.0.1", onPort, data, null, null, null, ServerConfig.DEFAULT_MAX_BODY, KEY)
            .withEnvironment(DRIFT);
    server =
        PromptOpsServer.start(
            config, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    port = server.port();
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  void stop() {
    server.stop();
  }

  /** Starts again on the same port, with the same data. */
  void restart() {
    start(port);
  }

  /** Pushes {@code source} as a version of {@code name}; its number. */
  int push(String name, String source) {
    return admin.push(PROJECT, List.of(new PushItem(name, source)), "test").getFirst().version();
  }

  /** Deploys a version to an environment; the deployment's id. */
  long deploy(String name, int version, String env) {
    Integer current = deployed.get(name + ":" + env);
    long id =
        admin
            .deploy(PROJECT, name, new Selector.Env(env), version, current, "test")
            .deployment()
            .id();
    deployed.put(name + ":" + env, version);
    return id;
  }

  PromptOps.Builder sdk(String instance) {
    return PromptOps.builder()
        .server(url())
        .apiKey(KEY)
        .project(PROJECT)
        .environment("production")
        .application("checkout")
        .instanceId(instance)
        .reporting(false);
  }

  /** Waits (up to 30 s) until {@code condition} holds; fails naming {@code what} otherwise. */
  static void await(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within 30 s: " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }

  @Override
  public void close() {
    admin.close();
    server.stop();
  }
}
