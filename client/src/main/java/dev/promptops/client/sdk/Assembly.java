package dev.promptops.client.sdk;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.dotprompt.CompiledPrompt;
import dev.promptops.core.dotprompt.Dotprompt;
import dev.promptops.core.dotprompt.Partials;
import dev.promptops.core.prompt.ComponentNames;
import dev.promptops.core.prompt.ComponentPin;
import dev.promptops.core.prompt.PromptDigest;
import dev.promptops.core.prompt.PromptFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Compiles a prompt version with the component versions it pins, as the server's {@code Rendering}
 * does (so the messages are the same for the same version and variables), and computes its digest
 * from what it actually holds: a source edited by hand (in a snapshot, say) gets its own digest,
 * which the registry does not know, and the drift engine reports it as {@code unknown}.
 */
final class Assembly {
  private Assembly() {}

  /** A compiled prompt and the digest of what it was compiled from. */
  record Result(CompiledPrompt prompt, String digest) {}

  /**
   * @param components the component version for each pin (never null: the caller fetches or reads
   *     it, or throws)
   */
  static Result compile(
      String ref,
      String source,
      List<ComponentPin> pins,
      Function<ComponentPin, Component> components) {
    PromptFile file = PromptFile.parse(source, ref);
    var walk = new Walk(components);
    var templates = new HashMap<String, String>();
    var actual = new ArrayList<ComponentPin>();
    for (ComponentPin pin : pins) {
      Component c = components.apply(pin);
      templates.put(ComponentNames.partialName(pin.name()), walk.file(c).template());
      actual.add(new ComponentPin(pin.name(), pin.version(), walk.digest(c, 0)));
    }
    CompiledPrompt compiled = Dotprompt.compile(file, ref, Partials.of(templates));
    return new Result(compiled, PromptDigest.of(file, actual));
  }

  /** The components of one compile, each parsed and digested once. */
  private static final class Walk {
    private final Function<ComponentPin, Component> components;
    private final Map<String, PromptFile> files = new HashMap<>();
    private final Map<String, String> digests = new HashMap<>();

    Walk(Function<ComponentPin, Component> components) {
      this.components = components;
    }

    PromptFile file(Component c) {
      return files.computeIfAbsent(c.ref(), ref -> PromptFile.parse(c.source(), ref));
    }

    /** A component's digest from its source and its own pins, each computed the same way. */
    String digest(Component c, int depth) {
      String known = digests.get(c.ref());
      if (known != null) {
        return known;
      }
      if (depth > Dotprompt.MAX_PARTIAL_DEPTH) {
        throw new InvalidInputException(
            "component_cycle",
            "component "
                + c.ref()
                + " pins components deeper than "
                + Dotprompt.MAX_PARTIAL_DEPTH
                + " levels",
            "components may nest at most " + Dotprompt.MAX_PARTIAL_DEPTH + " levels");
      }
      var pins = new ArrayList<ComponentPin>();
      for (ComponentPin pin : c.pins()) {
        pins.add(
            new ComponentPin(pin.name(), pin.version(), digest(components.apply(pin), depth + 1)));
      }
      String digest = PromptDigest.of(file(c), pins);
      digests.put(c.ref(), digest);
      return digest;
    }
  }
}
