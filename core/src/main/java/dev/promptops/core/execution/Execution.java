package dev.promptops.core.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.dotprompt.JsonSchemas;
import dev.promptops.core.dotprompt.RenderedPrompt;
import dev.promptops.core.json.Json;
import dev.promptops.core.provider.ChatProvider;
import dev.promptops.core.provider.ChatRequest;
import dev.promptops.core.provider.ChatResponse;
import dev.promptops.core.provider.GenerationConfig;
import dev.promptops.core.provider.ModelRef;
import dev.promptops.core.provider.PriceTable;
import dev.promptops.core.provider.ProviderConfig;
import dev.promptops.core.provider.ProviderDirectory;
import dev.promptops.core.provider.ProviderException;
import dev.promptops.core.provider.ProviderFactory;
import dev.promptops.core.provider.ResilientCalls;
import dev.promptops.core.provider.StreamListener;
import dev.promptops.core.provider.UsageEvent;
import dev.promptops.core.provider.UsageSink;
import dev.promptops.core.registry.Rendering;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a registered prompt version on its model: renders it (with its pinned components), calls the
 * provider its {@code model} names within that provider's limits and retries, falls back along
 * {@code promptops.fallback} when a provider fails, checks JSON output against the output schema,
 * prices the call, and records a usage event (without waiting for it to be written).
 */
public final class Execution {
  private static final int MAX_ADAPTERS = 64;

