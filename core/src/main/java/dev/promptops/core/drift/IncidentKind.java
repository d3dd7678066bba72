package dev.promptops.core.drift;

import java.util.Locale;

/** Why an incident opened. */
public enum IncidentKind {
  /** A registered, older version still served after a deployment, past the grace period. */
  STALE("an instance still serves an older registered version after the deployment's grace"),
  /** A digest that is not registered at all: a hand-edited or hard-coded prompt. */
  UNKNOWN("an instance serves content that is not a registered version of the prompt"),
  /** Served in an environment where the prompt is not deployed. */
  ORPHAN("an instance serves the prompt in an environment where it is not deployed"),
  /** Instances running from a bundled snapshot because they could not reach the server. */
  FALLBACK("an instance serves the prompt from its snapshot: it could not reach the server"),
  /** A scheduled re-run of a suite scored below the score recorded at deployment. */
  BEHAVIOUR("a scheduled re-run of a suite scored below the score at deployment");

  private final String meaning;

  IncidentKind(String meaning) {
    this.meaning = meaning;
  }

  /** One sentence on what the kind means. */
  public String meaning() {
    return meaning;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static IncidentKind fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
