package dev.promptops.core.drift;

import java.util.Locale;

/** Why an incident opened. */
public enum IncidentKind {
  /** A registered, older version still served after a deployment, past the grace period. */
  STALE,
  /** A digest that is not registered at all: a hand-edited or hard-coded prompt. */
  UNKNOWN,
  /** Served in an environment where the prompt is not deployed. */
  ORPHAN,
  /** Instances running from a bundled snapshot because they could not reach the server. */
  FALLBACK,
  /** A scheduled re-run of a suite scored below the score recorded at deployment. */
  BEHAVIOUR;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static IncidentKind fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
