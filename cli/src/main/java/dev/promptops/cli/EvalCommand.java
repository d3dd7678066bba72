package dev.promptops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.client.PromptOpsClient;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.eval.EvalJson;
import dev.promptops.core.eval.PromptSource;
import dev.promptops.core.eval.ResultReader;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.eval.Suite;
import dev.promptops.core.eval.engine.JsonlResults;
import dev.promptops.core.eval.report.ConsoleSummary;
import dev.promptops.core.eval.report.JunitXmlReport;
import dev.promptops.core.eval.report.MarkdownReport;
import dev.promptops.core.eval.report.ReportWriter;
import dev.promptops.core.eval.report.Reports;
import dev.promptops.core.eval.suite.LoadedSuite;
import dev.promptops.core.eval.suite.PromptfooConfig;
import dev.promptops.core.eval.suite.Suites;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Run evaluation suites: every case on every prompt (and provider), scored by its assertions"
          + " and gated.",
      "Suites are evals/*.yaml beside promptops.yaml unless named; -c runs a promptfoo config.",
      "Exit 0 when every gate holds, 1 when one fails, 3 when the run could not judge (cases"
          + " without an answer, interrupted), 2 for a bad suite or arguments."
    })
final class EvalCommand implements Callable<Integer> {
  static final int DEFAULT_CONCURRENCY = 16;

  private final Context ctx;
  @Mixin private ServerOptions server;
  @Mixin private ProjectOptions project;

