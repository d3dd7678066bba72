package dev.promptops.providers.mock;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which protocol and endpoint a path belongs to. */
final class Router {

  /** What an endpoint does. */
  enum Endpoint {
    CHAT,
    EMBEDDINGS,
    MODELS,
    VERSION
  }

  /**
   * A matched path.
   *
   * @param pathModel the model or deployment named in the path, or null
   */
  record Route(MockProtocol protocol, Endpoint endpoint, String method, String pathModel) {}

  private record Entry(Pattern path, MockProtocol protocol, Endpoint endpoint, String method) {}

  private static final List<Entry> ENTRIES =
      List.of(
          entry("/v1/chat/completions", MockProtocol.OPENAI, Endpoint.CHAT, "POST"),
          entry("/v1/embeddings", MockProtocol.OPENAI, Endpoint.EMBEDDINGS, "POST"),
          entry("/v1/models", MockProtocol.OPENAI, Endpoint.MODELS, "GET"),
          entry(
              "/openai/deployments/([^/]+)/chat/completions",
              MockProtocol.AZURE_OPENAI,
              Endpoint.CHAT,
              "POST"),
          entry(
              "/openai/deployments/([^/]+)/embeddings",
              MockProtocol.AZURE_OPENAI,
              Endpoint.EMBEDDINGS,
              "POST"),
          entry("/v1/messages", MockProtocol.ANTHROPIC, Endpoint.CHAT, "POST"),
          entry(
              "/v1(?:beta)?/models/([^/:]+):(?:generateContent|streamGenerateContent)",
              MockProtocol.GEMINI,
              Endpoint.CHAT,
              "POST"),
          entry(
              "/v1(?:beta)?/models/([^/:]+):(?:embedContent|batchEmbedContents)",
              MockProtocol.GEMINI,
              Endpoint.EMBEDDINGS,
              "POST"),
          entry("/api/chat", MockProtocol.OLLAMA, Endpoint.CHAT, "POST"),
          entry("/api/embed", MockProtocol.OLLAMA, Endpoint.EMBEDDINGS, "POST"),
          entry("/api/embeddings", MockProtocol.OLLAMA, Endpoint.EMBEDDINGS, "POST"),
          entry("/api/tags", MockProtocol.OLLAMA, Endpoint.MODELS, "GET"),
          entry("/api/version", MockProtocol.OLLAMA, Endpoint.VERSION, "GET"));

  /** What the 404 for an unknown path lists. */
  static final String ENDPOINTS =
      "POST /v1/chat/completions, POST /v1/embeddings, GET /v1/models (OpenAI);"
          + " POST /openai/deployments/{deployment}/chat/completions|/embeddings?api-version=…"
          + " (Azure);"
          + " POST /v1/messages (Anthropic);"
          + " POST /v1beta/models/{model}:generateContent|:streamGenerateContent"
          + "|:embedContent|:batchEmbedContents (Gemini);"
          + " POST /api/chat, POST /api/embed, POST /api/embeddings, GET /api/tags,"
          + " GET /api/version (Ollama)";

  private Router() {}

  private static Entry entry(String regex, MockProtocol p, Endpoint e, String method) {
    return new Entry(Pattern.compile(regex), p, e, method);
  }

  /** The route of {@code path} (whatever the method), or null. */
  static Route find(String path) {
    for (Entry e : ENTRIES) {
      Matcher m = e.path().matcher(path);
      if (m.matches()) {
        return new Route(
            e.protocol(), e.endpoint(), e.method(), m.groupCount() > 0 ? m.group(1) : null);
      }
    }
    return null;
  }

  /** {@code //v1//messages/} → {@code /v1/messages}: clients join base URLs and paths loosely. */
  static String normalise(String path) {
    String p = path == null || path.isEmpty() ? "/" : path.replaceAll("/{2,}", "/");
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
}
