package dev.promptops.core.eval.assertions;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Regular expressions written by users, on RE2/J: matching takes time linear in the output, so no
 * pattern can stall a run (no ReDoS). RE2 has no backreferences and no lookaround. Compiled
 * patterns are cached.
 */
final class Patterns {
  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();
  private static final int MAX_CACHED = 1024;

  private Patterns() {}

  /**
   * The compiled pattern.
   *
   * @throws IllegalArgumentException saying why RE2 refuses it
   */
  static Pattern compile(String regex) {
    Pattern cached = CACHE.get(regex);
    if (cached != null) {
      return cached;
    }
    Pattern compiled;
    try {
      compiled = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "/"
              + Format.abbreviate(regex, 80)
              + "/ is not a regular expression RE2 accepts: "
              + e.getDescription()
              + " (backreferences and lookaround are not supported)",
          e);
    }
    if (CACHE.size() < MAX_CACHED) {
      CACHE.put(regex, compiled);
    }
    return compiled;
  }

  /** {@code /\d{4}/}, shortened. */
  static String show(String regex) {
    return "/" + Format.abbreviate(regex, 80) + "/";
  }
}
