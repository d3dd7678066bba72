package dev.promptops.core.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.diff.Differ;
import dev.promptops.core.diff.VersionDiff;
import dev.promptops.core.dotprompt.Lint;
import dev.promptops.core.dotprompt.Problem;
import dev.promptops.core.dotprompt.TemplateException;
import dev.promptops.core.dotprompt.TemplateReferences;
import dev.promptops.core.json.Json;
import dev.promptops.core.names.Names;
import dev.promptops.core.prompt.ComponentNames;
import dev.promptops.core.prompt.ComponentPin;
import dev.promptops.core.prompt.PromptDigest;
import dev.promptops.core.prompt.PromptFile;
import dev.promptops.core.store.Store;
import dev.promptops.core.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** The one entry point for registering prompt versions, and for reading them. */
public final class PromptVersions {
  /** Largest prompt file accepted, in characters. */
  public static final int MAX_SOURCE_CHARS = 512 * 1024;

  /** Most prompts one push may carry. */
  public static final int MAX_PUSH_ITEMS = 1000;

  private final Store store;
  private final AuditLog audit;
  private final Clock clock;
  private final RegistryCache cache;

  public PromptVersions(Store store, AuditLog audit, Clock clock) {
    this(store, audit, clock, RegistryCache.off());
  }

  /** With resolutions kept in {@code cache} (a server's hot path: every SDK lookup). */
  public PromptVersions(Store store, AuditLog audit, Clock clock, RegistryCache cache) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
    this.cache = cache;
  }

  private record ResolveKey(String project, String prompt, Selector selector) {}

  /**
   * Registers a new version of each prompt whose content is new. Each version pins the components
   * (partials) it includes: the version pushed with it, else the newest registered; the pins are
   * part of its digest. Content and pins identical to an existing version of the same prompt create
   * nothing and report that version. Every prompt is linted first; a prompt with errors (syntax,
   * unknown helpers or partials, cycles, undeclared variables, …) refuses the whole push with all
   * the problems: all or nothing.
   */
  public List<PushResult> push(
      Principal who, String project, List<PushItem> items, String message) {
    who.require(project, Permission.EDIT);
    List<Parsed> parsed = parseAll(items);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return store.write(
        tx -> {
          Lookups.project(tx, project);
          var pushed = new HashMap<String, PromptVersion>();
          var results = new HashMap<String, PushResult>();
          var problems = new LinkedHashSet<Problem>();
          var refused = new HashSet<String>();
          for (Parsed p : dependencyOrder(parsed, problems)) {
            if (p.includes.stream().anyMatch(refused::contains)) {
              refused.add(p.name);
              continue;
            }
            Pinning.Result pins = new Pinning(tx, project, pushed).resolve(p.name, p.file);
            List<Problem> lint =
                pins.problems().isEmpty()
                    ? Lint.check(p.file, p.name, pins.partials())
                    : pins.problems();
            if (lint.stream().anyMatch(Problem::isError)) {
              problems.addAll(lint.stream().filter(Problem::isError).toList());
              refused.add(p.name);
              continue;
            }
            List<Problem> warnings = lint.stream().filter(l -> !l.isError()).toList();
            var version = register(tx, who, project, p, pins.components(), message, now);
            pushed.put(p.name, version.version());
            results.put(p.name, version.withWarnings(warnings));
          }
          if (!problems.isEmpty()) {
            var all = List.copyOf(problems);
            throw new TemplateException(all.getFirst().code(), all);
          }
          return parsed.stream().map(p -> results.get(p.name)).toList();
        });
  }

  /** A registered (or identical existing) version and what the push reports for it. */
  private record Registered(PromptVersion version, boolean created) {
    PushResult withWarnings(List<Problem> warnings) {
      return new PushResult(
          version.prompt(), version.version(), version.digest(), created, warnings);
    }
  }

  private Registered register(
      Tx tx,
      Principal who,
      String project,
      Parsed p,
      List<ComponentPin> components,
      String message,
      Instant now) {
    String digest = PromptDigest.of(p.file, components);
    Optional<PromptVersion> same = tx.versions().findByDigest(project, p.name, digest);
    if (same.isPresent()) {
      return new Registered(same.get(), false);
    }
    int next = tx.versions().latest(project, p.name).orElse(0) + 1;
    var version =
        new PromptVersion(
            project,
            p.name,
            next,
            digest,
            p.file.frontMatter(),
            p.file.template(),
            p.source,
            components,
            message,
            now,
            who.name());
    tx.versions().insert(version);
    ObjectNode details = Json.object();
    details.put("version", next);
    details.put("digest", digest);
    details.put("message", version.message());
    if (!components.isEmpty()) {
      ObjectNode pins = details.putObject("components");
      components.forEach(c -> pins.put(c.name(), c.version()));
    }
    audit.append(tx, now, who.name(), "version.create", project, p.name, details);
    return new Registered(version, true);
  }

  /**
   * The pushed prompts with every component before the prompts that include it. Components that
   * include each other are reported as a cycle and left out.
   */
  private static List<Parsed> dependencyOrder(
      List<Parsed> parsed, java.util.Collection<Problem> problems) {
    var byName = new LinkedHashMap<String, Parsed>();
    parsed.forEach(p -> byName.put(p.name, p));
    var ordered = new ArrayList<Parsed>();
    var done = new HashSet<String>();
    var remaining = new ArrayList<>(parsed);
    boolean progress = true;
    while (!remaining.isEmpty() && progress) {
      progress = false;
      for (var it = remaining.iterator(); it.hasNext(); ) {
        Parsed p = it.next();
        boolean ready =
            p.includes.stream().noneMatch(c -> byName.containsKey(c) && !done.contains(c));
        if (ready) {
          ordered.add(p);
          done.add(p.name);
          it.remove();
          progress = true;
        }
      }
    }
    for (Parsed p : remaining) {
      List<String> others =
          p.includes.stream().filter(c -> !done.contains(c) && !c.equals(p.name)).toList();
      problems.add(
          Problem.error(
              "partial_cycle",
              p.name,
              0,
              0,
              others.isEmpty()
                  ? p.name + " includes itself"
                  : p.name + " and " + String.join(", ", others) + " include each other",
              "break the cycle: a component cannot include itself, directly or through others"));
    }
    return ordered;
  }

  private static List<Parsed> parseAll(List<PushItem> items) {
    if (items == null || items.isEmpty()) {
      throw new InvalidInputException(
          "empty_push", "nothing to push", "name at least one prompt and its source");
    }
    if (items.size() > MAX_PUSH_ITEMS) {
      throw new InvalidInputException(
          "push_too_large",
          "a push may carry at most " + MAX_PUSH_ITEMS + " prompts, not " + items.size(),
          "push in smaller batches");
    }
    var names = new HashSet<String>();
    var parsed = new ArrayList<Parsed>();
    for (PushItem item : items) {
      String name = Names.prompt(item.name());
      if (!names.add(name)) {
        throw new InvalidInputException(
            "duplicate_prompt", "prompt '" + name + "' appears twice in one push", "push it once");
      }
      parsed.add(parse(name, item.source()));
    }
    return parsed;
  }

  private static Parsed parse(String name, String source) {
    if (source == null) {
      throw new InvalidInputException(
          "missing_source", "prompt '" + name + "' has no source", "send the .prompt file text");
    }
    if (source.length() > MAX_SOURCE_CHARS) {
      throw new InvalidInputException(
          "prompt_too_large",
          "prompt '" + name + "' is " + source.length() + " characters long",
          "a prompt file may hold at most " + MAX_SOURCE_CHARS + " characters");
    }
    PromptFile file = PromptFile.parse(source, name);
    List<String> includes =
        TemplateReferences.partials(file.template()).keySet().stream()
            .map(ComponentNames::registryName)
            .toList();
    return new Parsed(name, PromptFile.normalize(source), file, includes);
  }

  /** A pushed prompt, parsed, with the registry names of the components it includes. */
  private record Parsed(String name, String source, PromptFile file, List<String> includes) {}

  /** All versions of a prompt, oldest first. */
  public List<PromptVersion> versions(Principal who, String project, String prompt) {
    who.require(project, Permission.READ);
    return store.read(
        tx -> {
          Lookups.project(tx, project);
          Lookups.latest(tx, project, prompt);
          return tx.versions().list(project, prompt);
        });
  }

  public PromptVersion version(Principal who, String project, String prompt, int version) {
    who.require(project, Permission.READ);
    return store.read(
        tx -> {
          Lookups.project(tx, project);
          return Lookups.version(tx, project, prompt, version);
        });
  }

  /** Resolves a selector: an environment, a label, an exact version, or the default. */
  public Resolution resolve(Principal who, String project, String prompt, Selector selector) {
    who.require(project, Permission.READ);
    return cache.get(
        store,
        new ResolveKey(project, prompt, selector),
        tx -> Lookups.resolve(tx, Lookups.project(tx, project), prompt, selector));
  }

  /** The difference between two versions, each named by a reference (name, name:ENV, name@N). */
  public VersionDiff diff(Principal who, String project, Ref from, Ref to) {
    who.require(project, Permission.READ);
    return store.read(
        tx -> {
          Project p = Lookups.project(tx, project);
          PromptVersion a = Lookups.resolve(tx, p, from.prompt(), from.selector()).version();
          PromptVersion b = Lookups.resolve(tx, p, to.prompt(), to.selector()).version();
          return Differ.diff(a, b);
        });
  }

  /** Every prompt of a project with its newest version and its pins. */
  public List<PromptSummary> list(Principal who, String project) {
    who.require(project, Permission.READ);
    return store.read(
        tx -> {
          Lookups.project(tx, project);
          var pins = tx.pins().listProject(project);
          return tx.versions().latestOfEach(project).stream()
              .map(
                  v -> {
                    var byTarget = new java.util.TreeMap<String, Integer>();
                    pins.stream()
                        .filter(pin -> pin.prompt().equals(v.prompt()))
                        .forEach(pin -> byTarget.put(pin.target(), pin.version()));
                    return new PromptSummary(
                        v.prompt(), v.version(), v.digest(), v.createdAt(), byTarget);
                  })
              .toList();
        });
  }
}
