package dev.promptops.core.execution;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.dotprompt.RenderedPrompt;
import dev.promptops.core.provider.ChatResponse;
import dev.promptops.core.provider.GenerationConfig;
import dev.promptops.core.provider.ModelRef;
import dev.promptops.core.provider.PriceTable;
import dev.promptops.core.provider.ProviderDirectory;
import dev.promptops.core.provider.ProviderException;
import dev.promptops.core.provider.ProviderFactory;
import dev.promptops.core.provider.ResilientCalls;
import dev.promptops.core.provider.StreamListener;
import dev.promptops.core.provider.Usage;
import dev.promptops.core.provider.UsageEvent;
import dev.promptops.core.provider.UsageSink;
import dev.promptops.core.registry.Rendering;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Runs a registered prompt version on its model: renders it (with its pinned components), calls the
 * provider its {@code model} names within that provider's limits and retries, falls back along
 * {@code promptops.fallback} when a provider fails ({@link ModelCalls}), checks JSON output against
 * the output schema ({@link OutputCheck}), prices the call, and records a usage event (without
 * waiting for it to be written).
 */
public final class Execution {
  private final Rendering rendering;
  private final ModelCalls models;
  private final UsageSink usage;
  private final Clock clock;

  public Execution(
      Rendering rendering,
      ProviderDirectory directory,
      ProviderFactory factory,
      ResilientCalls calls,
      PriceTable prices,
      UsageSink usage,
      Clock clock) {
    this(rendering, new ModelCalls(directory, factory, calls, prices), usage, clock);
  }

  public Execution(Rendering rendering, ModelCalls models, UsageSink usage, Clock clock) {
    this.rendering = rendering;
    this.models = models;
    this.usage = usage;
    this.clock = clock;
  }

  /** The model calls this execution makes, for other runs that share its adapters and limits. */
  public ModelCalls models() {
    return models;
  }

  /** Runs and waits for the whole answer. */
  public RunResult run(Principal who, RunRequest request) {
    return run(who, request, null);
  }

  /**
   * Runs; with a listener the answer streams (text deltas as they come). A fallback happens only
   * while nothing has been streamed yet.
   *
   * @throws ProviderException when every candidate model failed (its message lists the attempts)
   */
  public RunResult run(Principal who, RunRequest request, StreamListener listener) {
    return execute(prepare(who, request), listener);
  }

  /**
   * A run ready to call its provider: the version rendered, its models and parameters known. What
   * can be refused (unknown prompt, bad variables, no model, an unknown provider) is refused here,
   * before anything is streamed.
   */
  public final class Prepared {
    private final RunRequest request;
    private final Rendering.Result rendered;
    private final List<ModelRef> candidates;
    private final GenerationConfig config;
    private final ArrayNode messages;
    private final long start;

    private Prepared(
        RunRequest request,
        Rendering.Result rendered,
        List<ModelRef> candidates,
        GenerationConfig config,
        ArrayNode messages,
        long start) {
      this.request = request;
      this.rendered = rendered;
      this.candidates = candidates;
      this.config = config;
      this.messages = messages;
      this.start = start;
    }

    public Rendering.Result rendered() {
      return rendered;
    }

    /** The model tried first. */
    public ModelRef model() {
      return candidates.getFirst();
    }
  }

  public Prepared prepare(Principal who, RunRequest request) {
    long start = System.nanoTime();
    Rendering.Result rendered =
        rendering.render(
            who,
            request.project(),
            request.prompt(),
            request.selector(),
            request.data(),
            request.options());
    RenderedPrompt prompt = rendered.rendered();
    ObjectNode metadata = prompt.metadata();
    List<ModelRef> candidates = ModelCalls.candidates(metadata, rendered.version().ref());
    GenerationConfig config = Generation.config(metadata);
    var messages = prompt.messages().deepCopy();
    if (request.extraMessages() != null) {
      messages.addAll(request.extraMessages());
    }
    models.resolveAll(request.project(), candidates);
    return new Prepared(request, rendered, candidates, config, messages, start);
  }

  /** Calls the providers for a prepared run; streams when {@code listener} is not null. */
  public RunResult execute(Prepared p, StreamListener listener) {
    ModelCalls.Outcome outcome =
        models.call(p.request.project(), p.candidates, p.messages, p.config, listener);
    long latency = (System.nanoTime() - p.start) / 1_000_000;
    if (!outcome.ok()) {
      record(
          p.request,
          p.rendered,
          p.candidates.getFirst(),
          null,
          latency,
          outcomeName(outcome.failure()),
          outcome.attempts().size(),
          null);
      throw outcome.failed();
    }
    ChatResponse response = outcome.response();
    OutputCheck check = OutputCheck.of(p.rendered.rendered().metadata(), response.text());
    String result = check.errors().isEmpty() ? "ok" : "invalid_output";
    record(
        p.request,
        p.rendered,
        outcome.model(),
        response,
        latency,
        result,
        outcome.attempts().size(),
        outcome.cost());
    var v = p.rendered.version();
    return new RunResult(
        v.prompt(),
        v.version(),
        v.digest(),
        p.rendered.via(),
        environment(p.rendered.via()),
        outcome.model().provider(),
        outcome.model().model(),
        response.text(),
        check.json(),
        check.errors(),
        response.finishReason(),
        response.usage(),
        outcome.cost(),
        latency,
        outcome.attempts());
  }

  private void record(
      RunRequest request,
      Rendering.Result rendered,
      ModelRef model,
      ChatResponse response,
      long latency,
      String outcome,
      int attempts,
      BigDecimal cost) {
    var v = rendered.version();
    var u = response == null ? Usage.NONE : response.usage();
    usage.record(
        new UsageEvent(
            clock.instant().truncatedTo(ChronoUnit.MILLIS),
            request.project(),
            v.prompt(),
            v.version(),
            v.digest(),
            environment(rendered.via()),
            request.source(),
            model.provider(),
            model.model(),
            u.inputTokens(),
            u.outputTokens(),
            cost,
            latency,
            outcome,
            attempts),
        response == null ? null : response.finishReason());
  }

  static String environment(String via) {
    if (via.startsWith("env:")) {
      return via.substring(4);
    }
    if (via.startsWith("label:")) {
      return via.substring(6);
    }
    return null;
  }

  private static String outcomeName(ProviderException e) {
    return e == null ? "error" : e.failure().name().toLowerCase(Locale.ROOT);
  }
}
