package dev.promptops.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * java.util.logging set up for the process (SLF4J and Helidon's System.Logger end there too): one
 * line per record on stderr. Commands stay quiet (warnings only); the server logs at INFO.
 */
final class Logging {
  /** Libraries that are chatty at INFO: connection pool and migrations. Held so they stay set. */
  private static final java.util.List<Logger> LIBRARIES =
      java.util.List.of(Logger.getLogger("com.zaxxer.hikari"), Logger.getLogger("org.flywaydb"));

  private Logging() {}

  /** For every command but {@code server}: only warnings and errors, on stderr. */
  static void quiet() {
    configure(Level.WARNING);
  }

  /** For {@code promptops server}: INFO and up, on stderr. */
  static void server() {
    configure(Level.INFO);
  }

  private static void configure(Level level) {
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    var handler = new ConsoleHandler();
    handler.setFormatter(new OneLine());
    handler.setLevel(level);
    root.addHandler(handler);
    root.setLevel(level);
    LIBRARIES.forEach(logger -> logger.setLevel(Level.WARNING));
  }

  /** {@code 2026-11-25 10:00:00.123 INFO io.helidon.webserver.LoomServer: message}. */
  static final class OneLine extends Formatter {
    private static final DateTimeFormatter TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    @Override
    public String format(LogRecord r) {
      var line =
          new StringBuilder()
              .append(TIME.format(r.getInstant()))
              .append(' ')
              .append(String.format("%-5s", name(r.getLevel())))
              .append(' ')
              .append(r.getLoggerName())
              .append(": ")
              .append(formatMessage(r))
              .append(System.lineSeparator());
      if (r.getThrown() != null) {
        var trace = new StringWriter();
        r.getThrown().printStackTrace(new PrintWriter(trace));
        line.append(trace);
      }
      return line.toString();
    }

    private static String name(Level level) {
      if (level.intValue() >= Level.SEVERE.intValue()) {
        return "ERROR";
      }
      if (level.intValue() >= Level.WARNING.intValue()) {
        return "WARN";
      }
      if (level.intValue() >= Level.INFO.intValue()) {
        return "INFO";
      }
      return "DEBUG";
    }
  }
}
