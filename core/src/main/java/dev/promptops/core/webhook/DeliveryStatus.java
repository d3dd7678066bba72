package dev.promptops.core.webhook;

import dev.promptops.core.InvalidInputException;
import java.util.Locale;

/** Where a delivery stands. */
public enum DeliveryStatus {
  /** Waiting for its next attempt. */
  PENDING,
  /** A worker holds it under a lease and is sending it. */
  DELIVERING,
  /** The receiver answered 2xx. */
  DELIVERED,
  /** Every attempt failed; only a redelivery sends it again. */
  FAILED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DeliveryStatus of(String wire) {
    for (DeliveryStatus s : values()) {
      if (s.wireName().equals(wire)) {
        return s;
      }
    }
    throw new InvalidInputException(
        "invalid_status",
        "unknown delivery status '" + wire + "'",
        "use pending, delivering, delivered or failed");
  }
}
