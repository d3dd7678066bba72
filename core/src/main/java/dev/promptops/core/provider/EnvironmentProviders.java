package dev.promptops.core.provider;

import dev.promptops.core.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Providers from environment variables, for projects that configure none of that name: {@code
 * openai} ({@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}), {@code anthropic} ({@code
 * ANTHROPIC_API_KEY}, {@code ANTHROPIC_BASE_URL}), {@code google} and {@code gemini} ({@code
 * GEMINI_API_KEY} or {@code GOOGLE_API_KEY}, {@code GEMINI_BASE_URL}), {@code ollama} ({@code
 * OLLAMA_HOST}) and {@code azure-openai} ({@code AZURE_OPENAI_API_KEY}, {@code
 * AZURE_OPENAI_ENDPOINT}, {@code AZURE_OPENAI_API_VERSION}).
 */
final class EnvironmentProviders {
  /** The names the environment can stand in for, in the order docs list them. */
  static final List<String> NAMES =
      List.of("openai", "anthropic", "google", "gemini", "ollama", "azure-openai");

  private static final String OLLAMA_PORT = "11434";

  private final Map<String, String> env;

  /** What each name resolved to: the environment does not change, so neither does that. */
  private final Map<String, ProviderConfig> resolved =
      new java.util.concurrent.ConcurrentHashMap<>();

  EnvironmentProviders(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The API key for a configured provider that stores none, or null. */
  String apiKeyFor(String name) {
    return get(ProviderSettings.apiKeyVariable(name));
  }

  /**
   * The provider {@code name} as the environment defines it.
   *
   * @throws NotFoundException naming the variables that are missing
   */
  ProviderConfig resolve(String project, String name) {
    ProviderConfig known = resolved.get(name);
    if (known != null) {
      return known;
    }
    ProviderConfig config = define(project, name);
    resolved.put(name, config);
    return config;
  }

  private ProviderConfig define(String project, String name) {
    return switch (name) {
      case "openai" ->
          keyed(project, name, ProviderType.OPENAI, "OPENAI_API_KEY", "OPENAI_BASE_URL");
      case "anthropic" ->
          keyed(project, name, ProviderType.ANTHROPIC, "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL");
      case "google", "gemini" -> gemini(project, name);
      case "ollama" -> ollama(project);
      case "azure-openai" -> azure(project);
      default ->
          throw notFound(
              project,
              name,
              "",
              "promptops provider add " + name + " --type TYPE --api-key-env VAR");
    };
  }

  private ProviderConfig keyed(
      String project, String name, ProviderType type, String keyVar, String urlVar) {
    String key = require(project, name, type, keyVar);
    return config(name, type, url(urlVar), key, Map.of());
  }

  private ProviderConfig gemini(String project, String name) {
    String key = get("GEMINI_API_KEY");
    if (key == null) {
      key = get("GOOGLE_API_KEY");
    }
    if (key == null) {
      throw missing(
          project, name, ProviderType.GEMINI, List.of("GEMINI_API_KEY (or GOOGLE_API_KEY)"));
    }
    return config(name, ProviderType.GEMINI, url("GEMINI_BASE_URL"), key, Map.of());
  }

  private ProviderConfig ollama(String project) {
    String host = require(project, "ollama", ProviderType.OLLAMA, "OLLAMA_HOST");
    return config("ollama", ProviderType.OLLAMA, ollamaUrl(host), null, Map.of());
  }

  private ProviderConfig azure(String project) {
    var absent = new ArrayList<String>();
    for (String v :
        List.of("AZURE_OPENAI_API_KEY", "AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_VERSION")) {
      if (get(v) == null) {
        absent.add(v);
      }
    }
    if (!absent.isEmpty()) {
      throw missing(project, "azure-openai", ProviderType.AZURE_OPENAI, absent);
    }
    return config(
        "azure-openai",
        ProviderType.AZURE_OPENAI,
        url("AZURE_OPENAI_ENDPOINT"),
        get("AZURE_OPENAI_API_KEY"),
        Map.of("apiVersion", get("AZURE_OPENAI_API_VERSION")));
  }

  /**
   * {@code OLLAMA_HOST} as Ollama's own clients read it: {@code host}, {@code host:port} or a URL;
   * without a scheme it is http on port 11434 unless a port is given.
   */
  static String ollamaUrl(String host) {
    String url = host;
    if (!host.contains("://")) {
      String authority = host.contains("/") ? host.substring(0, host.indexOf('/')) : host;
      boolean hasPort =
          authority.startsWith("[") ? authority.contains("]:") : authority.contains(":");
      url =
          "http://"
              + authority
              + (hasPort ? "" : ":" + OLLAMA_PORT)
              + host.substring(authority.length());
    }
    return ProviderSettings.checkUrl(url, "OLLAMA_HOST");
  }

  private ProviderConfig config(
      String name, ProviderType type, String baseUrl, String key, Map<String, String> options) {
    var settings =
        new ProviderSettings(
            name, type, baseUrl, options, null, ProviderConfig.DEFAULT_RETRIES, 0, 0);
    return settings.config(key);
  }

  private String require(String project, String name, ProviderType type, String variable) {
    String value = get(variable);
    if (value == null) {
      throw missing(project, name, type, List.of(variable));
    }
    return value;
  }

  private String url(String variable) {
    String value = get(variable);
    return value == null ? null : ProviderSettings.checkUrl(value, variable);
  }

  private String get(String variable) {
    String value = env.get(variable);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static NotFoundException missing(
      String project, String name, ProviderType type, List<String> variables) {
    return notFound(
        project,
        name,
        ", and "
            + String.join(", ", variables)
            + (variables.size() > 1 ? " are" : " is")
            + " not set on the server",
        "set "
            + String.join(" and ", variables)
            + " where the server runs, or add the provider: promptops provider add "
            + name
            + " --type "
            + type.wireName()
            + (type == ProviderType.OLLAMA
                ? " --base-url http://HOST:11434"
                : " --api-key-env VAR"));
  }

  private static NotFoundException notFound(String project, String name, String why, String hint) {
    return new NotFoundException(
        "provider_not_found",
        "no provider '" + name + "' in project '" + project + "'" + why,
        hint);
  }
}
