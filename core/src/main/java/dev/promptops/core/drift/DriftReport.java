package dev.promptops.core.drift;

import java.util.List;
import java.util.Objects;

/** One report of an instance: who it is, and what it served since its last report. */
public record DriftReport(InstanceInfo instance, List<Served> served) {
  /** The most served entries one report may carry. */
  public static final int MAX_SERVED = 1000;

  public DriftReport {
    Objects.requireNonNull(instance, "instance");
    served = List.copyOf(served);
  }
}
