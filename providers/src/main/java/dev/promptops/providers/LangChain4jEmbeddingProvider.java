package dev.promptops.providers;

import dev.langchain4j.data.embedding.Embedding;
import dev.promptops.core.provider.EmbeddingProvider;
import dev.promptops.core.provider.ProviderConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link EmbeddingProvider} on LangChain4j: the texts checked, one attempt through a {@link
 * Transport} of its own within the configuration's timeout, the answer checked (one vector per
 * text, all of one length), and every failure a {@link
 * dev.promptops.core.provider.ProviderException} naming the provider, model and URL.
 */
final class LangChain4jEmbeddingProvider implements EmbeddingProvider {
  private final ProviderConfig config;
  private final EmbeddingBackend backend;
  private final Secret key;
  private final java.net.http.HttpClient http;
  private final Failures failures;
  private final String label;

  LangChain4jEmbeddingProvider(
      ProviderConfig config, EmbeddingBackend backend, Secret key, Clock clock) {
    this.config = config;
    this.backend = backend;
    this.key = key;
    this.label = "provider '" + config.name() + "' (" + config.type().wireName() + ")";
    this.failures = new Failures(label, key, clock);
    this.http =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.timeout())
            .build();
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public List<float[]> embed(String model, List<String> texts) {
    check(model, texts);
    if (texts.isEmpty()) {
      return List.of();
    }
    if (backend.needsApiKey() && !key.present()) {
      throw failures.noApiKey();
    }
    var exchange = new Exchange(config.timeout());
    List<Embedding> answer;
    try {
      answer =
          backend.embed(
              new Backend.Call(model, exchange.timeout(), Transport.builder(http, exchange)),
              texts);
    } catch (RuntimeException e) {
      throw failures.map(e, exchange, model);
    }
    return vectors(answer, texts.size(), exchange, model);
  }

  @Override
  public void close() {
    http.shutdown();
  }

  @Override
  public String toString() {
    return "EmbeddingProvider[" + label + ", " + config.baseUrl() + ", apiKey=" + key + "]";
  }

  private void check(String model, List<String> texts) {
    if (model == null || model.isBlank()) {
      throw failures.badRequest(
          "was asked for embeddings without a model",
          "name the embedding model, e.g. text-embedding-3-small or nomic-embed-text");
    }
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text == null || text.isBlank()) {
        throw failures.badRequest(
            "cannot embed a blank text (text "
                + (i + 1)
                + " of "
                + texts.size()
                + ", model "
                + model
                + ")",
            "an empty output has no embedding: treat it as not similar before comparing");
      }
    }
  }

  private List<float[]> vectors(
      List<Embedding> answer, int expected, Exchange exchange, String model) {
    if (answer == null || answer.size() != expected) {
      throw failures.badAnswer(
          exchange,
          model,
          (answer == null ? 0 : answer.size()) + " vectors for " + expected + " texts");
    }
    var out = new ArrayList<float[]>(expected);
    for (Embedding e : answer) {
      float[] v = e == null ? null : e.vector();
      if (v == null || v.length == 0 || (!out.isEmpty() && v.length != out.get(0).length)) {
        throw failures.badAnswer(
            exchange, model, "an empty vector, or vectors of different lengths");
      }
      out.add(v);
    }
    return List.copyOf(out);
  }
}