  private final Rendering rendering;
  private final ProviderDirectory directory;
  private final ProviderFactory factory;
  private final ResilientCalls calls;
  private final PriceTable prices;
  private final UsageSink usage;
  private final Clock clock;
  private final Map<ProviderConfig, ChatProvider> adapters =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<ProviderConfig, ChatProvider> eldest) {
          if (size() > MAX_ADAPTERS) {
            eldest.getValue().close();
            return true;
          }
          return false;
        }
      };

  public Execution(
      Rendering rendering,
      ProviderDirectory directory,
      ProviderFactory factory,
      ResilientCalls calls,
      PriceTable prices,
      UsageSink usage,
      Clock clock) {
    this.rendering = rendering;
    this.directory = directory;
    this.factory = factory;
    this.calls = calls;
    this.prices = prices;
    this.usage = usage;
    this.clock = clock;
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
    private final com.fasterxml.jackson.databind.node.ArrayNode messages;
    private final long start;

    private Prepared(
        RunRequest request,
        Rendering.Result rendered,
        List<ModelRef> candidates,
        GenerationConfig config,
        com.fasterxml.jackson.databind.node.ArrayNode messages,
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
    List<ModelRef> candidates = candidates(metadata, rendered.version().ref());
    GenerationConfig config = Generation.config(metadata);
    var messages = prompt.messages().deepCopy();
    if (request.extraMessages() != null) {
      messages.addAll(request.extraMessages());
    }
    for (ModelRef model : candidates) {
      directory.resolve(request.project(), model.provider());
    }
    return new Prepared(request, rendered, candidates, config, messages, start);
  }

  /** Calls the providers for a prepared run; streams when {@code listener} is not null. */
  public RunResult execute(Prepared p, StreamListener listener) {
    ObjectNode metadata = p.rendered.rendered().metadata();
    var attempts = new ArrayList<ResilientCalls.Attempt>();
    ProviderException last = null;
    var streamed = new AtomicBoolean();
    for (ModelRef model : p.candidates) {
      if (streamed.get()) {
        break;
      }
      ProviderConfig providerConfig = directory.resolve(p.request.project(), model.provider());
      var chat = new ChatRequest(model, p.messages, p.config, providerConfig.timeout());
      ResilientCalls.Outcome<ChatResponse> outcome =
          calls.call(
              p.request.project(),
              providerConfig,
              model.model(),
              c -> call(c, chat, listener, streamed));
      attempts.addAll(outcome.attempts());
      if (outcome.ok()) {
        return finish(p.request, p.rendered, model, outcome.value(), metadata, attempts, p.start);
      }
      last = outcome.failure();
    }
    long latency = (System.nanoTime() - p.start) / 1_000_000;
    record(
        p.request,
        p.rendered,
        p.candidates.getFirst(),
        null,
        latency,
        outcomeName(last),
        attempts.size(),
        null);
    throw failed(last, attempts);
  }

  private ChatResponse call(
      ProviderConfig config, ChatRequest chat, StreamListener listener, AtomicBoolean streamed) {
    ChatProvider adapter = adapter(config);
    if (listener == null) {
      return adapter.chat(chat);
    }
    var done = new ChatResponse[1];
    adapter.stream(
        chat,
        new StreamListener() {
          @Override
          public void onDelta(String text) {
            streamed.set(true);
            listener.onDelta(text);
          }

          @Override
          public void onComplete(ChatResponse response) {
            done[0] = response;
          }
        });
    if (done[0] == null) {
      throw new ProviderException(
          ProviderException.Failure.BAD_RESPONSE,
          "the stream from " + config.name() + " ended without a final response",
          "retry; if it persists the provider's streaming is broken");
    }
    return done[0];
  }

  private ChatProvider adapter(ProviderConfig config) {
    synchronized (adapters) {
      return adapters.computeIfAbsent(config, factory::create);
    }
  }

  private RunResult finish(
      RunRequest request,
      Rendering.Result rendered,
      ModelRef model,
      ChatResponse response,
      ObjectNode metadata,
      List<ResilientCalls.Attempt> attempts,
      long start) {
    JsonNode json = null;
    var errors = new ArrayList<String>();
    if (Generation.wantsJson(metadata)) {
      try {
        json = Json.parse(stripFences(response.text()));
        JsonNode schema = metadata.path("output").path("schema");
        if (schema.isObject()) {
          errors.addAll(JsonSchemas.validate(schema, json));
        }
      } catch (JsonProcessingException e) {
        errors.add("the output is not JSON: " + e.getOriginalMessage());
      } catch (IllegalArgumentException e) {
        errors.add("the output schema cannot be used: " + e.getMessage());
      }
    }
    long latency = (System.nanoTime() - start) / 1_000_000;
    var cost = prices.cost(model, response.usage()).orElse(null);
    String outcome = errors.isEmpty() ? "ok" : "invalid_output";
    record(request, rendered, model, response, latency, outcome, attempts.size(), cost);
    var v = rendered.version();
    return new RunResult(
        v.prompt(),
        v.version(),
        v.digest(),
        rendered.via(),
        environment(rendered.via()),
        model.provider(),
        model.model(),
        response.text(),
        json,
        errors,
        response.finishReason(),
        response.usage(),
        cost,
        latency,
        attempts);
  }

  private void record(
      RunRequest request,
      Rendering.Result rendered,
      ModelRef model,
      ChatResponse response,
      long latency,
      String outcome,
      int attempts,
      java.math.BigDecimal cost) {
    var v = rendered.version();
    var u = response == null ? dev.promptops.core.provider.Usage.NONE : response.usage();
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
            attempts));
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

  /** The prompt's model, then {@code promptops.fallback} in order, without repeats. */
  static List<ModelRef> candidates(ObjectNode metadata, String ref) {
    JsonNode model = metadata.get("model");
    if (model == null || !model.isTextual() || model.textValue().isBlank()) {
      throw new InvalidInputException(
          "no_model",
          ref + " names no model",
          "add 'model: provider/model' to its front matter, e.g. model: openai/gpt-4o-mini");
    }
    var out = new ArrayList<ModelRef>();
    out.add(ModelRef.parse(model.textValue()));
    JsonNode fallback = metadata.path("ext").path("promptops").path("fallback");
    if (!fallback.isMissingNode() && !fallback.isNull()) {
      if (!fallback.isArray()) {
        throw new InvalidInputException(
            "invalid_fallback",
            ref + ": promptops.fallback must be a list of models",
            "e.g. promptops.fallback: [anthropic/claude-3-5-haiku-latest, ollama/llama3.2]");
      }
      for (JsonNode f : fallback) {
        ModelRef next = ModelRef.parse(f.asText());
        if (!out.contains(next)) {
          out.add(next);
        }
      }
    }
    return out;
  }

  private static String stripFences(String text) {
    String t = text.strip();
    if (t.startsWith("```")) {
      int firstNewline = t.indexOf('\n');
      int end = t.lastIndexOf("```");
      if (firstNewline > 0 && end > firstNewline) {
        return t.substring(firstNewline + 1, end).strip();
      }
    }
    return t;
  }

  private static String outcomeName(ProviderException e) {
    return e == null ? "error" : e.failure().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static ProviderException failed(
      ProviderException last, List<ResilientCalls.Attempt> attempts) {
    var lines = new StringBuilder();
    for (var a : attempts) {
      lines
          .append(lines.isEmpty() ? "" : "; ")
          .append(a.provider())
          .append('/')
          .append(a.model())
          .append(": ")
          .append(a.outcome());
    }
    return new ProviderException(
        last.failure(),
        last.status(),
        last.retryAfter(),
        "every model failed (" + lines + "): " + last.getMessage(),
        last.hint().isEmpty()
            ? "add a fallback (promptops.fallback: [provider/model]) or retry later"
            : last.hint(),
        last);
  }
}
