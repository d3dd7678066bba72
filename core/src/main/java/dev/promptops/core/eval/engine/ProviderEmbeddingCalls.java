package dev.promptops.core.eval.engine;

import dev.promptops.core.provider.EmbeddingFactory;
import dev.promptops.core.provider.EmbeddingProvider;
import dev.promptops.core.provider.ModelRef;
import dev.promptops.core.provider.ProviderConfig;
import dev.promptops.core.provider.ProviderDirectory;
import dev.promptops.core.provider.ResilientCalls;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Embeddings from a provider of the project (or the environment), within its limits and retries, or
 * from an in-process model found on the class path ({@link ServiceLoader} of {@link
 * EmbeddingProvider}, e.g. {@code local/all-minilm-l6-v2} of module {@code embeddings-local}),
 * which the project's providers cannot shadow by accident: a name an in-process model answers to is
 * that model.
 */
public final class ProviderEmbeddingCalls implements EmbeddingCalls, AutoCloseable {
  private final String project;
  private final ProviderDirectory directory;
  private final EmbeddingFactory factory;
  private final ResilientCalls calls;
  private volatile Map<String, EmbeddingProvider> inProcess;
  private final Map<ProviderConfig, EmbeddingProvider> adapters = new ConcurrentHashMap<>();

  public ProviderEmbeddingCalls(
      String project, ProviderDirectory directory, EmbeddingFactory factory, ResilientCalls calls) {
    this.project = project;
    this.directory = directory;
    this.factory = factory;
    this.calls = calls;
  }

  /** The in-process models on the class path, looked for at the first embedding only. */
  private Map<String, EmbeddingProvider> inProcess() {
    Map<String, EmbeddingProvider> known = inProcess;
    if (known == null) {
      synchronized (this) {
        known = inProcess;
        if (known == null) {
          known = new ConcurrentHashMap<>();
          for (EmbeddingProvider p : ServiceLoader.load(EmbeddingProvider.class)) {
            known.putIfAbsent(p.name(), p);
          }
          inProcess = known;
        }
      }
    }
    return known;
  }

  /** Closes the adapters made for remote providers. */
  @Override
  public void close() {
    adapters.values().forEach(EmbeddingProvider::close);
    adapters.clear();
  }

  @Override
  public float[] embed(ModelRef model, String text) {
    EmbeddingProvider local = inProcess().get(model.provider());
    if (local != null) {
      return local.embed(model.model(), text);
    }
    ProviderConfig config = directory.resolve(project, model.provider());
    EmbeddingProvider adapter = adapters.computeIfAbsent(config, factory::create);
    var outcome =
        calls.call(project, config, model.model(), c -> adapter.embed(model.model(), text));
    if (!outcome.ok()) {
      throw outcome.failure();
    }
    return outcome.value();
  }
}
