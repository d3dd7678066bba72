package dev.promptops.core.provider;

/**
 * Where execution finds the provider a model names: the providers configured in the project
 * (credentials decrypted in memory), else defaults from environment variables.
 */
@FunctionalInterface
public interface ProviderDirectory {

  /**
   * The configuration of provider {@code name} in {@code project}.
   *
   * @throws dev.promptops.core.NotFoundException when the project has no such provider and the
   *     environment names none, with a hint saying how to add one
   */
  ProviderConfig resolve(String project, String name);

  /**
   * The providers the environment variables of {@code env} define ({@code OPENAI_API_KEY} and
   * {@code OPENAI_BASE_URL} for {@code openai}, and so on), for runs outside a server.
   */
  static ProviderDirectory environment(java.util.Map<String, String> env) {
    var providers = new EnvironmentProviders(env);
    return providers::resolve;
  }
}
