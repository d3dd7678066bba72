package dev.promptops.server.webhook;

import dev.promptops.core.webhook.WebhookDelivery;
import dev.promptops.core.webhook.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Makes one attempt of a delivery: a signed POST of its stored body, and what came of it. Redirects
 * are not followed (a 3xx is a failure, as with a 5xx); at most an excerpt of the answer is kept.
 */
final class WebhookSender implements AutoCloseable {
  static final String USER_AGENT = "PromptOps-Webhooks/1";
  private static final int EXCERPT = 300;

  private final HttpClient http;
  private final Duration timeout;
  private final Clock clock;

  WebhookSender(Duration timeout, Clock clock) {
    this.timeout = timeout;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * What the receiver said.
   *
   * @param statusCode null when it could not be reached
   * @param error null on 2xx
   * @param retryAfter its {@code Retry-After} on 429 or 503, or null
   */
  record Answer(Integer statusCode, String error, Duration retryAfter) {}

  /** Sends {@code d}, signed with each of {@code secrets}. */
  Answer send(WebhookDelivery d, String url, List<String> secrets) {
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", USER_AGENT)
            .header("PromptOps-Event", d.event())
            .header("PromptOps-Delivery", d.id())
            .header("PromptOps-Timestamp", Long.toString(timestamp))
            .header("PromptOps-Signature", WebhookSignature.header(secrets, timestamp, d.body()))
            .POST(HttpRequest.BodyPublishers.ofString(d.body(), StandardCharsets.UTF_8))
            .build();
    try {
      HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      String excerpt;
      try (InputStream body = r.body()) {
        excerpt = new String(body.readNBytes(EXCERPT), StandardCharsets.UTF_8);
      }
      int code = r.statusCode();
      if (code >= 200 && code < 300) {
        return new Answer(code, null, null);
      }
      Duration retryAfter =
          code == 429 || code == 503
              ? r.headers().firstValue("Retry-After").flatMap(this::retryAfter).orElse(null)
              : null;
      return new Answer(code, "HTTP " + code + clean(excerpt), retryAfter);
    } catch (IOException e) {
      return new Answer(null, describe(e), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(null, "interrupted: the server is stopping", null);
    }
  }

  /** {@code Retry-After} as seconds or as an HTTP date. */
  private Optional<Duration> retryAfter(String value) {
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
    } catch (NumberFormatException e) {
      try {
        var at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(clock.instant(), at.toInstant());
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  private static String describe(IOException e) {
    String name = e.getClass().getSimpleName();
    return e.getMessage() == null ? name : name + clean(e.getMessage());
  }

  /** One line of printable text, prefixed with ": " when there is any. */
  private static String clean(String text) {
    String line = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    return line.isEmpty() ? "" : ": " + line;
  }

  @Override
  public void close() {
    http.close();
  }
}
