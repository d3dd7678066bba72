package dev.promptops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Small formatting rules shared by the commands' text output. */
final class Text {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Text() {}

  /** {@code 2026-11-25 10:00:00Z}: seconds, always UTC. */
  static String time(Instant at) {
    return at == null || at.equals(Instant.EPOCH) ? "-" : TIME.format(at);
  }

  /** {@code sha256:} and the first 12 hex digits, enough to tell versions apart. */
  static String shortDigest(String digest) {
    return digest == null ? "" : digest.substring(0, Math.min(digest.length(), 19));
  }

  /** {@code v3}, or {@code nothing} for no version. */
  static String version(Integer v) {
    return v == null ? "nothing" : "v" + v;
  }

  static String chain(List<String> environments) {
    return String.join(" -> ", environments);
  }

  /** A JSON value on one line, for field changes and audit details. */
  static String compact(JsonNode value) {
    return value == null ? "(none)" : Json.write(value);
  }

  static String orDash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }
}
