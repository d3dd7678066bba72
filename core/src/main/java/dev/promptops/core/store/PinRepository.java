package dev.promptops.core.store;

import dev.promptops.core.registry.Pin;
import dev.promptops.core.registry.TargetKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where each environment and label points, per prompt. */
public interface PinRepository {
  Optional<Pin> find(String project, String prompt, String target);

  /** The pins of one prompt. */
  List<Pin> list(String project, String prompt);

  /** The pins of every prompt of a project. */
  List<Pin> listProject(String project);

  /** How many prompts of the project the target pins. */
  int countTarget(String project, String target);

  /**
   * Moves a pin from {@code expected} (null: no pin yet) to {@code next}, only if it still points
   * to {@code expected}.
   *
   * @return false when the pin points elsewhere (the caller lost a race)
   */
  boolean compareAndSet(
      String project,
      String prompt,
      String target,
      TargetKind kind,
      Integer expected,
      int next,
      Instant at);

  /** Removes a pin only if it still points to {@code expected}; false otherwise. */
  boolean remove(String project, String prompt, String target, int expected);
}
