package dev.promptops.providers;

import static dev.promptops.providers.Parameters.JSON;
import static dev.promptops.providers.Parameters.JSON_SCHEMA;
import static dev.promptops.providers.Parameters.MAX_OUTPUT_TOKENS;
import static dev.promptops.providers.Parameters.STOP_SEQUENCES;
import static dev.promptops.providers.Parameters.TEMPERATURE;
import static dev.promptops.providers.Parameters.TOP_P;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * OpenAI's chat completions protocol ({@code POST {baseUrl}/chat/completions}) on LangChain4j's
 * OpenAI module: OpenAI itself, any OpenAI-compatible endpoint, and Azure OpenAI, which speaks the
 * same protocol under {@code {endpoint}/openai/deployments/{deployment}} with an {@code api-key}
 * header and an {@code api-version} query parameter. The protocol has no top-k. Embeddings: {@code
 * POST {baseUrl}/embeddings}, Azure's under the same deployment path.
 */
final class OpenAiBackend implements Backend, EmbeddingBackend {
  static final String OPENAI_URL = "https://api.openai.com/v1";

  /** The Azure OpenAI API version used when the provider's options name none (GA). */
  static final String AZURE_API_VERSION = "2024-10-21";

  private static final Set<String> SUPPORTED =
      Set.of(TEMPERATURE, MAX_OUTPUT_TOKENS, TOP_P, STOP_SEQUENCES, JSON, JSON_SCHEMA);

  private final String baseUrl;
  private final Secret key;
  private final String azureApiVersion;
  private final String azureDeployment;

  private OpenAiBackend(
      String baseUrl, Secret key, String azureApiVersion, String azureDeployment) {
    this.baseUrl = baseUrl;
    this.key = key;
    this.azureApiVersion = azureApiVersion;
    this.azureDeployment = azureDeployment;
  }

  /** OpenAI or a compatible endpoint: the key, if any, as {@code Authorization: Bearer}. */
  static OpenAiBackend openAi(String baseUrl, Secret key) {
    return new OpenAiBackend(baseUrl, key, null, null);
  }

  /**
   * Azure OpenAI at {@code endpoint}; the deployment is {@code deployment} when given, else the
   * model of each call.
   */
  static OpenAiBackend azure(String endpoint, Secret key, String apiVersion, String deployment) {
    return new OpenAiBackend(
        endpoint, key, apiVersion == null ? AZURE_API_VERSION : apiVersion, deployment);
  }

  private boolean azure() {
    return azureApiVersion != null;
  }

  @Override
  public Set<String> supportedParameters() {
    return SUPPORTED;
  }

  @Override
  public Messages.Media media() {
    return Messages.Media.URLS_AND_INLINE;
  }

  @Override
  public boolean needsApiKey() {
    return azure();
  }

  // The builders are made with their constructors, not builder(): builder() asks ServiceLoader for
  // builder factories on every call, a scan of the class path per request; PromptOps has none.

  @Override
  public ChatModel chatModel(Call call) {
    var b =
        new OpenAiChatModel.OpenAiChatModelBuilder()
            .httpClientBuilder(call.http())
            .baseUrl(url(call.model()))
            .modelName(call.model())
            .timeout(call.timeout())
            .maxRetries(0)
            .logRequests(false)
            .logResponses(false);
    if (azure()) {
      b.customHeaders(Map.of("api-key", key.reveal()))
          .customQueryParams(Map.of("api-version", azureApiVersion));
    } else if (key.present()) {
      b.apiKey(key.reveal());
    }
    return b.build();
  }

  @Override
  public StreamingChatModel streamingModel(Call call) {
    var b =
        new OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder()
            .httpClientBuilder(call.http())
            .baseUrl(url(call.model()))
            .modelName(call.model())
            .timeout(call.timeout())
            .logRequests(false)
            .logResponses(false);
    if (azure()) {
      b.customHeaders(Map.of("api-key", key.reveal()))
          .customQueryParams(Map.of("api-version", azureApiVersion));
    } else if (key.present()) {
      b.apiKey(key.reveal());
    }
    return b.build();
  }

  @Override
  public EmbeddingModel embeddingModel(Call call) {
    var b =
        new OpenAiEmbeddingModel.OpenAiEmbeddingModelBuilder()
            .httpClientBuilder(call.http())
            .baseUrl(url(call.model()))
            .modelName(call.model())
            .timeout(call.timeout())
            .maxRetries(0)
            .logRequests(false)
            .logResponses(false);
    if (azure()) {
      b.customHeaders(Map.of("api-key", key.reveal()))
          .customQueryParams(Map.of("api-version", azureApiVersion));
    } else if (key.present()) {
      b.apiKey(key.reveal());
    }
    return b.build();
  }

  private String url(String model) {
    if (!azure()) {
      return baseUrl;
    }
    String deployment = azureDeployment == null ? model : azureDeployment;
    return trimSlash(baseUrl)
        + "/openai/deployments/"
        + URLEncoder.encode(deployment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
