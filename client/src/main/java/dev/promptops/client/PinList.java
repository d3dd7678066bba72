package dev.promptops.client;

import dev.promptops.core.registry.Pin;
import java.util.List;
import java.util.Optional;

/**
 * Where every environment and label of a project points for one prompt.
 *
 * @param latestVersion the newest version of the prompt
 */
public record PinList(String prompt, int latestVersion, List<Pin> pins) {
  public PinList {
    pins = List.copyOf(pins);
  }

  /** The pin of an environment or label, if it points anywhere. */
  public Optional<Pin> find(String target) {
    return pins.stream().filter(p -> p.target().equals(target)).findFirst();
  }

  /** The version pinned at a target, or null when nothing is pinned there. */
  public Integer versionAt(String target) {
    return find(target).map(Pin::version).orElse(null);
  }
}
