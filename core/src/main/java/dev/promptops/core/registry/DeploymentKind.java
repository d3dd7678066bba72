package dev.promptops.core.registry;

import java.util.Locale;

/** Why a pin moved. Every kind is recorded the same way in the deployment ledger. */
public enum DeploymentKind {
  DEPLOY,
  PROMOTE,
  ROLLBACK,
  /** A free label was removed; the ledger entry has no target version. */
  UNPIN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DeploymentKind fromWire(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
