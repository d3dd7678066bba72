package dev.promptops.core.store;

import dev.promptops.core.change.ChangeRequest;
import dev.promptops.core.change.ChangeState;
import dev.promptops.core.change.Review;
import java.util.List;
import java.util.Optional;

/** Change requests and their reviews. */
public interface ChangeRepository {

  /** The number the next request of the project gets. */
  int nextNumber(String project);

  void insert(ChangeRequest change);

  /**
   * Moves a request out of {@code from} (compare-and-set on its state); false when it is no longer
   * in that state.
   */
  boolean update(ChangeRequest change, ChangeState from);

  Optional<ChangeRequest> find(String project, int number);

  /**
   * Requests of a project, newest first; null filters match anything.
   *
   * @param before only numbers below it (paging), or 0 for the newest
   */
  List<ChangeRequest> list(
      String project, ChangeState state, String prompt, String environment, int before, int limit);

  void addReview(String project, Review review);

  /** The reviews of a request, oldest first. */
  List<Review> reviews(String project, int number);
}
