package dev.promptops.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  static final String SECRET = "whsec_0123456789abcdef";
  static final String BODY = "{\"id\":\"whd_1\",\"event\":\"ping\"}";
  static final long TS = 1_796_000_000L;
  static final Instant NOW = Instant.ofEpochSecond(TS + 30);

  @Test
  void theSignatureIsTheHexHmacSha256OfTimestampDotBody() {
    // Computed independently: printf '1796000000.{"id":"whd_1","event":"ping"}' |
    //   openssl dgst -sha256 -hmac whsec_0123456789abcdef
    assertThat(WebhookSignature.hex(SECRET, TS, BODY))
        .isEqualTo("6002199302f0e086437fc8d6067e149af741cf2a61f6131d7e0be6a6fea6fd56");
    assertThat(WebhookSignature.header(SECRET, TS, BODY))
        .isEqualTo("v1=" + WebhookSignature.hex(SECRET, TS, BODY));
  }

  @Test
  void aGenuineDeliveryVerifies() {
    String header = WebhookSignature.header(SECRET, TS, BODY);
    assertThat(verify(SECRET, Long.toString(TS), header, BODY)).isTrue();
    assertThat(verify(SECRET, Long.toString(TS), "v0=abc, " + header, BODY))
        .as("one matching signature among several is enough")
        .isTrue();
  }

  @Test
  void duringARotationEachSecretSignsAndEitherVerifies() {
    String header = WebhookSignature.header(List.of("whsec_new", SECRET), TS, BODY);
    assertThat(header)
        .isEqualTo(
            WebhookSignature.header("whsec_new", TS, BODY)
                + ","
                + WebhookSignature.header(SECRET, TS, BODY));
    assertThat(verify("whsec_new", Long.toString(TS), header, BODY)).isTrue();
    assertThat(verify(SECRET, Long.toString(TS), header, BODY)).isTrue();
    assertThat(verify("whsec_third", Long.toString(TS), header, BODY)).isFalse();
  }

  @Test
  void aTamperedBodyAnotherSecretOrAnotherTimestampIsRejected() {
    String header = WebhookSignature.header(SECRET, TS, BODY);
    assertThat(verify(SECRET, Long.toString(TS), header, BODY.replace("ping", "pong"))).isFalse();
    assertThat(verify("whsec_other", Long.toString(TS), header, BODY)).isFalse();
    assertThat(verify(SECRET, Long.toString(TS + 1), header, BODY)).isFalse();
    assertThat(verify(SECRET, Long.toString(TS), header.toUpperCase(), BODY)).isFalse();
    assertThat(verify(SECRET, Long.toString(TS), "sha256=" + header.substring(3), BODY)).isFalse();
    assertThat(verify(SECRET, "yesterday", header, BODY)).isFalse();
    assertThat(verify(SECRET, null, header, BODY)).isFalse();
  }

  @Test
  void aStaleOrFutureTimestampIsRejectedEvenWithAValidSignature() {
    long stale = NOW.getEpochSecond() - 301;
    long future = NOW.getEpochSecond() + 301;
    assertThat(
            verify(
                SECRET, Long.toString(stale), WebhookSignature.header(SECRET, stale, BODY), BODY))
        .isFalse();
    assertThat(
            verify(
                SECRET, Long.toString(future), WebhookSignature.header(SECRET, future, BODY), BODY))
        .isFalse();
    long edge = NOW.getEpochSecond() - 300;
    assertThat(
            verify(SECRET, Long.toString(edge), WebhookSignature.header(SECRET, edge, BODY), BODY))
        .isTrue();
  }

  private static boolean verify(String secret, String ts, String header, String body) {
    return WebhookSignature.verify(secret, ts, header, body, NOW, Duration.ofMinutes(5));
  }
}
