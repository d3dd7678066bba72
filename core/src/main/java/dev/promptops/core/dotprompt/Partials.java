package dev.promptops.core.dotprompt;

import java.util.Map;
import java.util.Optional;

/** Where a template's partials ({@code {{> name}}}) come from. */
@FunctionalInterface
public interface Partials {

  /** The template of the partial with this name, or empty when there is none. */
  Optional<String> template(String name);

  static Partials none() {
    return name -> Optional.empty();
  }

  static Partials of(Map<String, String> templates) {
    Map<String, String> copy = Map.copyOf(templates);
    return name -> Optional.ofNullable(copy.get(name));
  }

  /** This source, then {@code fallback} for names this one does not have. */
  default Partials orElse(Partials fallback) {
    return name -> template(name).or(() -> fallback.template(name));
  }
}
