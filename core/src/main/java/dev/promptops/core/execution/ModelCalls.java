package dev.promptops.core.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
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
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Calls a model the way every run does, whoever asks (a prompt run, the gateway, an evaluation):
 * the candidates in order (the prompt's model, then {@code promptops.fallback}), each within its
 * provider's limits and retries ({@link ResilientCalls}), falling back to the next only while
 * nothing has been streamed; adapters are built once per provider configuration and kept.
 */
public final class ModelCalls implements AutoCloseable {
  private static final int MAX_ADAPTERS = 64;

  private final ProviderDirectory directory;
  private final ProviderFactory factory;
  private final ResilientCalls calls;
  private final PriceTable prices;
  private final Map<ProviderConfig, Slot> adapters =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<ProviderConfig, Slot> eldest) {
          if (size() > MAX_ADAPTERS) {
            eldest.getValue().close();
            return true;
          }
          return false;
        }
      };

  public ModelCalls(
      ProviderDirectory directory,
      ProviderFactory factory,
      ResilientCalls calls,
      PriceTable prices) {
    this.directory = directory;
    this.factory = factory;
    this.calls = calls;
    this.prices = prices;
  }

  /**
   * How a call ended: the model that answered and its answer, or the last failure; every attempt
   * either way.
   *
   * @param cost USD for the answer, null without a price (or without an answer)
   */
  public record Outcome(
      ModelRef model,
      ChatResponse response,
      BigDecimal cost,
      List<ResilientCalls.Attempt> attempts,
      ProviderException failure) {
    public Outcome {
      attempts = List.copyOf(attempts);
    }

    public boolean ok() {
      return failure == null;
    }

    /** The failure with every attempt in its message, to throw when no model answered. */
    public ProviderException failed() {
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
          failure.failure(),
          failure.status(),
          failure.retryAfter(),
          "every model failed (" + lines + "): " + failure.getMessage(),
          failure.hint().isEmpty()
              ? "add a fallback (promptops.fallback: [provider/model]) or retry later"
              : failure.hint(),
          failure);
    }
  }

  /**
   * Where {@code model} is called: its provider's type, endpoint and options, never its key (for
   * cache keys: the same model at another endpoint is another model).
   */
  public String endpoint(String project, ModelRef model) {
    ProviderConfig c = directory.resolve(project, model.provider());
    return c.type().wireName()
        + " "
        + (c.baseUrl() == null ? "(public endpoint)" : c.baseUrl())
        + (c.options().isEmpty() ? "" : " " + new java.util.TreeMap<>(c.options()));
  }

  /** Checks that every candidate's provider exists in {@code project} before anything is sent. */
  public void resolveAll(String project, List<ModelRef> candidates) {
    for (ModelRef model : candidates) {
      directory.resolve(project, model.provider());
    }
  }

  /**
   * Calls the candidates in order; streams to {@code listener} when it is not null.
   *
   * @param project whose providers (and limits) are used
   */
  public Outcome call(
      String project,
      List<ModelRef> candidates,
      ArrayNode messages,
      GenerationConfig config,
      StreamListener listener) {
    var attempts = new ArrayList<ResilientCalls.Attempt>();
    ProviderException last = null;
    var streamed = new AtomicBoolean();
    for (ModelRef model : candidates) {
      if (streamed.get()) {
        break;
      }
      ProviderConfig providerConfig = directory.resolve(project, model.provider());
      var chat = new ChatRequest(model, messages, config, providerConfig.timeout());
      ResilientCalls.Outcome<ChatResponse> outcome =
          calls.call(
              project, providerConfig, model.model(), c -> call(c, chat, listener, streamed));
      attempts.addAll(outcome.attempts());
      if (outcome.ok()) {
        var cost = prices.cost(model, outcome.value().usage()).orElse(null);
        return new Outcome(model, outcome.value(), cost, attempts, null);
      }
      last = outcome.failure();
    }
    return new Outcome(candidates.getFirst(), null, null, attempts, last);
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

  /** Closes every adapter made (their HTTP clients stop), e.g. when a command ends. */
  @Override
  public void close() {
    List<Slot> slots;
    synchronized (adapters) {
      slots = List.copyOf(adapters.values());
      adapters.clear();
    }
    slots.forEach(Slot::close);
  }

  /**
   * The adapter of a configuration, made once: callers of the same configuration wait for the one
   * making it, callers of others do not.
   */
  private ChatProvider adapter(ProviderConfig config) {
    Slot slot;
    synchronized (adapters) {
      slot = adapters.computeIfAbsent(config, c -> new Slot());
    }
    return slot.get(factory, config);
  }

  /** Where one configuration's adapter is made and kept. */
  private static final class Slot {
    private ChatProvider provider;

    synchronized ChatProvider get(ProviderFactory factory, ProviderConfig config) {
      if (provider == null) {
        provider = factory.create(config);
      }
      return provider;
    }

    synchronized void close() {
      if (provider != null) {
        provider.close();
      }
    }
  }

  /** The prompt's model, then {@code promptops.fallback} in order, without repeats. */
  public static List<ModelRef> candidates(ObjectNode metadata, String ref) {
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
}
