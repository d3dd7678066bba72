package dev.promptops.cli;

import dev.promptops.core.PromptOpsException;
import dev.promptops.core.dotprompt.Lint;
import dev.promptops.core.dotprompt.Problem;
import dev.promptops.core.prompt.PromptFile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lints {@code .prompt} files on disk with the engine's {@link Lint}, partials coming from the
 * component files of the same prompts folder. Every problem names the file as the user reaches it
 * (relative to the working directory), including problems found inside a component.
 */
final class Linter {
  /** What lint found in how many files. */
  record Report(int files, List<Problem> problems) {
    long errors() {
      return problems.stream().filter(Problem::isError).count();
    }

    long warnings() {
      return problems.size() - errors();
    }
  }

  private final Context ctx;
  private final Map<Path, ComponentFiles> components = new HashMap<>();

  Linter(Context ctx) {
    this.ctx = ctx;
  }

  Report lint(List<PromptSources.Source> sources) {
    Set<Problem> problems = new LinkedHashSet<>();
    for (PromptSources.Source s : sources) {
      problems.addAll(lint(s));
    }
    components.values().forEach(c -> problems.addAll(c.problems()));
    return new Report(sources.size(), sorted(problems));
  }

  private List<Problem> lint(PromptSources.Source s) {
    String origin = ctx.show(s.path());
    PromptFile file;
    try {
      file = PromptFile.parse(s.text(), origin);
    } catch (PromptOpsException e) {
      return List.of(Problems.unparsable(e, origin));
    }
    ComponentFiles parts = components.computeIfAbsent(s.base(), b -> new ComponentFiles(ctx, b));
    return Lint.check(file, origin, parts.partials()).stream().map(parts::relocate).toList();
  }

  private static List<Problem> sorted(Set<Problem> problems) {
    return problems.stream().sorted(Problem.ORDER).toList();
  }
}
