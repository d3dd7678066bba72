package dev.promptops.core.eval.runs;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.dotprompt.Dotprompt;
import dev.promptops.core.dotprompt.Partials;
import dev.promptops.core.eval.PromptSource;
import dev.promptops.core.eval.engine.PromptLoader;
import dev.promptops.core.prompt.PromptDigest;
import dev.promptops.core.prompt.PromptFile;
import dev.promptops.core.registry.Rendering;
import java.util.List;

/** The prompts of a server run, from the registry, with the component versions each pins. */
final class RegistryPrompts implements PromptLoader {
  private final Rendering rendering;
  private final Principal who;
  private final String project;

  RegistryPrompts(Rendering rendering, Principal who, String project) {
    this.rendering = rendering;
    this.who = who;
    this.project = project;
  }

  @Override
  public Loaded load(PromptSource source) {
    return switch (source) {
      case PromptSource.Registered r -> {
        var c = rendering.compile(who, project, r.ref().prompt(), r.ref().selector());
        yield new Loaded(
            r.label(),
            c.version().prompt(),
            c.version().version(),
            c.version().digest(),
            c.prompt());
      }
      case PromptSource.Inline i -> {
        PromptFile file = PromptFile.parse(i.source(), i.label());
        yield new Loaded(
            i.label(),
            i.label(),
            null,
            PromptDigest.of(file, List.of()),
            Dotprompt.compile(file, i.label(), Partials.none()));
      }
      case PromptSource.File f ->
          throw new InvalidInputException(
              "suite_not_self_contained",
              "the server cannot read the prompt file " + f.path(),
              "name a registered version instead");
    };
  }
}
