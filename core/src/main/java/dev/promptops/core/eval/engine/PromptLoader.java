package dev.promptops.core.eval.engine;

import dev.promptops.core.dotprompt.CompiledPrompt;
import dev.promptops.core.eval.PromptSource;

/**
 * Compiles the prompts of a suite where the run happens: on a developer's machine from files or the
 * server's registry, on the server from its own registry.
 */
@FunctionalInterface
public interface PromptLoader {

  /**
   * A prompt ready to render.
   *
   * @param label how reports name it ({@code support/reply@3}, {@code support/reply})
   * @param name the prompt's registry name
   * @param version the registered version, or null for a file or inline source
   * @param digest the digest of what runs
   */
  record Loaded(
      String label, String name, Integer version, String digest, CompiledPrompt compiled) {}

  /**
   * @throws dev.promptops.core.PromptOpsException when the prompt does not resolve or compile
   *     ({@code NOT_FOUND} when a reference names nothing deployed)
   */
  Loaded load(PromptSource source);
}
