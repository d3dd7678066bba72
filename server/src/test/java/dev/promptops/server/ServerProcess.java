package dev.promptops.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A PromptOps server in a JVM of its own, so a test can kill it as a machine dies: no graceful
 * stop, no lease handed back. {@link #main} is the child's entry point; {@link #start} runs it.
 */
public final class ServerProcess implements AutoCloseable {
  private static final String READY = "ready ";

  private final Process process;
  private final String url;

  private ServerProcess(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /** The child: {@code JDBC_URL USER PASSWORD DATA_DIR}; its environment is the process's. */
  public static void main(String[] args) throws InterruptedException {
    var config =
        new ServerConfig(
                "127.0.0.1",
                0,
                Path.of(args[3]),
                args[0],
                args[1].isEmpty() ? null : args[1],
                args[2].isEmpty() ? null : args[2],
                ServerConfig.DEFAULT_MAX_BODY,
                TestServer.ADMIN_KEY)
            .withEnvironment(System.getenv());
    PromptOpsServer server = PromptOpsServer.start(config, System.err);
    System.out.println(READY + server.url());
    System.out.flush();
    server.awaitStop();
  }

  /** Starts a server on {@code db} in a new JVM with {@code env} added to its environment. */
  public static ServerProcess start(
      String jdbcUrl, String user, String password, Path dataDir, Map<String, String> env) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Xmx256m");
    command.add(ServerProcess.class.getName());
    command.add(jdbcUrl);
    command.add(user == null ? "" : user);
    command.add(password == null ? "" : password);
    command.add(dataDir.toString());
    var builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a server JVM", e);
    }
    var reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    var ready =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line; (line = reader.readLine()) != null; ) {
                  if (line.startsWith(READY)) {
                    return line.substring(READY.length()).strip();
                  }
                }
                return null;
              } catch (IOException e) {
                return null;
              }
            });
    try {
      String url = ready.get(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS);
      if (url == null) {
        throw new IllegalStateException("the server JVM ended before it was ready");
      }
      return new ServerProcess(process, url);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("the server JVM did not start: " + e.getMessage(), e);
    }
  }

  public String url() {
    return url;
  }

  public TestServer.Resp get(String path, String key) {
    return TestServer.call(url, "GET", path, key, null, Map.of());
  }

  public TestServer.Resp post(String path, String key, Object body) {
    return TestServer.call(
        url,
        "POST",
        path,
        key,
        body instanceof String text ? text : dev.promptops.core.json.Json.write(body),
        Map.of());
  }

  /** Kills the JVM at once (SIGKILL), as a crash would, and waits until it is gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }
}
