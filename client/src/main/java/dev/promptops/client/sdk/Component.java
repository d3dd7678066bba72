package dev.promptops.client.sdk;

import dev.promptops.core.prompt.ComponentPin;
import java.util.List;

/**
 * A component version as the SDK renders it: its source and the components it pins itself.
 *
 * @param digest the digest the registry (or snapshot) gives it
 * @param pins the components this one includes, directly or through others
 */
record Component(String name, int version, String digest, String source, List<ComponentPin> pins) {
  Component {
    pins = List.copyOf(pins);
  }

  String ref() {
    return name + "@" + version;
  }
}
