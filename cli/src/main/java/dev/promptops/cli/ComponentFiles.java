package dev.promptops.cli;

import dev.promptops.core.PromptOpsException;
import dev.promptops.core.dotprompt.Partials;
import dev.promptops.core.dotprompt.Problem;
import dev.promptops.core.names.Names;
import dev.promptops.core.prompt.ComponentNames;
import dev.promptops.core.prompt.PromptFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Components (partials) read from local files, as a push would send them: {@code {{> footer}}} is
 * {@code _footer.prompt} in the prompts folder, {@code {{> support/footer}}} is {@code
 * support/_footer.prompt} there. A partial contributes its parsed template. A component file whose
 * front matter does not parse counts as missing, and its problem is kept for the report.
 */
final class ComponentFiles {
  /** A component file and its parsed content. */
  private record Component(Path path, PromptFile file) {}

  private final Context ctx;
  private final Path base;
  private final Map<String, Optional<Component>> byPartial = new HashMap<>();
  private final List<Problem> problems = new ArrayList<>();

  /**
   * @param base the prompts folder: where partial names start
   */
  ComponentFiles(Context ctx, Path base) {
    this.ctx = ctx;
    this.base = base;
  }

  /** The templates of the components, by partial name. */
  Partials partials() {
    return name -> component(name).map(c -> c.file().template());
  }

  /** The parsed file of the component included as {@code partial}, when there is one. */
  Optional<PromptFile> file(String partial) {
    return component(partial).map(Component::file);
  }

  /** Problems found reading component files (front matter that does not parse). */
  List<Problem> problems() {
    return List.copyOf(problems);
  }

  /**
   * A problem the engine found inside a partial (its origin is the component's registry name, e.g.
   * {@code support/_footer}, its line counted in the template) as a problem of the component's
   * file, at its line in the file.
   */
  Problem relocate(Problem p) {
    if (p.origin().endsWith(".prompt") || !ComponentNames.isComponent(p.origin())) {
      return p;
    }
    return component(ComponentNames.partialName(p.origin()))
        .map(
            c ->
                new Problem(
                    p.severity(),
                    p.code(),
                    ctx.show(c.path()),
                    p.line() > 0 ? p.line() + c.file().templateLine() - 1 : 0,
                    p.column(),
                    p.variable(),
                    p.message(),
                    p.hint()))
        .orElse(p);
  }

  private Optional<Component> component(String partial) {
    return byPartial.computeIfAbsent(partial, this::read);
  }

  private Optional<Component> read(String partial) {
    Path path;
    try {
      path = base.resolve(Names.prompt(ComponentNames.registryName(partial)) + ".prompt");
    } catch (PromptOpsException | IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    String origin = ctx.show(path);
    try {
      return Optional.of(new Component(path, PromptFile.parse(Files.readString(path), origin)));
    } catch (IOException e) {
      problems.add(
          Problem.error(
              "unreadable_file", origin, 0, 0, "cannot read: " + e.getMessage(), "check it"));
    } catch (PromptOpsException e) {
      problems.add(Problems.unparsable(e, origin));
    }
    return Optional.empty();
  }
}
