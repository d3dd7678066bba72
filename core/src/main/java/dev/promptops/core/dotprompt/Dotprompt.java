package dev.promptops.core.dotprompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.HandlebarsError;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.cache.ConcurrentMapTemplateCache;
import com.github.jknack.handlebars.io.AbstractTemplateLoader;
import com.github.jknack.handlebars.io.StringTemplateSource;
import com.github.jknack.handlebars.io.TemplateSource;
import dev.promptops.core.prompt.ComponentNames;
import dev.promptops.core.prompt.PromptFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Dotprompt engine: compiles a {@code .prompt} file with its partials into a {@link
 * CompiledPrompt} that renders messages exactly as the reference implementation does (the
 * conformance suite checks it). Handlebars.java does the templating, with escaping off, standalone
 * lines removed as in Handlebars.js, and only the Dotprompt and standard helpers allowed.
 *
 * <p>Compiling checks what can be checked before any data is seen: template syntax, that every
 * helper is known, and that every partial exists (transitively). Problems name the file, line and
 * column.
 */
public final class Dotprompt {
  /** How deep partials may include partials. */
  public static final int MAX_PARTIAL_DEPTH = 8;

  /**
   * How deep blocks ({@code {{#if}}}, {@code {{#each}}}…) may nest in one template. Handlebars.java
   * parses and renders blocks recursively: far deeper templates overflow the stack.
   */
  public static final int MAX_BLOCK_DEPTH = 64;

  private Dotprompt() {}

  /**
   * Compiles a prompt file.
   *
   * @param origin the file or prompt name, for messages
   * @param partials where {@code {{> name}}} templates come from
   * @param schemas named schemas for Picoschema ({@code schema: Person}); may return empty
   */
  public static CompiledPrompt compile(
      PromptFile file,
      String origin,
      Partials partials,
      Function<String, Optional<JsonNode>> schemas) {
    var problems = new ArrayList<Problem>();
    checkTemplate(file.template(), origin, file.templateLine(), partials, problems, 0, List.of());
    if (problems.stream().anyMatch(Problem::isError)) {
      throw new TemplateException(problems.getFirst().code(), problems);
    }
    Handlebars handlebars = handlebars(partials);
    Template template;
    try {
      template = handlebars.compileInline(file.template());
    } catch (HandlebarsException e) {
      throw new TemplateException(syntax(e, origin, file.templateLine()));
    } catch (IllegalArgumentException e) {
      throw new TemplateException(refused(e, origin, file.templateLine()));
    } catch (IOException e) {
      throw new IllegalStateException("compiling an in-memory template failed", e);
    }
    var compiled =
        new CompiledPrompt(
            origin,
            file,
            PromptMetadata.of(file),
            template,
            DirectTemplate.compile(file.template(), compilingPartials(handlebars, partials))
                .orElse(null),
            new Picoschema(schemas));
    InputValidation.prepare(compiled);
    return compiled;
  }

  /** Compiles a prompt file without named schemas. */
  public static CompiledPrompt compile(PromptFile file, String origin, Partials partials) {
    return compile(file, origin, partials, name -> Optional.empty());
  }

  /** Problems in a template and, transitively, its partials: unknown helpers and partials. */
  static void checkTemplate(
      String template,
      String origin,
      int firstLine,
      Partials partials,
      List<Problem> problems,
      int depth,
      List<String> chain) {
    TemplateAnalysis analysis = TemplateAnalysis.of(template);
    for (var f : analysis.findings()) {
      problems.add(
          Problem.error(
              f.code(), origin, firstLine + f.line() - 1, f.column(), f.message(), f.hint()));
    }
    for (Map.Entry<String, TemplateAnalysis.Position> p : analysis.partials().entrySet()) {
      String name = p.getKey();
      int line = firstLine + p.getValue().line() - 1;
      int column = p.getValue().column();
      if (analysis.inlinePartials().contains(name)) {
        continue;
      }
      if (chain.contains(name)) {
        problems.add(
            Problem.error(
                "partial_cycle",
                origin,
                line,
                column,
                "partials include each other: " + String.join(" > ", chain) + " > " + name,
                "break the cycle: a partial cannot include itself, directly or through others"));
        continue;
      }
      if (depth >= MAX_PARTIAL_DEPTH) {
        problems.add(
            Problem.error(
                "partial_depth",
                origin,
                line,
                column,
                "partials nest deeper than " + MAX_PARTIAL_DEPTH + " levels at '" + name + "'",
                "flatten the partials: at most " + MAX_PARTIAL_DEPTH + " levels"));
        continue;
      }
      Optional<String> body = partials.template(name);
      if (body.isEmpty()) {
        problems.add(
            Problem.error(
                "unknown_partial",
                origin,
                line,
                column,
                "unknown partial '" + name + "'",
                "add the component _"
                    + name
                    + ".prompt (it is pushed and pinned with the"
                    + " prompt), or fix the name"));
        continue;
      }
      var next = new ArrayList<>(chain);
      next.add(name);
      checkTemplate(
          body.get(), ComponentNames.registryName(name), 1, partials, problems, depth + 1, next);
    }
  }

  /**
   * The partials that Handlebars.java compiles: it compiles a partial only when it first renders
   * it, so one it refuses is an error of that render, and the direct path must leave it so.
   */
  private static Partials compilingPartials(Handlebars handlebars, Partials partials) {
    return name ->
        partials
            .template(name)
            .filter(
                body -> {
                  try {
                    handlebars.compileInline(body);
                    return true;
                  } catch (HandlebarsException | IllegalArgumentException | IOException e) {
                    return false;
                  }
                });
  }

  private static Handlebars handlebars(Partials partials) {
    var loader =
        new AbstractTemplateLoader() {
          @Override
          public TemplateSource sourceAt(String location) throws IOException {
            return new StringTemplateSource(
                location,
                partials
                    .template(location)
                    .orElseThrow(() -> new FileNotFoundException("unknown partial " + location)));
          }

          @Override
          public String resolve(String location) {
            return location;
          }
        };
    Handlebars handlebars =
        new Handlebars(loader)
            .with(EscapingStrategy.NOOP)
            .with(new ConcurrentMapTemplateCache())
            .prettyPrint(true);
    Helpers.register(handlebars);
    return handlebars;
  }

  /**
   * Handlebars.java refuses a few templates with an IllegalArgumentException of its own instead of
   * a syntax error: {@code {{^}}} in a block opened with whitespace control ({@code {{~#if
   * x}}a{{^}} b{{/if}}}), or {@code {{~^}}}.
   */
  static Problem refused(IllegalArgumentException e, String origin, int firstLine) {
    String why = String.valueOf(e.getMessage());
    return Problem.error(
        "template_syntax",
        origin,
        firstLine,
        1,
        "Handlebars.java cannot compile the template: " + why,
        why.contains("inverseLabel")
            ? "write {{else}} instead of {{^}} in a block opened with whitespace control"
                + " ({{~#name}}), and instead of {{~^}}"
            : "fix the Handlebars syntax");
  }

  static Problem syntax(HandlebarsException e, String origin, int firstLine) {
    HandlebarsError error = e.getError();
    if (error == null) {
      return Problem.error(
          "template_syntax", origin, 0, 0, String.valueOf(e.getMessage()), "fix the template");
    }
    return Problem.error(
        "template_syntax",
        origin,
        firstLine + error.line - 1,
        error.column + 1,
        error.reason,
        "fix the Handlebars syntax at that position");
  }
}
