package dev.promptops.bench;

import dev.promptops.core.dotprompt.CompiledPrompt;
import dev.promptops.core.dotprompt.Dotprompt;
import dev.promptops.core.dotprompt.Partials;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.dotprompt.RenderedPrompt;
import dev.promptops.core.prompt.PromptDigest;
import dev.promptops.core.prompt.PromptFile;
import dev.promptops.core.registry.CompiledPrompts;
import dev.promptops.core.registry.Rendering;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The three costs of serving a prompt: parsing and compiling it (a push, or a cache miss),
 * rendering a compiled prompt (the hot path), and rendering through the compiled-prompt cache keyed
 * by digest as {@link Rendering} does for every render request. {@link Latency} reports them as
 * average time, {@link Throughput} as operations per second.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 5, time = 2)
public abstract class PromptBenchmarks {
  private String source;
  private Partials partials;
  private RenderData variables;
  private CompiledPrompt compiled;
  private CompiledPrompts cache;
  private String digest;

  @Setup
  public void setUp() {
    source = SupportReply.source();
    partials = SupportReply.partials();
    variables = SupportReply.variables();
    compiled = parseAndCompile();
    // a cache as full as the server's, the prompt's digest among the others
    cache = new CompiledPrompts(Rendering.CACHE_SIZE);
    for (int i = 1; i < Rendering.CACHE_SIZE; i++) {
      cache.get("sha256:other-" + i, () -> compiled);
    }
    digest = PromptDigest.of(PromptFile.parse(source, SupportReply.NAME), List.of());
    cache.get(digest, () -> compiled);
  }

  /** {@code PromptFile.parse} and {@code Dotprompt.compile}: what a push or a cache miss costs. */
  @Benchmark
  public CompiledPrompt parseAndCompile() {
    return Dotprompt.compile(
        PromptFile.parse(source, SupportReply.NAME), SupportReply.NAME, partials);
  }

  /**
   * {@code CompiledPrompt.render} with five variables: defaults, schema check, template, messages.
   */
  @Benchmark
  public RenderedPrompt render() {
    return compiled.render(variables);
  }

  /**
   * The cache lookup by digest, then the render, as {@code Rendering.render} does (without the
   * store).
   */
  @Benchmark
  public RenderedPrompt renderThroughCache() {
    return cache
        .get(
            digest,
            () ->
                Dotprompt.compile(
                    PromptFile.parse(source, SupportReply.NAME), SupportReply.NAME, partials))
        .render(variables);
  }
}
