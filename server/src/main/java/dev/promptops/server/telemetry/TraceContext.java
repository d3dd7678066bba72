package dev.promptops.server.telemetry;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The W3C trace context of the request being served: the trace its spans belong to and the span
 * that called (from the {@code traceparent} header), or a new trace when the request came without
 * one (or with one that does not parse, which the specification says to ignore).
 *
 * @param parentSpanId the caller's span, or null for a new trace
 */
public record TraceContext(String traceId, String parentSpanId, boolean sampled) {
  private static final Pattern TRACEPARENT =
      Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
  private static final ThreadLocal<TraceContext> CURRENT = new ThreadLocal<>();

  /** The context a {@code traceparent} header gives, or a new trace. */
  public static TraceContext of(String traceparent) {
    if (traceparent != null) {
      var m = TRACEPARENT.matcher(traceparent.strip());
      if (m.matches()
          && !m.group(1).equals("ff")
          && !m.group(2).equals("0".repeat(32))
          && !m.group(3).equals("0".repeat(16))) {
        boolean sampled = (Integer.parseInt(m.group(4), 16) & 1) == 1;
        return new TraceContext(m.group(2), m.group(3), sampled);
      }
    }
    return new TraceContext(randomHex(16), null, true);
  }

  /** The context of the request this thread serves, or null outside a request. */
  public static TraceContext current() {
    return CURRENT.get();
  }

  /** Makes {@code context} current on this thread until the scope closes. */
  public static Scope enter(TraceContext context) {
    TraceContext previous = CURRENT.get();
    CURRENT.set(context);
    return () -> {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    };
  }

  /** A current context's lifetime. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /** A new span id. */
  static String newSpanId() {
    return randomHex(8);
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    do {
      ThreadLocalRandom.current().nextBytes(b);
    } while (allZero(b));
    return HexFormat.of().formatHex(b);
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }
}
