package dev.promptops.server;

import java.io.PrintStream;

/**
 * A running PromptOps server: HTTP API on Helidon SE, storage, background work. Built and started
 * by {@link #start}; stopped by {@link #stop} (graceful: in-flight requests finish, then storage
 * closes).
 */
public final class PromptOpsServer implements AutoCloseable {

  private PromptOpsServer() {}

  /**
   * Opens storage (running migrations), creates the first admin key on an empty database (printing
   * it once to {@code out}), and starts listening.
   */
  public static PromptOpsServer start(ServerConfig config, PrintStream out) {
    throw new UnsupportedOperationException("server: work in progress");
  }

  /** The port the server listens on (useful with port 0). */
  public int port() {
    throw new UnsupportedOperationException("server: work in progress");
  }

  /** The base URL, e.g. {@code http://127.0.0.1:7070}. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /** Blocks until the server stops (e.g. from a shutdown hook). */
  public void awaitStop() throws InterruptedException {
    throw new UnsupportedOperationException("server: work in progress");
  }

  public void stop() {}

  @Override
  public void close() {
    stop();
  }
}
