package dev.promptops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.promptops.core.json.Json;
import dev.promptops.providers.mock.MockLlmServer;
import dev.promptops.providers.mock.MockProtocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example repository ({@code examples/shop}) and its GitHub Actions workflows, run as CI would
 * run them: every single-line {@code run:} step that is a {@code promptops} command, read from the
 * workflow files themselves, against a real server whose models are the mock LLM. The release
 * workflow imports the repository and proposes it for staging and production; a reviewer approves;
 * a pull request changing a prompt then passes its gate against what production runs.
 */
class ExampleRepositoryIT {
  static final Path EXAMPLE =
      Path.of(System.getProperty("basedir", ".")).resolve("../examples/shop").normalize();

  @TempDir Path data;
  @TempDir Path repo;
  MockLlmServer mock;
  RunningServer server;

  @BeforeEach
  void start() throws IOException {
    mock = MockLlmServer.start();
    var env =
        Map.of("OPENAI_BASE_URL", mock.baseUrl(MockProtocol.OPENAI), "OPENAI_API_KEY", "mock-key");
    server = new RunningServer(data, env);
    copy(EXAMPLE, repo);
  }

  @AfterEach
  void stop() {
    server.close();
    mock.close();
  }

  CliRunner cli(String key) {
    return new CliRunner(repo)
        .env("PROMPTOPS_URL", server.url())
        .env("PROMPTOPS_API_KEY", key)
        .env("OPENAI_BASE_URL", mock.baseUrl(MockProtocol.OPENAI))
        .env("OPENAI_API_KEY", "mock-key");
  }

  static CliRunner.Result ok(CliRunner.Result r) {
    assertThat(r.code()).as(r.toString()).isZero();
    return r;
  }

  /** The promptops command lines of a workflow's steps, in order, as the runner would run them. */
  static List<String[]> steps(String workflow, String commitMessage) throws IOException {
    JsonNode root =
        new YAMLMapper().readTree(EXAMPLE.resolve(".github/workflows").resolve(workflow).toFile());
    var out = new ArrayList<String[]>();
    for (JsonNode job : root.path("jobs")) {
      for (JsonNode step : job.path("steps")) {
        String run = step.path("run").asText("").strip();
        if (run.startsWith("promptops ") && !run.contains("\n")) {
          String line = run.replace("${{ github.event.head_commit.message }}", commitMessage);
          List<String> words = words(line);
          out.add(words.subList(1, words.size()).toArray(String[]::new));
        }
      }
    }
    return out;
  }

  /** Splits a command line as a shell does for plain words and double-quoted ones. */
  static List<String> words(String line) {
    var words = new ArrayList<String>();
    var word = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) {
          words.add(word.toString());
          word.setLength(0);
          any = false;
        }
      } else {
        word.append(c);
        any = true;
      }
    }
    if (any) {
      words.add(word.toString());
    }
    return words;
  }

  String key(String name, String role) {
    return ok(cli(RunningServer.ADMIN_KEY).run("keys", "create", name, "--role", "shop=" + role))
        .out()
        .lines()
        .filter(l -> l.startsWith("secret: "))
        .findFirst()
        .orElseThrow()
        .substring("secret: ".length());
  }

  JsonNode change(int number) throws IOException {
    return Json.parse(
        ok(cli(RunningServer.ADMIN_KEY)
                .run("change", "show", String.valueOf(number), "--output", "json"))
            .out());
  }

  @Test
  void quickstartPacksEveryFileOfTheExample() throws IOException {
    try (Stream<Path> files = Files.walk(EXAMPLE)) {
      assertThat(
              files
                  .filter(Files::isRegularFile)
                  .map(f -> EXAMPLE.relativize(f).toString().replace('\\', '/'))
                  .sorted()
                  .toList())
          .isEqualTo(QuickstartCommand.EXAMPLE_FILES);
    }
  }

  @Test
  void quickstartLoadsTheExampleAndSaysWhereToLook() {
    var r = new CliRunner(repo).run("quickstart", "--port", "0", "--dir", "qs", "--exit");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("$ promptops sync", "created project shop", "policies: version 1 applied")
        .contains("support/reply: created v1")
        .contains("#1  support/reply@1 -> staging  MERGED")
        .contains("#2  support/reply@1 -> production  OPEN", "note     eval support: started ev_")
        .contains("gate passed")
        .contains("promptops change show 2");
  }

  @Test
  void theReleaseAndPullRequestWorkflowsRunAsWritten() throws Exception {
    var release = steps("release.yml", "first release");
    assertThat(release).hasSize(3);
    var admin = cli(RunningServer.ADMIN_KEY);
    var outputs = new ArrayList<String>();
    for (String[] step : release) {
      outputs.add(ok(admin.run(step)).out());
    }
    assertThat(outputs.get(0))
        .contains(
            "created project shop",
            "support/reply: created v1",
            "suite support: registered",
            "schedule: suite support re-runs on production every 6h (margin 0.05)");
    assertThat(outputs.get(1)).contains("#1  support/reply@1 -> staging  MERGED (deployment #");
    assertThat(outputs.get(2)).contains("note     eval support: started ev_");

    JsonNode staging = change(1);
    assertThat(staging.get("environment").asText()).isEqualTo("staging");
    assertThat(staging.get("state").asText()).as(staging.toString()).isEqualTo("merged");
    JsonNode production = change(2);
    assertThat(production.get("environment").asText()).isEqualTo("production");
    assertThat(production.get("state").asText()).isEqualTo("open");

    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      List<String> rules = new ArrayList<>();
      change(2).path("unmet").forEach(u -> rules.add(u.get("rule").asText()));
      if (rules.equals(List.of("approvals"))) {
        break;
      }
      assertThat(System.nanoTime()).as("still unmet: " + rules).isLessThan(deadline);
      Thread.sleep(100);
    }
    var reviewer = cli(key("reviewer", "approver"));
    var approved = ok(reviewer.run("change", "approve", "2", "-m", "ship it"));
    assertThat(approved.out()).contains("#2  support/reply@1 -> production  MERGED");
    assertThat(ok(admin.run("ls")).out()).containsPattern("support/reply +v1 +- +v1 +v1");

    Path reply = repo.resolve("prompts/support/reply.prompt");
    Files.writeString(reply, Files.readString(reply).replace("briefly and", "warmly, briefly and"));
    var editor = cli(key("ci", "editor"));
    var pr = steps("pull-request.yml", "");
    assertThat(pr).hasSize(2);
    var results = new ArrayList<CliRunner.Result>();
    for (String[] step : pr) {
      results.add(ok(editor.run(step)));
    }
    assertThat(results.get(1).out()).as(results.toString()).contains("gate passed");
    assertThat(repo.resolve("out/junit.xml")).exists();
    assertThat(Files.readString(repo.resolve("out/summary.md"))).contains("support");
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }
}
