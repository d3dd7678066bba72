package dev.promptops.core.provider;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.names.Names;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a project stores about one of its providers besides the secret: all of it is plain text in
 * the database and in the audit trail, so nothing here may hold a credential (a base URL with a
 * user, password or query, or an option named like a key, is refused).
 *
 * @param baseUrl the endpoint, or null for the provider's public one; required for {@code
 *     openai-compatible} and {@code azure-openai}
 * @param options type-specific settings, e.g. {@code apiVersion} (required) and {@code deployment}
 *     for Azure OpenAI
 * @param timeout per call; null for {@link ProviderConfig#DEFAULT_TIMEOUT}
 * @param maxConcurrent calls at once, 0 for no limit
 * @param requestsPerMinute calls started per minute, 0 for no limit
 */
public record ProviderSettings(
    String name,
    ProviderType type,
    String baseUrl,
    Map<String, String> options,
    Duration timeout,
    int maxRetries,
    int maxConcurrent,
    int requestsPerMinute) {

  public static final Duration MAX_TIMEOUT = Duration.ofHours(1);
  public static final int MAX_RETRIES = 10;
  static final int MAX_OPTIONS = 32;

  private static final Pattern OPTION = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
  private static final Pattern SECRET_LIKE =
      Pattern.compile(".*(key|secret|token|password|credential).*", Pattern.CASE_INSENSITIVE);
  private static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-[a-z]+)?");

  public ProviderSettings {
    Names.provider(name);
    if (type == null) {
      throw invalid("missing_type", "a provider needs a type", "give one, e.g. --type openai");
    }
    baseUrl = checkBaseUrl(baseUrl, type);
    options = checkOptions(options, type);
    timeout = checkTimeout(timeout);
    checkRange("maxRetries", maxRetries, MAX_RETRIES);
    checkRange("maxConcurrent", maxConcurrent, Integer.MAX_VALUE);
    checkRange("requestsPerMinute", requestsPerMinute, Integer.MAX_VALUE);
  }

  /** Defaults for everything but name, type and endpoint. */
  public static ProviderSettings of(String name, ProviderType type, String baseUrl) {
    return new ProviderSettings(
        name, type, baseUrl, Map.of(), null, ProviderConfig.DEFAULT_RETRIES, 0, 0);
  }

  /**
   * The environment variable a provider without a stored secret takes its API key from: {@code
   * PROMPTOPS_PROVIDER_<NAME>_API_KEY}, the name upper-cased with {@code -} as {@code _}.
   */
  public static String apiKeyVariable(String name) {
    return "PROMPTOPS_PROVIDER_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_API_KEY";
  }

  /** The configuration execution uses, with the secret (or null). */
  public ProviderConfig config(String apiKey) {
    return new ProviderConfig(
        name,
        type,
        baseUrl,
        apiKey,
        options,
        timeout,
        maxRetries,
        maxConcurrent,
        requestsPerMinute);
  }

  /**
   * An http or https URL without user, password, query or fragment (each could carry a secret, and
   * the URL is stored and audited in plain text).
   *
   * @param what how the value is named in messages, e.g. {@code baseUrl} or a variable
   */
  static String checkUrl(String url, String what) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw badUrl(what, url, "it does not parse: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw badUrl(what, url, "it must start with http:// or https://");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw badUrl(what, url, "it has no host");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return rejectCredentials(what, uri);
    }
    return url;
  }

  private static String checkBaseUrl(String baseUrl, ProviderType type) {
    String url = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip();
    if (url == null) {
      if (type == ProviderType.OPENAI_COMPATIBLE || type == ProviderType.AZURE_OPENAI) {
        throw invalid(
            "missing_base_url",
            "a provider of type " + type.wireName() + " needs a base URL",
            type == ProviderType.AZURE_OPENAI
                ? "give the resource endpoint, e.g. --base-url https://NAME.openai.azure.com"
                : "give the endpoint, e.g. --base-url http://127.0.0.1:8000/v1");
      }
      return null;
    }
    if (url.length() > 2048) {
      throw invalid(
          "invalid_base_url",
          "baseUrl is longer than 2048 characters",
          "give the endpoint alone, e.g. https://api.openai.com/v1");
    }
    return checkUrl(url, "baseUrl");
  }

  private static String rejectCredentials(String what, URI uri) {
    String shown =
        uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    throw new InvalidInputException(
        "invalid_base_url",
        what
            + " "
            + shown
            + "… carries a user, a password, a query or a fragment; base URLs are stored and"
            + " audited in plain text",
        "give the endpoint alone, and the API key as the provider's secret (--api-key-env or"
            + " --api-key-stdin)");
  }

  private static Map<String, String> checkOptions(Map<String, String> options, ProviderType type) {
    var checked = new TreeMap<String, String>();
    if (options != null) {
      if (options.size() > MAX_OPTIONS) {
        throw invalid(
            "invalid_options",
            "too many options: " + options.size(),
            "a provider takes at most " + MAX_OPTIONS);
      }
      options.forEach((k, v) -> checked.put(checkOption(k), checkValue(k, v)));
    }
    if (type == ProviderType.AZURE_OPENAI) {
      String version = checked.get("apiVersion");
      if (version == null || !API_VERSION.matcher(version).matches()) {
        throw invalid(
            "invalid_api_version",
            version == null
                ? "a provider of type azure-openai needs the option apiVersion"
                : "not an Azure OpenAI API version: '" + version + "'",
            "give it as --option apiVersion=2024-10-21 (the version your deployment supports)");
      }
    }
    return Collections.unmodifiableMap(checked);
  }

  private static String checkOption(String key) {
    if (key == null || !OPTION.matcher(key).matches()) {
      throw invalid(
          "invalid_option",
          "not a valid option name: '" + key + "'",
          "use letters, digits, '_', '.' or '-', starting with a letter, e.g. apiVersion");
    }
    if (SECRET_LIKE.matcher(key).matches()) {
      throw invalid(
          "secret_in_option",
          "option '"
              + key
              + "' looks like a credential; options are stored and audited in plain"
              + " text",
          "give the API key as the provider's secret (--api-key-env or --api-key-stdin)");
    }
    return key;
  }

  private static String checkValue(String key, String value) {
    if (value == null || value.length() > 1024) {
      throw invalid(
          "invalid_option",
          "option '" + key + "' needs a value of at most 1024 characters",
          "give it as --option " + key + "=VALUE");
    }
    return value;
  }

  private static Duration checkTimeout(Duration timeout) {
    if (timeout == null) {
      return ProviderConfig.DEFAULT_TIMEOUT;
    }
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw invalid(
          "invalid_timeout",
          "timeoutSeconds must be between 1 and "
              + MAX_TIMEOUT.toSeconds()
              + ": "
              + timeout.toSeconds(),
          "give the seconds one call may take, e.g. --timeout 60");
    }
    return timeout;
  }

  private static void checkRange(String field, int value, int max) {
    if (value < 0 || value > max) {
      throw invalid(
          "invalid_" + field.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT),
          field
              + " must be "
              + (max == Integer.MAX_VALUE ? "0 or more" : "between 0 and " + max)
              + ": "
              + value,
          field.equals("maxRetries")
              ? "give how many times a failed call is tried again, e.g. 2"
              : "give a limit, or 0 for none");
    }
  }

  private static InvalidInputException badUrl(String what, String url, String why) {
    return invalid(
        "invalid_base_url",
        what + " is not a usable URL: " + shown(url) + ": " + why,
        "give an http or https URL, e.g. https://api.openai.com/v1");
  }

  /** The URL for a message, unless it may carry a credential (a user or a query). */
  private static String shown(String url) {
    return url.indexOf('@') >= 0 || url.indexOf('?') >= 0
        ? "(not shown: it has '@' or '?' and may hold a credential)"
        : "'" + url + "'";
  }

  private static InvalidInputException invalid(String code, String message, String hint) {
    return new InvalidInputException(code, message, hint);
  }
}
