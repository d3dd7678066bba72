package dev.promptops.core.change;

import dev.promptops.core.auth.Role;
import java.time.Instant;
import java.util.Objects;

/**
 * One review of a change request; a reviewer's latest review is the one that counts.
 *
 * @param role the reviewer's role in the project when they reviewed
 */
public record Review(
    int change, String reviewer, Role role, Verdict verdict, String comment, Instant at) {
  public Review {
    Objects.requireNonNull(reviewer, "reviewer");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(at, "at");
    comment = comment == null ? "" : comment;
  }
}
