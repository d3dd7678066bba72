package dev.promptops.providers.mock;

import java.util.ArrayDeque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/**
 * The requests the mock LLM server received, oldest first, for assertions in tests. Holds the
 * newest {@link MockLlmConfig#logLimit()} requests. A request is logged before its answer is sent,
 * so a client that got its answer finds its request here. Thread-safe.
 */
public final class RequestLog {
  private final ArrayDeque<RecordedRequest> entries = new ArrayDeque<>();
  private final int limit;

  RequestLog(int limit) {
    this.limit = limit;
  }

  synchronized void add(RecordedRequest request) {
    if (entries.size() == limit) {
      entries.removeFirst();
    }
    entries.addLast(request);
  }

  public synchronized List<RecordedRequest> all() {
    return List.copyOf(entries);
  }

  public synchronized List<RecordedRequest> filter(Predicate<? super RecordedRequest> test) {
    return entries.stream().filter(test).toList();
  }

  public List<RecordedRequest> of(MockProtocol protocol) {
    return filter(r -> r.protocol() == protocol);
  }

  /** The requests the rule named {@code rule} decided. */
  public List<RecordedRequest> byRule(String rule) {
    return filter(r -> rule.equals(r.rule()));
  }

  /** The newest request; throws when there is none. */
  public synchronized RecordedRequest last() {
    if (entries.isEmpty()) {
      throw new NoSuchElementException("the mock LLM server has received no request");
    }
    return entries.getLast();
  }

  public synchronized int size() {
    return entries.size();
  }

  public synchronized void clear() {
    entries.clear();
  }
}
