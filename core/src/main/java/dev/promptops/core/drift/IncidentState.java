package dev.promptops.core.drift;

import java.util.Locale;

/** Open until the reports converge; acknowledged by someone who knows; resolved for good. */
public enum IncidentState {
  OPEN,
  ACKNOWLEDGED,
  RESOLVED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static IncidentState fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
