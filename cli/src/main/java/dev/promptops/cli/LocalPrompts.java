package dev.promptops.cli;

import dev.promptops.client.PromptOpsClient;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.dotprompt.CompiledPrompt;
import dev.promptops.core.dotprompt.Dotprompt;
import dev.promptops.core.dotprompt.Partials;
import dev.promptops.core.dotprompt.Problem;
import dev.promptops.core.dotprompt.TemplateException;
import dev.promptops.core.dotprompt.TemplateReferences;
import dev.promptops.core.eval.PromptSource;
import dev.promptops.core.eval.engine.PromptLoader;
import dev.promptops.core.prompt.ComponentNames;
import dev.promptops.core.prompt.ComponentPin;
import dev.promptops.core.prompt.PromptDigest;
import dev.promptops.core.prompt.PromptFile;
import dev.promptops.core.registry.PromptVersion;
import dev.promptops.core.registry.Ref;
import dev.promptops.core.registry.Resolution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The prompts of a suite, compiled for a local run: a file with the component files beside it (and
 * the digest a push would give it), a registered version with the component versions it pins
 * (fetched from the server), or an inline source.
 */
final class LocalPrompts implements PromptLoader {
  private final Context ctx;
  private final String project;
  private final Supplier<PromptOpsClient> client;

  LocalPrompts(Context ctx, String project, Supplier<PromptOpsClient> client) {
    this.ctx = ctx;
    this.project = project;
    this.client = client;
  }

  @Override
  public Loaded load(PromptSource source) {
    return switch (source) {
      case PromptSource.File f -> file(f);
      case PromptSource.Registered r -> registered(r.ref());
      case PromptSource.Inline i -> inline(i);
    };
  }

  private Loaded file(PromptSource.File f) {
    Path path = f.path();
    String origin = ctx.show(path);
    String text;
    try {
      text = Files.readString(path);
    } catch (IOException e) {
      throw new InvalidInputException(
          "no_such_file",
          "cannot read the prompt " + origin + ": " + e.getMessage(),
          "check the path in the suite (relative to the suite file)");
    }
    PromptFile file = PromptFile.parse(text, origin);
    var components = new ComponentFiles(ctx, base(path, f.name()));
    CompiledPrompt compiled;
    try {
      compiled = Dotprompt.compile(file, origin, components.partials());
    } catch (TemplateException e) {
      var problems = new ArrayList<Problem>(components.problems());
      e.problems().forEach(p -> problems.add(components.relocate(p)));
      throw new TemplateException(e.code(), problems);
    }
    String digest =
        PromptDigest.ofComponentDigests(file, digests(file, components, new HashMap<>()));
    return new Loaded(f.name(), f.name(), null, digest, compiled);
  }

  /** The folder component names start at: the file's folder, up one level per {@code /}. */
  private static Path base(Path path, String name) {
    Path base = path.toAbsolutePath().normalize().getParent();
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) == '/' && base.getParent() != null) {
        base = base.getParent();
      }
    }
    return base;
  }

  /**
   * The digests of every component {@code file} includes, directly or through other components, by
   * registry name: what a push of these files pins.
   */
  private static Map<String, String> digests(
      PromptFile file, ComponentFiles components, Map<String, String> done) {
    var out = new TreeMap<String, String>();
    for (String partial : TemplateReferences.partials(file.template()).keySet()) {
      String name = ComponentNames.registryName(partial);
      if (out.containsKey(name)) {
        continue;
      }
      Optional<PromptFile> component = components.file(partial);
      if (component.isEmpty()) {
        continue;
      }
      Map<String, String> nested = digests(component.get(), components, done);
      String digest =
          done.computeIfAbsent(name, n -> PromptDigest.ofComponentDigests(component.get(), nested));
      out.putAll(nested);
      out.put(name, digest);
    }
    return out;
  }

  private Loaded registered(Ref ref) {
    PromptOpsClient c = client.get();
    Resolution r = c.resolve(project, ref);
    PromptVersion v = r.version();
    var templates = new HashMap<String, String>();
    for (ComponentPin pin : v.components()) {
      templates.put(
          ComponentNames.partialName(pin.name()),
          c.version(project, pin.name(), pin.version()).template());
    }
    Partials partials = name -> Optional.ofNullable(templates.get(name));
    String origin = v.prompt() + "@" + v.version();
    PromptFile file = PromptFile.parse(v.source(), origin);
    return new Loaded(
        ref.toString(),
        v.prompt(),
        v.version(),
        v.digest(),
        Dotprompt.compile(file, origin, partials));
  }

  private static Loaded inline(PromptSource.Inline i) {
    PromptFile file = PromptFile.parse(i.source(), i.label());
    return new Loaded(
        i.label(),
        i.label(),
        null,
        PromptDigest.of(file, List.of()),
        Dotprompt.compile(file, i.label(), Partials.none()));
  }
}
