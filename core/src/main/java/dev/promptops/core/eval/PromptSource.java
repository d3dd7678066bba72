package dev.promptops.core.eval;

import dev.promptops.core.registry.Ref;
import java.nio.file.Path;
import java.util.Objects;

/** A prompt a suite evaluates: a local file, a registered version, or a template given inline. */
public sealed interface PromptSource {

  /** How reports name it: the prompt name, {@code name@3}, {@code name:staging}, or a label. */
  String label();

  /**
   * A {@code .prompt} file on disk, with the component files beside it.
   *
   * @param name the prompt's registry name ({@code support/reply}), as {@code promptops push} would
   *     name the file
   */
  record File(Path path, String name) implements PromptSource {
    public File {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String label() {
      return name;
    }
  }

  /** A version in the registry, by environment, label or number (resolved when the run starts). */
  record Registered(Ref ref) implements PromptSource {
    public Registered {
      Objects.requireNonNull(ref, "ref");
    }

    @Override
    public String label() {
      return ref.toString();
    }
  }

  /**
   * A Dotprompt source given in the suite itself (promptfoo's raw prompt strings and message lists
   * become one); it has no model unless the suite's providers give one.
   */
  record Inline(String label, String source) implements PromptSource {
    public Inline {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(source, "source");
    }
  }
}
