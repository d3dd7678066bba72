package dev.promptops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code promptops mock-llm}: runs in the foreground, prints its URLs, logs each request. */
class MockLlmCommandIT {
  private static final Pattern URL =
      Pattern.compile("Mock LLM server on (http://127\\.0\\.0\\.1:\\d+)");

  @TempDir Path work;

  @Test
  void servesUntilStoppedAndLogsEachRequest() throws Exception {
    Files.writeString(
        work.resolve("rules.yaml"),
        """
        rules:
          - name: hi
            match: {contains: hello}
            reply: "hi from the rules"
        """);
    var out = new StringWriter();
    var err = new StringWriter();
    var code = new AtomicInteger(-1);
    Thread cli =
        Thread.ofVirtual()
            .start(
                () ->
                    code.set(
                        new Cli(work, Map.of())
                            .run(
                                new PrintWriter(out),
                                new PrintWriter(err),
                                "mock-llm",
                                "--port",
                                "0",
                                "--rules",
                                "rules.yaml")));
    String url = awaitUrl(out);

    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions"))
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"model\": \"gpt-4o-mini\", \"messages\": [{\"role\": \"user\","
                                + " \"content\": \"hello\"}]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    cli.interrupt();
    cli.join(Duration.ofSeconds(5));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("hi from the rules");
    assertThat(code.get()).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("(1 rule from rules.yaml)")
        .contains("openai        " + url + "/v1")
        .contains("export OPENAI_BASE_URL=" + url + "/v1 OPENAI_API_KEY=mock")
        .contains("export OLLAMA_HOST=" + url)
        .contains("Ctrl-C");
    assertThat(err.toString())
        .contains("POST /v1/chat/completions openai gpt-4o-mini rule=hi 200")
        .contains("mock LLM server stopped");
  }

  @Test
  void aBadRulesFileIsAUsageError() throws Exception {
    Files.writeString(work.resolve("rules.yaml"), "- fault: explode\n");

    var r = new CliRunner(work).run("mock-llm", "--port", "0", "--rules", "rules.yaml");

    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err())
        .contains("rule 1: fault: unknown fault 'explode'")
        .contains("hint: use rate_limit");
  }

  @Test
  void aMissingRulesFileIsAUsageError() {
    var r = new CliRunner(work).run("mock-llm", "--port", "0", "--rules", "none.yaml");

    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("cannot read the rules file");
  }

  private static String awaitUrl(StringWriter out) throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      Matcher m = URL.matcher(out.toString());
      if (m.find() && out.toString().contains("Ctrl-C")) {
        return m.group(1);
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the mock LLM server did not start: " + out);
  }
}
