package dev.promptops.providers.mock;

import com.sun.net.httpserver.HttpServer;
import dev.promptops.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A fake LLM provider over HTTP that speaks the wire protocols of OpenAI (and Azure OpenAI),
 * Anthropic, Google Gemini and Ollama, so that real clients (the official SDKs, LangChain4j, the
 * PromptOps adapters) can be tested without a network. Its answers follow {@link MockRules}; by
 * default it echoes the last user message. Every request lands in {@link #requests()}.
 *
 * <pre>{@code
 * try (var mock = MockLlmServer.start(MockLlmConfig.defaults().withRules(rules))) {
 *   String baseUrl = mock.baseUrl(MockProtocol.OPENAI); // http://127.0.0.1:PORT/v1
 *   ...
 *   assertThat(mock.requests().last().model()).isEqualTo("gpt-4o-mini");
 * }
 * }</pre>
 *
 * <p>The JDK's HTTP server, one virtual thread per exchange; it listens on 127.0.0.1 unless the
 * configuration names another host.
 */
public final class MockLlmServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final MockHandler handler;
  private final RequestLog log;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);

  private MockLlmServer(MockLlmConfig config) throws IOException {
    this.log = new RequestLog(config.logLimit());
    this.handler = new MockHandler(config, log, closing);
    this.server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getByName(config.host()), config.port()), 0);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", handler);
    server.start();
  }

  /**
   * Starts a server; throws when the port is taken or the host is not an address of this machine.
   */
  public static MockLlmServer start(MockLlmConfig config) {
    try {
      return new MockLlmServer(config);
    } catch (BindException e) {
      throw new InvalidInputException(
          "mock_port_in_use",
          "cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(),
          "choose another port (0 picks a free one), or an address of this machine",
          e);
    } catch (UnknownHostException | SocketException e) {
      throw new InvalidInputException(
          "mock_bad_host",
          "cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(),
          "give an address of this machine, e.g. 127.0.0.1",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the mock LLM server: " + e.getMessage(), e);
    }
  }

  /** A server with the default configuration: 127.0.0.1, a free port, the default echo. */
  public static MockLlmServer start() {
    return start(MockLlmConfig.defaults());
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
  public String url() {
    InetSocketAddress address = server.getAddress();
    String host =
        address.getAddress().isAnyLocalAddress()
            ? "127.0.0.1"
            : address.getAddress().getHostAddress();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The address the server listens on. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /**
   * The base URL a client of {@code protocol} is configured with, as the provider's own SDK (and a
   * PromptOps provider's {@code baseUrl}) takes it: {@code …/v1} for OpenAI, the root for the
   * others (Anthropic's SDK adds {@code /v1}, Google's {@code /v1beta}; Azure's is its endpoint).
   * LangChain4j's Anthropic and Gemini builders want {@code /v1} and {@code /v1beta} added.
   */
  public String baseUrl(MockProtocol protocol) {
    return protocol == MockProtocol.OPENAI ? url() + "/v1" : url();
  }

  /** The requests received so far. */
  public RequestLog requests() {
    return log;
  }

  public MockRules rules() {
    return handler.rules();
  }

  /**
   * Replaces the rules for the requests to come; their counts ({@code times}, {@code rate}) start
   * over.
   */
  public void useRules(MockRules rules) {
    handler.useRules(rules);
  }

  /** Clears the request log and starts the rules' counts over. */
  public void reset() {
    handler.useRules(handler.rules());
    log.clear();
  }

  /** Blocks until {@link #close()} has run (the CLI's foreground mode). */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  /** Stops at once: held and delayed requests are released, open connections closed. */
  @Override
  public void close() {
    if (closing.getCount() == 0) {
      return;
    }
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
    closed.countDown();
  }
}
