package dev.promptops.core.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.diff.Differ;
import dev.promptops.core.diff.VersionDiff;
import dev.promptops.core.json.Json;
import dev.promptops.core.names.Names;
import dev.promptops.core.prompt.ComponentPin;
import dev.promptops.core.prompt.PromptDigest;
import dev.promptops.core.prompt.PromptFile;
import dev.promptops.core.store.Store;
import dev.promptops.core.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
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

  public PromptVersions(Store store, AuditLog audit, Clock clock) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Registers a new version of each prompt whose content is new. Content identical to an existing
   * version of the same prompt creates nothing and reports that version. All or nothing: if one
   * prompt is refused, no version is created.
   */
  public List<PushResult> push(
      Principal who, String project, List<PushItem> items, String message) {
    who.require(project, Permission.EDIT);
    List<Parsed> parsed = parseAll(items);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return store.write(
        tx -> {
          Lookups.project(tx, project);
          var results = new ArrayList<PushResult>();
          for (Parsed p : parsed) {
            results.add(register(tx, who, project, p, message, now));
          }
          return List.copyOf(results);
        });
  }

  private PushResult register(
      Tx tx, Principal who, String project, Parsed p, String message, Instant now) {
    Optional<PromptVersion> same = tx.versions().findByDigest(project, p.name, p.digest);
    if (same.isPresent()) {
      return new PushResult(p.name, same.get().version(), p.digest, false);
    }
    int next = tx.versions().latest(project, p.name).orElse(0) + 1;
    var version =
        new PromptVersion(
            project,
            p.name,
            next,
            p.digest,
            p.file.frontMatter(),
            p.file.template(),
            p.source,
            p.components,
            message,
            now,
            who.name());
    tx.versions().insert(version);
    ObjectNode details = Json.object();
    details.put("version", next);
    details.put("digest", p.digest);
    details.put("message", version.message());
    audit.append(tx, now, who.name(), "version.create", project, p.name, details);
    return new PushResult(p.name, next, p.digest, true);
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
    List<ComponentPin> components = List.of();
    return new Parsed(
        name, PromptFile.normalize(source), file, components, PromptDigest.of(file, components));
  }

  private record Parsed(
      String name, String source, PromptFile file, List<ComponentPin> components, String digest) {}

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
    return store.read(tx -> Lookups.resolve(tx, Lookups.project(tx, project), prompt, selector));
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
