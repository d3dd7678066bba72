package dev.promptops.core.store;

import dev.promptops.core.provider.UsageEvent;
import java.time.Instant;
import java.util.List;

/** Usage events: one per execution, appended in batches, read for costs and drift. */
public interface UsageRepository {
  void append(List<UsageEvent> events);

  /** The events of a project since a time (inclusive), oldest first, at most {@code limit}. */
  List<UsageEvent> since(String project, Instant since, int limit);
}
