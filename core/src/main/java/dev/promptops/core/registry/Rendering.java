package dev.promptops.core.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.dotprompt.CompiledPrompt;
import dev.promptops.core.dotprompt.Dotprompt;
import dev.promptops.core.dotprompt.Partials;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.dotprompt.RenderedPrompt;
import dev.promptops.core.prompt.ComponentNames;
import dev.promptops.core.prompt.ComponentPin;
import dev.promptops.core.store.Store;
import dev.promptops.core.store.Tx;
import java.util.HashMap;

/**
 * Renders registered versions. A version always renders with the component versions it pins, so
 * publishing a new component version changes nothing that is deployed until a new prompt version is
 * pushed and deployed. Compiled prompts are cached by digest.
 */
public final class Rendering {
  public static final int CACHE_SIZE = 1024;

  private final Store store;
  private final CompiledPrompts cache = new CompiledPrompts(CACHE_SIZE);
  private final java.util.function.LongConsumer renderNanos;

  public Rendering(Store store) {
    this(store, nanos -> {});
  }

  /**
   * @param renderNanos takes how long each {@link #render} took to render (without the lookup)
   */
  public Rendering(Store store, java.util.function.LongConsumer renderNanos) {
    this.store = store;
    this.renderNanos = renderNanos;
  }

  /** The compiled-prompt cache, for its hit and miss counts. */
  public CompiledPrompts cache() {
    return cache;
  }

  /** A rendered version, with how it was resolved. */
  public record Result(PromptVersion version, String via, RenderedPrompt rendered) {}

  public Result render(
      Principal who,
      String project,
      String prompt,
      Selector selector,
      RenderData data,
      ObjectNode options) {
    Compiled c = compile(who, project, prompt, selector);
    long start = System.nanoTime();
    RenderedPrompt rendered = c.prompt().render(data, options);
    renderNanos.accept(System.nanoTime() - start);
    return new Result(c.version(), c.via(), rendered);
  }

  /** A resolved version compiled with its pinned components, to render many times. */
  public record Compiled(PromptVersion version, String via, CompiledPrompt prompt) {}

  /**
   * The version a selector picks, compiled with the component versions it pins (from the cache when
   * it was compiled before), for callers that render it many times (an evaluation).
   */
  public Compiled compile(Principal who, String project, String prompt, Selector selector) {
    who.require(project, Permission.READ);
    Prepared prepared =
        store.read(
            tx -> {
              Resolution r = Lookups.resolve(tx, Lookups.project(tx, project), prompt, selector);
              return new Prepared(r, partials(tx, r.version()));
            });
    PromptVersion v = prepared.resolution().version();
    CompiledPrompt compiled =
        cache.get(v.digest(), () -> Dotprompt.compile(v.file(), v.ref(), prepared.partials()));
    return new Compiled(v, prepared.resolution().via(), compiled);
  }

  private record Prepared(Resolution resolution, Partials partials) {}

  /** The templates of the component versions a version pins, by include name. */
  static Partials partials(Tx tx, PromptVersion version) {
    var templates = new HashMap<String, String>();
    for (ComponentPin pin : version.components()) {
      tx.versions()
          .find(version.project(), pin.name(), pin.version())
          .ifPresent(c -> templates.put(ComponentNames.partialName(pin.name()), c.template()));
    }
    return Partials.of(templates);
  }

  int cached() {
    return cache.size();
  }
}
