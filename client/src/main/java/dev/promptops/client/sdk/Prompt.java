package dev.promptops.client.sdk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.dotprompt.CompiledPrompt;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.dotprompt.RenderedPrompt;
import dev.promptops.core.execution.RunResult;
import dev.promptops.core.json.Json;
import dev.promptops.core.prompt.ComponentPin;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A prompt version as the SDK serves it: compiled once, rendered locally with the engine the server
 * uses, so the messages are the same as the server's for the same version and variables. Immutable
 * and thread-safe; a cached lookup returns the same object, so keep none across calls: call {@link
 * PromptOps#get(String)} each time, which is as cheap as a map lookup.
 *
 * <p>Every {@link #render} and {@link #execute} counts as a use of this version by this instance,
 * reported in the background for drift detection.
 */
public final class Prompt {
  /** Where the SDK got the version. */
  public enum Origin {
    /** From the server (now or cached). */
    SERVER,
    /** From the bundled snapshot: the server could not be reached and nothing was cached. */
    SNAPSHOT,
    /** A prompt the application holds itself ({@link PromptOps#local}), not from the registry. */
    LOCAL
  }

  private final PromptOps owner;
  private final String name;
  private final int version;
  private final String digest;
  private final String environment;
  private final Origin origin;
  private final String source;
  private final List<ComponentPin> components;
  private final CompiledPrompt compiled;
  private final Instant fetchedAt;
  private final Reporter.Use use;

  Prompt(
      PromptOps owner,
      String name,
      int version,
      String digest,
      String environment,
      Origin origin,
      String source,
      List<ComponentPin> components,
      CompiledPrompt compiled,
      Instant fetchedAt,
      Reporter.Use use) {
    this.owner = owner;
    this.name = name;
    this.version = version;
    this.digest = digest;
    this.environment = environment;
    this.origin = origin;
    this.source = source;
    this.components = List.copyOf(components);
    this.compiled = compiled;
    this.fetchedAt = fetchedAt;
    this.use = use;
  }

  public String name() {
    return name;
  }

  /** The registered version number; 0 for a {@link Origin#LOCAL} prompt. */
  public int version() {
    return version;
  }

  /**
   * The digest of what this object renders, computed from its source and components: the registered
   * version's digest, unless the source was changed outside the registry.
   */
  public String digest() {
    return digest;
  }

  /** The environment it was resolved in; null for a lookup by exact version. */
  public String environment() {
    return environment;
  }

  public Origin origin() {
    return origin;
  }

  /** Whether it is served from the snapshot because the server could not be reached. */
  public boolean fallback() {
    return origin == Origin.SNAPSHOT;
  }

  /** The {@code .prompt} source. */
  public String source() {
    return source;
  }

  /** The component versions it renders with. */
  public List<ComponentPin> components() {
    return components;
  }

  /** When the SDK fetched (or read) it. */
  public Instant fetchedAt() {
    return fetchedAt;
  }

  /** The prompt's metadata (model, config, schemas) with {@code options} merged over it. */
  public ObjectNode metadata(ObjectNode options) {
    return compiled.metadata(options);
  }

  /**
   * Renders it into messages, locally.
   *
   * @throws dev.promptops.core.dotprompt.TemplateException when the variables do not fit the input
   *     schema ({@code problems()} says which and why)
   */
  public RenderedPrompt render(RenderData data) {
    RenderedPrompt rendered = compiled.render(data);
    use.record();
    return rendered;
  }

  /** Renders it with these variables ({@code input}); values are converted as Jackson does. */
  public RenderedPrompt render(Map<String, ?> variables) {
    return render(variables(variables));
  }

  /**
   * Runs this exact version on the server (which renders it, calls the model with its retries and
   * fallbacks, checks and prices the output) and waits for the answer.
   *
   * @throws dev.promptops.core.InvalidInputException for a {@link Origin#LOCAL} prompt, which the
   *     server does not know
   */
  public RunResult execute(Map<String, ?> variables) {
    return execute(variables(variables), null);
  }

  /**
   * Like {@link #execute(Map)}; with {@code onDelta} the answer streams, each piece of text going
   * to it as it arrives.
   */
  public RunResult execute(RenderData data, Consumer<String> onDelta) {
    RunResult result = owner.execute(this, data, onDelta);
    use.record();
    return result;
  }

  private static RenderData variables(Map<String, ?> variables) {
    return RenderData.of(variables == null ? null : Json.mapper().valueToTree(variables));
  }

  @Override
  public String toString() {
    return name
        + (version > 0 ? "@" + version : "")
        + " "
        + digest
        + (environment != null ? " in " + environment : "")
        + " ("
        + origin.name().toLowerCase(java.util.Locale.ROOT)
        + ")";
  }
}