  @Parameters(paramLabel = "SUITE", arity = "0..*", description = "suite files (evals/*.yaml)")
  private List<String> suites = List.of();

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "a promptfoo config (promptfooconfig.yaml) to run instead")
  private String config;

  @Option(
      names = "--prompt",
      paramLabel = "REF|FILE",
      description =
          "evaluate this prompt instead of the suite's (repeatable): a .prompt file or name,"
              + " name:ENV, name@VERSION")
  private List<String> prompts = List.of();

  @Option(
      names = "--baseline",
      paramLabel = "ENV",
      description =
          "also run the version deployed in ENV on the same cases and report regressions against"
              + " it")
  private String baseline;

  @Option(
      names = {"-j", "--max-concurrency"},
      paramLabel = "N",
      description = "case runs at once (default: the suite's, else " + DEFAULT_CONCURRENCY + ")")
  private Integer concurrency;

  @Option(names = "--repeat", paramLabel = "N", description = "run each case N times")
  private Integer repeat;

  @Option(names = "--no-cache", description = "call the models even for answers in the cache")
  private boolean noCache;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      arity = "1..*",
      description =
          "write a report, its format by extension: .json, .jsonl, .xml (JUnit), .html, .csv, .md"
              + " (repeatable); 'json' prints the report as JSON instead of the table")
  private List<String> outputs = List.of();

  @Option(names = "--junit", paramLabel = "FILE", description = "write JUnit XML")
  private String junit;

  @Option(names = "--markdown", paramLabel = "FILE", description = "write a Markdown summary")
  private String markdown;

  @Option(
      names = "--resume",
      paramLabel = "RUN_ID",
      description = "go on with an interrupted run, skipping the cases it finished")
  private String resume;

  @Option(names = "--no-progress-bar", description = "plain progress lines even on a terminal")
  private boolean noProgressBar;

  @Option(
      names = "--remote",
      description =
          "run on the server (registered prompts, the project's providers) instead of here, and"
              + " wait for it")
  private boolean remote;

  @Option(
      names = "--upload",
      description = "after a run here, store it on the server too, tied to the digests it tested")
  private boolean upload;

  EvalCommand(Context ctx) {
    this.ctx = ctx;
  }

  /** One suite to run, with how it was read and where its reports go. */
  private record Job(Path file, boolean promptfoo, String id, boolean resumed) {}

  @Override
  public Integer call() {
    Path root = project.file().map(ProjectFile::root).orElse(ctx.workDir());
    var runs = new EvalRunsFolder(root);
    List<Job> jobs = resume != null ? List.of(resumed(runs)) : jobs(root);
    Map<Path, ReportWriter> reports = reports(jobs.size());
    int worst = ExitCodes.OK;
    for (Job job : jobs) {
      worst = Math.max(worst, run(job, runs, reports, jobs.size() > 1));
    }
    return worst;
  }

  private List<Job> jobs(Path root) {
    var out = new ArrayList<Job>();
    if (config != null) {
      out.add(new Job(existing(config), true, null, false));
    }
    for (String s : suites) {
      Path file = existing(s);
      out.add(new Job(file, Suites.isPromptfoo(file), null, false));
    }
    if (out.isEmpty()) {
      Path evals = root.resolve("evals");
      try (Stream<Path> files = Files.list(evals)) {
        files
            .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
            .sorted()
            .forEach(f -> out.add(new Job(f, Suites.isPromptfoo(f), null, false)));
      } catch (IOException e) {
        // reported below as no suites
      }
      if (out.isEmpty()) {
        throw new InvalidInputException(
            "no_suites",
            "no suites to run: name them, pass -c promptfooconfig.yaml, or put them in "
                + ctx.show(evals),
            "see 'promptops eval --help' and docs/evals.md");
      }
    }
    return out;
  }

  private Path existing(String name) {
    Path file = ctx.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(
          "no_such_file",
          "no such suite: " + ctx.show(file),
          "check the path (relative to the current folder)");
    }
    return file;
  }

  /** The job of {@code --resume}: the suite and options the run was started with. */
  private Job resumed(EvalRunsFolder runs) {
    JsonNode run = runs.readRun(resume);
    JsonNode options = run.path("options");
    if (prompts.isEmpty()) {
      options.path("prompts").forEach(p -> prompts = append(prompts, p.asText()));
    }
    baseline = baseline != null ? baseline : text(options, "baseline");
    repeat =
        repeat != null
            ? repeat
            : (options.hasNonNull("repeat") ? options.get("repeat").asInt() : null);
    noCache = noCache || options.path("noCache").asBoolean();
    return new Job(
        Path.of(run.path("suite").asText()), run.path("promptfoo").asBoolean(), resume, true);
  }

  private static List<String> append(List<String> list, String item) {
    var out = new ArrayList<>(list);
    out.add(item);
    return out;
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }

  /** Each report file and its writer, checked before anything runs (a bad extension fails now). */
  private Map<Path, ReportWriter> reports(int jobs) {
    var out = new LinkedHashMap<Path, ReportWriter>();
    for (String o : outputs) {
      if (!o.equals("json") && !o.equals("text")) {
        Path file = ctx.resolve(o);
        out.put(file, Reports.forFile(file));
      }
    }
    if (junit != null) {
      out.put(ctx.resolve(junit), new JunitXmlReport());
    }
    if (markdown != null) {
      out.put(ctx.resolve(markdown), new MarkdownReport());
    }
    return out;
  }

  private Suite load(Job job) {
    LoadedSuite loaded =
        job.promptfoo() ? PromptfooConfig.read(job.file()) : Suites.read(job.file());
    loaded.warnings().forEach(w -> ctx.err().println("warning: " + w));
    return withRepeat(loaded.suite());
  }

  private List<PromptSource> sources(Suite suite) {
    return prompts.isEmpty()
        ? suite.prompts()
        : prompts.stream().map(p -> Suites.prompt(p, ctx.workDir())).toList();
  }

  private String projectName() {
    return project.explicit().or(() -> project.file().map(ProjectFile::project)).orElse("local");
  }

  private int run(Job job, EvalRunsFolder runs, Map<Path, ReportWriter> reports, boolean several) {
    if (remote) {
      return new RemoteEval(ctx, server, projectName(), this)
          .run(request(load(job)), reports, several);
    }
    Suite suite = load(job);
    String id = job.id() != null ? job.id() : EvalRunsFolder.newId(Instant.now());
    if (job.resumed()) {
      checkSameSuite(runs, id, suite);
    } else {
      runs.writeRun(id, runJson(job, suite));
    }
    List<PromptSource> sources = sources(suite);
    int parallel =
        concurrency != null
            ? concurrency
            : suite.maxConcurrency() != null ? suite.maxConcurrency() : DEFAULT_CONCURRENCY;
    var plan =
        new LocalEval.Plan(id, suite, sources, baseline, parallel, cacheDir(), job.resumed());
    var stop = new AtomicBoolean();
    var done = new CountDownLatch(1);
    Thread hook = interruptHook(stop, done);
    RunReport report;
    try (var client = new LazyClient(server)) {
      var eval =
          new LocalEval(
              ctx, projectName(), client::get, runs, w -> ctx.err().println("warning: " + w));
      ctx.err().println("eval: " + suite.name() + " (" + ctx.show(job.file()) + "), run " + id);
      report =
          eval.run(plan, new EvalProgress(ctx.err(), Terminal.stderr(ctx) && !noProgressBar), stop);
      writeLocalReport(runs, id, report);
      writeReports(report, JsonlResults.reader(runs.results(id)), reports, several);
      printSummary(report);
      ctx.err().println("results: " + ctx.show(runs.results(id)));
      if (upload) {
        return Math.max(exitCode(report), upload(client.get(), report, runs, id));
      }
    } finally {
      done.countDown();
      removeHook(hook);
    }
    return exitCode(report);
  }

  static int exitCode(RunReport report) {
    if (report.gate().pass()) {
      return ExitCodes.OK;
    }
    return report.gate().infrastructure() ? ExitCodes.SERVER : ExitCodes.CHECK_FAILED;
  }

  /** Stores the run on the server; a failure is said and is exit 3, the gate's verdict stands. */
  private int upload(PromptOpsClient client, RunReport report, EvalRunsFolder runs, String id) {
    try {
      var stored =
          client.uploadEval(
              projectName(), report, () -> JsonlResults.reader(runs.results(id)).open(), 500);
      ctx.err().println("uploaded to " + server.server() + " as " + stored.id());
      return ExitCodes.OK;
    } catch (PromptOpsException e) {
      ctx.err().println("error: the upload failed: " + e.getMessage());
      ctx.err().println("hint: " + e.hint());
      return ExitCodes.SERVER;
    }
  }

  /** The request of a {@code --remote} run. */
  private ObjectNode request(Suite suite) {
    ObjectNode req = Json.object();
    req.set("suite", RemoteSuite.of(suite, sources(suite)));
    req.put("name", suite.name());
    if (baseline != null) {
      req.put("baseline", baseline);
    }
    if (concurrency != null) {
      req.put("concurrency", concurrency);
    }
    req.put("noCache", noCache);
    return req;
  }

  private Suite withRepeat(Suite s) {
    if (repeat == null) {
      return s;
    }
    if (repeat < 1 || repeat > 1000) {
      throw new InvalidInputException(
          "invalid_repeat", "--repeat must be between 1 and 1000: " + repeat, "e.g. --repeat 3");
    }
    return new Suite(
        s.name(),
        s.description(),
        s.file(),
        s.prompts(),
        s.providers(),
        s.cases(),
        repeat,
        s.gate(),
        s.graders(),
        s.maxConcurrency(),
        s.digest());
  }

  private ObjectNode runJson(Job job, Suite suite) {
    ObjectNode run = Json.object();
    run.put("suite", job.file().toAbsolutePath().toString());
    run.put("promptfoo", job.promptfoo());
    run.put("suiteDigest", suite.digest());
    run.put("startedAt", Instant.now().toString());
    ObjectNode options = run.putObject("options");
    ArrayNode p = options.putArray("prompts");
    prompts.forEach(p::add);
    options.put("baseline", baseline);
    if (repeat != null) {
      options.put("repeat", repeat);
    }
    options.put("noCache", noCache);
    return run;
  }

  private static void checkSameSuite(EvalRunsFolder runs, String id, Suite suite) {
    String before = runs.readRun(id).path("suiteDigest").asText();
    if (!before.equals(suite.digest())) {
      throw new InvalidInputException(
          "suite_changed",
          "the suite of run "
              + id
              + " changed since it started ("
              + before
              + ", now "
              + suite.digest()
              + ")",
          "resuming would mix results of two suites: run it again without --resume");
    }
  }

  private Path cacheDir() {
    if (noCache) {
      return null;
    }
    String dir = ctx.env("PROMPTOPS_CACHE_DIR");
    return dir != null ? Path.of(dir) : ctx.home().resolve(".promptops/cache/responses");
  }

  private void writeLocalReport(EvalRunsFolder runs, String id, RunReport report) {
    try {
      Files.writeString(runs.report(id), Json.writePretty(EvalJson.report(report)) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + runs.report(id) + ": " + e.getMessage(), e);
    }
  }

  /** Each report file of {@code -o}, {@code --junit}, {@code --markdown}. */
  void writeReports(
      RunReport report, ResultReader results, Map<Path, ReportWriter> files, boolean several) {
    try {
      for (var e : files.entrySet()) {
        Path file = several ? withSuite(e.getKey(), report.suite()) : e.getKey();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        try (var out = Files.newBufferedWriter(file)) {
          e.getValue().write(report, results, out);
        }
        ctx.err().println("wrote " + ctx.show(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a report: " + e.getMessage(), e);
    }
  }

  /** {@code out/report.xml} for suite {@code support}: {@code out/report.support.xml}. */
  static Path withSuite(Path file, String suite) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String safe = suite.replaceAll("[^A-Za-z0-9_.-]", "_");
    return file.resolveSibling(
        dot < 0 ? name + "." + safe : name.substring(0, dot) + "." + safe + name.substring(dot));
  }

  /** The console table, or the report as JSON with {@code -o json}. */
  void printSummary(RunReport report) {
    if (outputs.contains("json")) {
      ctx.json(EvalJson.report(report));
    } else {
      ConsoleSummary.print(report, ctx.out(), Terminal.stderr(ctx));
    }
    ctx.out().flush();
  }

  /** On Ctrl-C: stop starting cases, then wait (a while) for the run to write what it has. */
  static Thread interruptHook(AtomicBoolean stop, CountDownLatch done) {
    Thread hook =
        new Thread(
            () -> {
              stop.set(true);
              try {
                done.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "promptops-eval-interrupt");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IllegalStateException e) {
      return null;
    }
    return hook;
  }

  static void removeHook(Thread hook) {
    if (hook == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook is running and waits for us
    }
  }

  /** A client made only when a registered prompt is asked for. */
  private static final class LazyClient implements AutoCloseable {
    private final ServerOptions server;
    private PromptOpsClient client;

    LazyClient(ServerOptions server) {
      this.server = server;
    }

    synchronized PromptOpsClient get() {
      if (client == null) {
        client = server.client();
      }
      return client;
    }

    @Override
    public synchronized void close() {
      if (client != null) {
        client.close();
      }
    }
  }
}
