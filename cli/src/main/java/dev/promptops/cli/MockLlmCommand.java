package dev.promptops.cli;

import dev.promptops.providers.mock.MockLlmConfig;
import dev.promptops.providers.mock.MockLlmServer;
import dev.promptops.providers.mock.MockProtocol;
import dev.promptops.providers.mock.MockRules;
import dev.promptops.providers.mock.RecordedRequest;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "mock-llm",
    mixinStandardHelpOptions = true,
    description = {
      "Start the mock LLM server in the foreground.",
      "It speaks the wire protocols of OpenAI, Azure OpenAI, Anthropic, Google Gemini and Ollama,"
          + " answers by the rules file (default: an echo of the last user message), and logs"
          + " one line per request on stderr. Ctrl-C stops it.",
      "Rules file format: providers/README.md, \"Mock LLM server\"."
    })
final class MockLlmCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
  private static final String AZURE_API_VERSION = "2024-10-21";

  private final Context ctx;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "default " + MockLlmConfig.DEFAULT_PORT + "; 0 picks a free one")
  private int port = MockLlmConfig.DEFAULT_PORT;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "address to listen on (default 127.0.0.1)")
  private String host = MockLlmConfig.DEFAULT_HOST;

  @Option(names = "--rules", paramLabel = "FILE", description = "the rules file (YAML)")
  private String rulesFile;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "seed for rates and latency distributions (default: the file's, else 0)")
  private Long seed;

  MockLlmCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    MockRules rules = rulesFile == null ? MockRules.none() : MockRules.load(ctx.resolve(rulesFile));
    if (seed != null) {
      rules = rules.withSeed(seed);
    }
    MockLlmConfig config =
        MockLlmConfig.defaults()
            .withHost(host)
            .withPort(port)
            .withRules(rules)
            .withListener(this::log);
    MockLlmServer server = MockLlmServer.start(config);
    var reported = new AtomicBoolean();
    // On Ctrl-C the JVM may end before this thread resumes, so the hook reports it has stopped.
    Runnable stop =
        () -> {
          server.close();
          if (reported.compareAndSet(false, true)) {
            ctx.err().println("mock LLM server stopped");
            ctx.err().flush();
          }
        };
    Thread hook = new Thread(stop, "promptops-mock-llm-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      printBanner(server, rules);
      server.awaitClose();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stop.run();
      removeHook(hook);
    }
    return ExitCodes.OK;
  }

  private void printBanner(MockLlmServer server, MockRules rules) {
    String url = server.url();
    String origin =
        rulesFile == null
            ? "no rules file: every request gets the default echo"
            : rules.rules().size()
                + (rules.rules().size() == 1 ? " rule" : " rules")
                + " from "
                + rulesFile;
    ctx.println("Mock LLM server on " + url + " (" + origin + ")");
    ctx.println("");
    ctx.println("  PROTOCOL      BASE URL                          ENDPOINTS");
    row("openai", server.baseUrl(MockProtocol.OPENAI), "POST /chat/completions, /embeddings");
    row(
        "azure-openai",
        server.baseUrl(MockProtocol.AZURE_OPENAI),
        "POST /openai/deployments/{deployment}/chat/completions?api-version=…, …/embeddings");
    row("anthropic", server.baseUrl(MockProtocol.ANTHROPIC), "POST /v1/messages");
    row(
        "gemini",
        server.baseUrl(MockProtocol.GEMINI),
        "POST /v1beta/models/{model}:generateContent, :streamGenerateContent, :embedContent");
    row("ollama", server.baseUrl(MockProtocol.OLLAMA), "POST /api/chat, /api/embed, GET /api/tags");
    ctx.println("");
    ctx.println("Providers for `promptops server` from the environment (any API key works):");
    ctx.println("");
    ctx.println("  export OPENAI_BASE_URL=" + url + "/v1 OPENAI_API_KEY=mock");
    ctx.println("  export ANTHROPIC_BASE_URL=" + url + " ANTHROPIC_API_KEY=mock");
    ctx.println("  export GEMINI_BASE_URL=" + url + " GEMINI_API_KEY=mock");
    ctx.println("  export OLLAMA_HOST=" + url);
    ctx.println(
        "  export AZURE_OPENAI_ENDPOINT="
            + url
            + " AZURE_OPENAI_API_KEY=mock AZURE_OPENAI_API_VERSION="
            + AZURE_API_VERSION);
    ctx.println("");
    ctx.println("Requests are logged on stderr. Ctrl-C stops the server.");
    ctx.out().flush();
  }

  private void row(String protocol, String baseUrl, String endpoints) {
    ctx.println(String.format("  %-13s %-33s %s", protocol, baseUrl, endpoints));
  }

  private void log(RecordedRequest request) {
    ctx.err().println(LocalTime.now().format(TIME) + " " + request.summary());
    ctx.err().flush();
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down, and the hook is what stopped the server
    }
  }
}
