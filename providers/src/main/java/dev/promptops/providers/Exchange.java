package dev.promptops.providers;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One provider call as the transport sees it: its deadline, the URL it went to, whether an answer
 * came, and how it failed. The adapter reads it after LangChain4j returns or throws, so failures
 * are classified from what happened on the wire, not from how LangChain4j wrapped them.
 */
final class Exchange {

  /** What went wrong on the wire. */
  enum Kind {
    /** The provider answered with a status outside 2xx. */
    STATUS,
    TIMEOUT,
    /** No connection could be made (refused, unknown host, no route). */
    UNREACHABLE,
    /** The connection broke before a complete answer. */
    BROKEN,
    /** The answer came but could not be read. */
    MALFORMED
  }

  /**
   * A failure on the wire.
   *
   * @param retryAfter the {@code Retry-After} header as sent, or null
   * @param detail the start of the error body, or what broke
   */
  record Failure(Kind kind, int status, String retryAfter, String detail, Throwable cause) {
    static Failure timeout() {
      return new Failure(Kind.TIMEOUT, 0, null, null, null);
    }
  }

  /** Thrown into LangChain4j when the wire failed; the adapter maps the recorded failure. */
  static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failed(Failure failure) {
      super(failure.kind() + (failure.status() > 0 ? " " + failure.status() : ""), failure.cause());
    }
  }

  private final Duration timeout;
  private final long deadline;
  private final List<Runnable> cancellers = new CopyOnWriteArrayList<>();
  private volatile String url;
  private volatile boolean answered;
  private volatile boolean cancelled;
  private volatile Failure failure;
  private volatile Runnable onStreamEnd = () -> {};

  Exchange(Duration timeout) {
    this.timeout = timeout;
    this.deadline = System.nanoTime() + timeout.toNanos();
  }

  Duration timeout() {
    return timeout;
  }

  Duration remaining() {
    return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
  }

  /** The URL of the request, without its query string. */
  String url() {
    return url;
  }

  boolean answered() {
    return answered;
  }

  boolean cancelled() {
    return cancelled;
  }

  Failure failure() {
    return failure;
  }

  void sending(String requestUrl, Runnable cancel) {
    this.url = withoutQuery(requestUrl);
    cancellers.add(cancel);
    if (cancelled) {
      cancel.run();
    }
  }

  void answered(Runnable close) {
    this.answered = true;
    cancellers.add(close);
  }

  /** Records the first failure and returns what to throw. */
  Failed fail(Failure f) {
    synchronized (this) {
      if (failure == null) {
        failure = f;
      }
    }
    return new Failed(failure);
  }

  /** Stops the exchange: the request is abandoned, an open stream closed. */
  void cancel() {
    cancelled = true;
    cancellers.forEach(Exchange::quietly);
  }

  void onStreamEnd(Runnable r) {
    onStreamEnd = r;
  }

  void streamEnded() {
    onStreamEnd.run();
  }

  /**
   * Waits for {@code future} until the deadline; past it the exchange is cancelled and fails with
   * {@link Kind#TIMEOUT}. A failure of the future is rethrown as it is.
   */
  <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(remaining().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      Failed failed = fail(Failure.timeout());
      cancel();
      throw failed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Failed failed = fail(new Failure(Kind.TIMEOUT, 0, null, "interrupted", e));
      cancel();
      throw failed;
    } catch (CancellationException e) {
      throw fail(new Failure(Kind.BROKEN, 0, null, "cancelled", e));
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re
          ? re
          : new IllegalStateException(e.getCause());
    }
  }

  private static void quietly(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException ignored) {
      // closing what is already closed
    }
  }

  private static String withoutQuery(String url) {
    try {
      URI u = URI.create(url);
      return new URI(u.getScheme(), u.getAuthority(), u.getPath(), null, null).toString();
    } catch (Exception e) {
      int q = url.indexOf('?');
      return q < 0 ? url : url.substring(0, q);
    }
  }
}
