package dev.promptops.core.eval.suite;

import dev.promptops.core.provider.ModelRef;
import dev.promptops.core.provider.ProviderType;
import java.util.Locale;

/**
 * promptfoo provider ids as PromptOps models. {@code openai:chat:M}, {@code openai:M} → {@code
 * openai/M}; {@code anthropic:messages:M}, {@code anthropic:M} → {@code anthropic/M}; {@code
 * ollama:chat:M} → {@code ollama/M}; {@code azure:chat:D}, {@code azureopenai:chat:D} → {@code
 * azure-openai/D}; {@code google:M} → {@code google/M} (Gemini); embeddings ids ({@code
 * openai:embedding:M}, {@code ollama:embeddings:M}, …) likewise, for graders only. PromptOps' own
 * {@code provider/model} passes as is. Everything else is refused with what to write instead.
 */
final class ProviderIds {
  static final String SUPPORTED =
      "openai:chat:MODEL, openai:MODEL, anthropic:messages:MODEL, ollama:chat:MODEL,"
          + " azure:chat:DEPLOYMENT, google:MODEL, or PromptOps' provider/model";

  private ProviderIds() {}

  /** What a model is used for. */
  enum Use {
    CHAT,
    EMBEDDINGS
  }

  /**
   * @param type the wire protocol of the id's provider; null for a PromptOps {@code provider/model}
   *     (the project's provider of that name decides)
   * @param note a warning about the mapping, or null
   */
  record Mapped(ModelRef model, ProviderType type, Use use, String note) {}

  static Mapped map(String id, String where) {
    String s = id == null ? "" : id.strip();
    int colon = s.indexOf(':');
    int slash = s.indexOf('/');
    if (slash > 0 && (colon < 0 || slash < colon)) {
      return new Mapped(Models.parse(s, where), null, Use.CHAT, null);
    }
    if (colon <= 0) {
      throw unknown(s, where);
    }
    String rest = s.substring(colon + 1);
    return switch (s.substring(0, colon).toLowerCase(Locale.ROOT)) {
      case "openai" -> openai(s, rest, where);
      case "anthropic" -> anthropic(s, rest, where);
      case "ollama" -> ollama(s, rest, where);
      case "azure", "azureopenai" -> azure(s, rest, where);
      case "google" -> google(s, rest, where);
      case "vertex" ->
          throw SuiteErrors.unsupported(
              where,
              "provider '"
                  + s
                  + "' (Vertex AI) needs Google Cloud credentials PromptOps does not use",
              "use the Gemini API instead: google:" + after(rest) + " (GEMINI_API_KEY)");
      default -> throw unknown(s, where);
    };
  }

  private static Mapped openai(String id, String rest, String where) {
    String[] kind = kind(rest);
    return switch (kind[0]) {
      case "chat" -> chat("openai", ProviderType.OPENAI, kind[1], id, where, null);
      case "responses" ->
          chat(
              "openai",
              ProviderType.OPENAI,
              kind[1],
              id,
              where,
              where + ": " + id + " runs on OpenAI's chat completions API, not the Responses API");
      case "embedding", "embeddings" ->
          embeddings("openai", ProviderType.OPENAI, kind[1], id, where);
      case "completion", "assistant", "image", "realtime", "moderation", "transcription" ->
          throw refused(id, where, "OpenAI's " + kind[0] + " API", "openai:chat:MODEL");
      default -> chat("openai", ProviderType.OPENAI, rest, id, where, null);
    };
  }

  private static Mapped anthropic(String id, String rest, String where) {
    String[] kind = kind(rest);
    return switch (kind[0]) {
      case "messages" -> chat("anthropic", ProviderType.ANTHROPIC, kind[1], id, where, null);
      case "completion" ->
          throw refused(id, where, "Anthropic's legacy completion API", "anthropic:messages:MODEL");
      default -> chat("anthropic", ProviderType.ANTHROPIC, rest, id, where, null);
    };
  }

  private static Mapped ollama(String id, String rest, String where) {
    String[] kind = kind(rest);
    return switch (kind[0]) {
      case "chat" -> chat("ollama", ProviderType.OLLAMA, kind[1], id, where, null);
      case "embedding", "embeddings" ->
          embeddings("ollama", ProviderType.OLLAMA, kind[1], id, where);
      default ->
          throw refused(
              id,
              where,
              "Ollama's completion endpoint (/api/generate, what a bare ollama:MODEL calls)",
              "ollama:chat:" + (kind[0].equals("completion") ? kind[1] : rest));
    };
  }

  private static Mapped azure(String id, String rest, String where) {
    String[] kind = kind(rest);
    return switch (kind[0]) {
      case "chat" -> chat("azure-openai", ProviderType.AZURE_OPENAI, kind[1], id, where, null);
      case "embedding", "embeddings" ->
          embeddings("azure-openai", ProviderType.AZURE_OPENAI, kind[1], id, where);
      default -> throw refused(id, where, "Azure's " + kind[0] + " API", "azure:chat:DEPLOYMENT");
    };
  }

  private static Mapped google(String id, String rest, String where) {
    String[] kind = kind(rest);
    return switch (kind[0]) {
      case "embedding", "embeddings" ->
          embeddings("google", ProviderType.GEMINI, kind[1], id, where);
      case "live", "image", "video" ->
          throw refused(id, where, "Gemini's " + kind[0] + " API", "google:MODEL");
      default -> chat("google", ProviderType.GEMINI, rest, id, where, null);
    };
  }

  /** {@code chat:gpt-4o} → [chat, gpt-4o]; {@code gpt-4o} → [gpt-4o, ""]. */
  private static String[] kind(String rest) {
    int colon = rest.indexOf(':');
    return colon < 0
        ? new String[] {rest.toLowerCase(Locale.ROOT), ""}
        : new String[] {
          rest.substring(0, colon).toLowerCase(Locale.ROOT), rest.substring(colon + 1)
        };
  }

  private static String after(String rest) {
    String[] kind = kind(rest);
    return kind[1].isEmpty() ? rest : kind[1];
  }

  private static Mapped chat(
      String provider, ProviderType type, String model, String id, String where, String note) {
    return new Mapped(model(provider, model, id, where), type, Use.CHAT, note);
  }

  private static Mapped embeddings(
      String provider, ProviderType type, String model, String id, String where) {
    return new Mapped(model(provider, model, id, where), type, Use.EMBEDDINGS, null);
  }

  private static ModelRef model(String provider, String model, String id, String where) {
    if (model.isBlank()) {
      throw SuiteErrors.invalid(
          where,
          "provider '" + id + "' names no model",
          "add the model, e.g. " + id + (id.endsWith(":") ? "" : ":") + "MODEL");
    }
    return new ModelRef(provider, model);
  }

  private static RuntimeException refused(String id, String where, String what, String instead) {
    return SuiteErrors.unsupported(
        where,
        "provider '" + id + "' uses " + what + ", which PromptOps does not call",
        "use " + instead);
  }

  private static RuntimeException unknown(String id, String where) {
    return SuiteErrors.unsupported(
        where, "provider '" + id + "' is not one PromptOps can run", "use " + SUPPORTED);
  }
}
