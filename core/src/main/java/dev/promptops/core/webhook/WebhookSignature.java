package dev.promptops.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies webhook deliveries. The signature is the lower-case hex HMAC-SHA256, keyed
 * with the subscription's secret, of {@code "<timestamp>.<body>"}: the unix seconds of the {@code
 * PromptOps-Timestamp} header, a dot, and the raw request body. It is sent as {@code
 * PromptOps-Signature: v1=<hex>}; after a rotation that keeps the previous secret for a while the
 * header carries one signature per secret, comma-separated, and one that matches is enough.
 *
 * <p>Receivers verify with {@link #verify}: it compares in constant time and refuses a timestamp
 * further than the tolerance from their clock, so a captured delivery cannot be replayed later.
 * Only the JDK is needed; the class is in {@code promptops-core}, which the Java client brings.
 */
public final class WebhookSignature {
  /** The version prefix of a signature in the {@code PromptOps-Signature} header. */
  public static final String SCHEME = "v1";

  /** How far a timestamp may be from the receiver's clock by default: five minutes. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private static final String ALGORITHM = "HmacSHA256";

  private WebhookSignature() {}

  /** The {@code PromptOps-Signature} header value: {@code v1=<hex>}. */
  public static String header(String secret, long timestamp, String body) {
    return SCHEME + "=" + hex(secret, timestamp, body);
  }

  /**
   * The header with one signature per secret, comma-separated: {@code v1=<hex>,v1=<hex>} (during a
   * rotation that keeps the previous secret).
   */
  public static String header(List<String> secrets, long timestamp, String body) {
    return String.join(",", secrets.stream().map(s -> header(s, timestamp, body)).toList());
  }

  /** The hex HMAC-SHA256 of {@code "<timestamp>.<body>"} under {@code secret}. */
  public static String hex(String secret, long timestamp, String body) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(body, "body");
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      byte[] signed = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(signed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM lacks HmacSHA256; use a standard JDK", e);
    }
  }

  /**
   * Whether a delivery is authentic and fresh, with the {@linkplain #DEFAULT_TOLERANCE default
   * tolerance} against the system clock.
   *
   * @param timestampHeader the {@code PromptOps-Timestamp} header
   * @param signatureHeader the {@code PromptOps-Signature} header
   * @param body the raw body exactly as received (not re-serialised JSON)
   */
  public static boolean verify(
      String secret, String timestampHeader, String signatureHeader, String body) {
    return verify(secret, timestampHeader, signatureHeader, body, Instant.now(), DEFAULT_TOLERANCE);
  }

  /** Whether a delivery is authentic and its timestamp within {@code tolerance} of {@code now}. */
  public static boolean verify(
      String secret,
      String timestampHeader,
      String signatureHeader,
      String body,
      Instant now,
      Duration tolerance) {
    if (secret == null || timestampHeader == null || signatureHeader == null || body == null) {
      return false;
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(timestampHeader.strip());
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
      return false;
    }
    byte[] expected = hex(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
    boolean matched = false;
    for (String part : signatureHeader.split(",")) {
      String candidate = part.strip();
      if (candidate.startsWith(SCHEME + "=")) {
        byte[] given = candidate.substring(SCHEME.length() + 1).getBytes(StandardCharsets.US_ASCII);
        matched |= MessageDigest.isEqual(expected, given);
      }
    }
    return matched;
  }
}
