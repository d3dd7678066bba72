package dev.promptops.cli;

import dev.promptops.providers.mock.MockLlmServer;
import dev.promptops.providers.mock.MockProtocol;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * Exercises the commands people run most (lint, render, a small eval against an in-process mock LLM
 * server, with every report) in a temporary folder, printing nothing. The {@code promptops}
 * launcher runs it once after each build with {@code -XX:ArchiveClassesAtExit}, so the class data
 * archive it makes holds what those commands load, and they start in well under a second.
 */
@Command(name = "warm-up", hidden = true, description = "train the start-up archive (launcher)")
final class WarmUpCommand implements Callable<Integer> {
  private static final String PROMPT =
      """
      ---
      model: openai/gpt-4o-mini
      input:
        schema:
          name: string
      output:
        format: json
        schema:
          greeting: string
      ---
      {{role "system"}}Answer in JSON.
      {{role "user"}}Greet {{name}}.{{> footer}}
      """;
  private static final String SUITE =
      """
      prompts: [../prompts/hello.prompt]
      defaults:
        assert:
          - {type: contains, value: "{{name}}"}
          - {type: not-icontains, value: sorry}
          - {type: length, value: {max: 2000}}
          - {type: is-json}
          - {type: is-valid-output}
          - {type: json-path, value: {path: $.greeting, exists: true}}
          - {type: regex, value: "[A-Z]"}
          - {type: levenshtein, value: "hello", threshold: 100}
          - {type: latency, threshold: 60000}
      cases:
        - vars: {name: Ann}
        - vars: {name: Bob}
      """;

  private final Context ctx;

  WarmUpCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    Path dir = Files.createTempDirectory("promptops-warm-up");
    try (var mock = MockLlmServer.start()) {
      Files.writeString(dir.resolve("promptops.yaml"), "project: warm-up\n");
      Files.createDirectories(dir.resolve("prompts"));
      Files.createDirectories(dir.resolve("evals"));
      Files.writeString(dir.resolve("prompts/hello.prompt"), PROMPT);
      Files.writeString(dir.resolve("prompts/_footer.prompt"), " Thanks.");
      Files.writeString(dir.resolve("evals/warm.yaml"), SUITE);
      var env = new HashMap<>(ctx.env());
      env.put("HOME", dir.toString());
      env.put("OPENAI_BASE_URL", mock.baseUrl(MockProtocol.OPENAI));
      env.put("OPENAI_API_KEY", "warm-up");
      env.remove("PROMPTOPS_URL");
      var cli = new Cli(dir, env);
      var sink = new PrintWriter(new StringWriter());
      cli.run(sink, sink, "lint");
      cli.run(sink, sink, "render", "prompts/hello.prompt", "--vars", "{\"name\": \"Ann\"}");
      cli.run(sink, sink, "--help");
      cli.run(
          sink,
          sink,
          "eval",
          "--no-cache",
          "-o",
          "r.json",
          "-o",
          "r.xml",
          "-o",
          "r.html",
          "-o",
          "r.csv",
          "-o",
          "r.md");
    } finally {
      delete(dir);
    }
    return ExitCodes.OK;
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(WarmUpCommand::deleteQuietly);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // a temporary file left behind
    }
  }
}
