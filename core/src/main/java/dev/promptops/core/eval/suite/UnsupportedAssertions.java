package dev.promptops.core.eval.suite;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.eval.AssertionType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Assertion types a suite uses that PromptOps cannot check, collected over the whole suite (its
 * inline cases and every case file) so that one error lists them all with where each appears:
 * {@code javascript (tests 3, 7), python (defaultTest)}. An assertion is never dropped silently.
 */
final class UnsupportedAssertions {
  static final String PROMPTFOO_CODE = "unsupported_assertions";
  static final String NATIVE_CODE = "unknown_assertion";
  private static final int MAX_ITEMS = 10;
  private static final int MAX_TYPES = 50;

  private final Origin origin;
  private final boolean promptfoo;
  private final Map<String, Map<String, Places>> types = new LinkedHashMap<>();
  private boolean sealed;

  UnsupportedAssertions(Origin origin, boolean promptfoo) {
    this.origin = origin;
    this.promptfoo = promptfoo;
  }

  /**
   * Records a type; after {@link #seal()} (the suite is read, a run reads its case files) the first
   * one is an error at once, since a run must never run a case without one of its assertions.
   */
  void add(String type, Site site) {
    if (sealed) {
      types.clear();
      sealed = false;
      add(type, site);
      throwIfAny();
    }
    if (types.size() >= MAX_TYPES && !types.containsKey(type)) {
      return;
    }
    types
        .computeIfAbsent(type, t -> new LinkedHashMap<>())
        .computeIfAbsent(site.group(), g -> new Places())
        .add(site.item());
  }

  /** Throws for what was collected, then makes every later type an error at once. */
  void seal() {
    throwIfAny();
    sealed = true;
  }

  boolean isEmpty() {
    return types.isEmpty();
  }

  void throwIfAny() {
    if (isEmpty()) {
      return;
    }
    var list = new StringJoiner(", ");
    types.forEach((type, groups) -> list.add(type + " (" + places(groups) + ")"));
    String supported = String.join(", ", AssertionType.names());
    throw promptfoo
        ? new InvalidInputException(
            PROMPTFOO_CODE,
            origin.at("assertion types PromptOps does not support: " + list),
            "PromptOps checks "
                + supported
                + " (each also as not-TYPE); rewrite or remove the others (a javascript or"
                + " python check can often become regex, contains-json, json-schema or"
                + " llm-rubric)")
        : new InvalidInputException(
            NATIVE_CODE,
            origin.at("unknown assertion types: " + list),
            "use one of " + supported + " (each also as not-TYPE)");
  }

  private static String places(Map<String, Places> groups) {
    var out = new StringJoiner("; ");
    groups.forEach((group, p) -> out.add(p.items.isEmpty() ? group : group + " " + p.shown()));
    return out.toString();
  }

  /** The numbers of one group, the first few of them. */
  private static final class Places {
    private final List<String> items = new ArrayList<>();
    private int count;

    void add(String item) {
      if (item == null || items.contains(item)) {
        return;
      }
      count++;
      if (items.size() < MAX_ITEMS) {
        items.add(item);
      }
    }

    String shown() {
      String s = String.join(", ", items);
      return count > items.size() ? s + " and " + (count - items.size()) + " more" : s;
    }
  }
}
