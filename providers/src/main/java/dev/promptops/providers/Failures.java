package dev.promptops.providers;

import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.promptops.core.provider.ProviderException;
import dev.promptops.core.provider.ProviderException.Failure;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Turns whatever a call ended with into a {@link ProviderException}: what failed on the wire first
 * (as the {@link Exchange} recorded it), else what LangChain4j threw. Every message names the
 * provider, its type, the model and the URL, and never holds the API key.
 */
final class Failures {
  private final String provider;
  private final Secret secret;
  private final Clock clock;

  /**
   * @param provider how messages name the provider, e.g. {@code provider 'openai' (openai)}
   */
  Failures(String provider, Secret secret, Clock clock) {
    this.provider = provider;
    this.secret = secret;
    this.clock = clock;
  }

  ProviderException map(Throwable error, Exchange exchange, String model) {
    if (error instanceof ProviderException pe) {
      return pe;
    }
    Exchange.Failure wire = exchange.failure();
    if (wire != null) {
      return fromWire(wire, exchange, model);
    }
    String what = secret.redact(Transport.describe(error));
    if (error instanceof UnsupportedFeatureException) {
      return new ProviderException(
          Failure.UNSUPPORTED,
          0,
          null,
          provider + " cannot run model " + model + ": " + what,
          "remove what it does not support from the prompt, or run it on another provider",
          error);
    }
    if (!exchange.answered()) {
      return new ProviderException(
          Failure.BAD_REQUEST,
          0,
          null,
          "cannot build the request to " + provider + " for model " + model + ": " + what,
          "check the prompt's messages and config",
          error);
    }
    return badResponse(exchange, model, what, error);
  }

  /** A refusal before anything was sent: a parameter, role or part the provider cannot take. */
  ProviderException unsupported(String what, String hint) {
    return new ProviderException(Failure.UNSUPPORTED, 0, null, provider + " " + what, hint, null);
  }

  /** A request refused before it was sent, e.g. a blank text to embed. */
  ProviderException badRequest(String what, String hint) {
    return new ProviderException(Failure.BAD_REQUEST, 0, null, provider + " " + what, hint, null);
  }

  /** An answer that was read but does not say what was asked, e.g. too few vectors. */
  ProviderException badAnswer(Exchange exchange, String model, String what) {
    return badResponse(exchange, model, what, null);
  }

  ProviderException noApiKey() {
    return new ProviderException(
        Failure.UNAUTHORIZED,
        0,
        null,
        provider + " has no API key",
        "set the provider's API key in the project (promptops provider add) or its environment"
            + " variable",
        null);
  }

  private ProviderException fromWire(Exchange.Failure f, Exchange exchange, String model) {
    String at = " for model " + model + " at " + exchange.url();
    String detail =
        f.detail() == null || f.detail().isBlank() ? "" : ": " + secret.redact(f.detail());
    return switch (f.kind()) {
      case STATUS -> fromStatus(f, at, detail);
      case TIMEOUT ->
          new ProviderException(
              Failure.TIMEOUT,
              0,
              null,
              provider + " did not answer" + at + " within " + seconds(exchange.timeout()),
              "raise the provider's timeout, or use a faster model",
              f.cause());
      case UNREACHABLE ->
          new ProviderException(
              Failure.UNREACHABLE,
              0,
              null,
              "cannot reach " + provider + at + detail,
              "check the provider's baseUrl and that its server is running",
              f.cause());
      case BROKEN -> badResponse(exchange, model, "the connection broke" + detail, f.cause());
      case MALFORMED -> badResponse(exchange, model, "unreadable answer" + detail, f.cause());
    };
  }

  private ProviderException fromStatus(Exchange.Failure f, String at, String detail) {
    int status = f.status();
    Duration wait = retryAfter(f.retryAfter(), clock);
    if (status == 429) {
      String after = wait == null ? "" : " (retry after " + seconds(wait) + ")";
      return new ProviderException(
          Failure.RATE_LIMITED,
          status,
          wait,
          provider + " rate-limited the call" + at + after + detail,
          "PromptOps waits as asked before retrying; lower the provider's requestsPerMinute if it"
              + " keeps happening",
          null);
    }
    Failure failure = ofStatus(status);
    return new ProviderException(
        failure,
        status,
        failure == Failure.SERVER_ERROR ? wait : null,
        provider + " answered HTTP " + status + at + detail,
        hint(failure, status),
        null);
  }

  /** What an HTTP status other than 2xx means. */
  static Failure ofStatus(int status) {
    if (status == 429) {
      return Failure.RATE_LIMITED;
    } else if (status >= 500) {
      return Failure.SERVER_ERROR;
    } else if (status == 401 || status == 403) {
      return Failure.UNAUTHORIZED;
    } else if (status == 408) {
      return Failure.TIMEOUT;
    } else if (status >= 400) {
      return Failure.BAD_REQUEST;
    }
    return Failure.BAD_RESPONSE;
  }

  private static String hint(Failure failure, int status) {
    return switch (failure) {
      case SERVER_ERROR -> "the provider failed; retry later or add a fallback provider";
      case UNAUTHORIZED -> "check the provider's API key and that it may use this model";
      case TIMEOUT -> "retry, or raise the provider's timeout";
      case BAD_REQUEST ->
          status == 404
              ? "check the model name and the provider's baseUrl"
              : "check the model name and the prompt's config";
      default -> "check the provider's baseUrl";
    };
  }

  private ProviderException badResponse(
      Exchange exchange, String model, String what, Throwable cause) {
    return new ProviderException(
        Failure.BAD_RESPONSE,
        0,
        null,
        provider
            + " gave an answer PromptOps cannot read for model "
            + model
            + " at "
            + exchange.url()
            + ": "
            + what,
        "check that the provider's baseUrl points at a server of its type; retry",
        cause);
  }

  /**
   * How long {@code Retry-After} asks to wait: delta-seconds or an HTTP date (RFC 9110), or {@code
   * ms:N} for OpenAI's {@code retry-after-ms}; null when absent or unreadable, zero when past.
   */
  static Duration retryAfter(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    try {
      if (v.startsWith("ms:")) {
        return nonNegative(Duration.ofMillis((long) Double.parseDouble(v.substring(3))));
      }
      if (v.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == '-')) {
        return nonNegative(Duration.ofMillis((long) (Double.parseDouble(v) * 1000)));
      }
      var at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
      return nonNegative(Duration.between(clock.instant(), at.toInstant()));
    } catch (NumberFormatException | DateTimeParseException e) {
      return null;
    }
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0
        ? ms / 1000 + "s"
        : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1e3);
  }
}
