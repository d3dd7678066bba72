package dev.promptops.cli;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.provider.ProviderConfig;
import dev.promptops.core.provider.ProviderInfo;
import dev.promptops.core.provider.ProviderSettings;
import dev.promptops.core.provider.ProviderType;
import dev.promptops.core.wire.ProviderWire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = {
      "Add a provider to the project, or replace its settings (project admins).",
      "Every setting is replaced; the stored API key is kept unless a new one is given.",
      "The API key is read from an environment variable (--api-key-env) or from standard input"
          + " (--api-key-stdin), never from the command line. --api-key is your PromptOps key.",
      "Examples:",
      "  promptops provider add openai --type openai --api-key-env OPENAI_API_KEY",
      "  promptops provider add vllm --type openai-compatible --base-url http://gpu:8000/v1",
      "  promptops provider add azure --type azure-openai --base-url https://NAME.openai.azure.com"
          + " --option apiVersion=2024-10-21 --api-key-stdin < azure.key"
    })
final class ProviderAddCommand implements Callable<Integer> {
  /** Most bytes read from standard input for a key. */
  static final int MAX_STDIN = 64 * 1024;

  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;

  @Parameters(paramLabel = "NAME", description = "the provider part of provider/model, e.g. openai")
  private String name;

  @Option(
      names = "--type",
      required = true,
      paramLabel = "TYPE",
      description = "openai, openai-compatible, azure-openai, anthropic, gemini or ollama")
  private String type;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description =
          "the endpoint (default: the provider's public one; required for"
              + " openai-compatible and azure-openai)")
  private String baseUrl;

  @ArgGroup(exclusive = true)
  private KeySource key;

  static final class KeySource {
    @Option(
        names = "--api-key-env",
        paramLabel = "VAR",
        description = "read the provider's API key from this environment variable")
    String variable;

    @Option(
        names = "--api-key-stdin",
        description = "read the provider's API key from standard input")
    boolean stdin;
  }

  @Option(
      names = "--option",
      paramLabel = "KEY=VALUE",
      description = "a type-specific setting, e.g. apiVersion=2024-10-21 (Azure); repeatable")
  private Map<String, String> options = new LinkedHashMap<>();

  @Option(
      names = "--call-timeout",
      paramLabel = "SECONDS",
      description =
          "time allowed for one model call (default 60; --timeout is the wait for the"
              + " PromptOps server)")
  private Integer callTimeout;

  @Option(
      names = "--max-retries",
      paramLabel = "N",
      description = "retries of a rate-limited or failed call (default 2)")
  private int maxRetries = ProviderConfig.DEFAULT_RETRIES;

  @Option(
      names = "--max-concurrent",
      paramLabel = "N",
      description = "calls at once (default 0: no limit)")
  private int maxConcurrent;

  @Option(
      names = "--rpm",
      paramLabel = "N",
      description = "calls started per minute (default 0: no limit)")
  private int requestsPerMinute;

  ProviderAddCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    var settings =
        new ProviderSettings(
            name,
            ProviderType.parse(type),
            baseUrl,
            options,
            callTimeout == null ? null : Duration.ofSeconds(callTimeout),
            maxRetries,
            maxConcurrent,
            requestsPerMinute);
    String apiKey = apiKey();
    ProviderInfo saved;
    try (var client = connection.client()) {
      saved = client.setProvider(project.name(), settings, apiKey);
    }
    if (connection.json()) {
      ctx.json(ProviderWire.provider(saved));
    } else {
      ctx.println("saved provider " + saved.name() + " in project " + saved.project());
      ProviderShowCommand.print(ctx, saved);
    }
    return ExitCodes.OK;
  }

  /** The key from the variable or standard input, or null to keep the stored one. */
  private String apiKey() {
    if (key == null) {
      return null;
    }
    String value = key.stdin ? readStdin() : fromVariable(key.variable);
    if (value.isEmpty()) {
      throw new InvalidInputException(
          "empty_api_key",
          key.stdin ? "standard input holds no API key" : key.variable + " is empty",
          "give the key, or leave out --api-key-env and --api-key-stdin to keep the stored one");
    }
    return value;
  }

  private String fromVariable(String variable) {
    if (!VARIABLE.matcher(variable).matches()) {
      // Never echo it: it may be the key itself, given by mistake.
      throw new InvalidInputException(
          "invalid_api_key_env",
          "--api-key-env takes the name of an environment variable, and this is not one",
          "e.g. --api-key-env OPENAI_API_KEY, after export OPENAI_API_KEY=…");
    }
    String value = ctx.env().get(variable);
    if (value == null) {
      throw new InvalidInputException(
          "api_key_variable_unset",
          "--api-key-env names " + variable + ", which is not set",
          "export " + variable + " first, or use --api-key-stdin");
    }
    return value.strip();
  }

  private String readStdin() {
    try {
      byte[] bytes = ctx.in().readNBytes(MAX_STDIN + 1);
      if (bytes.length > MAX_STDIN) {
        throw new InvalidInputException(
            "invalid_api_key",
            "standard input holds more than " + MAX_STDIN + " bytes",
            "pipe the API key alone, e.g. printf %s \"$KEY\" | promptops provider add …");
      }
      return new String(bytes, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new InvalidInputException(
          "invalid_api_key", "cannot read standard input: " + e.getMessage(), "pipe the key in");
    }
  }
}
