package dev.promptops.client.sdk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.bench.SupportReply;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.dotprompt.RenderedPrompt;
import dev.promptops.core.json.Json;
import dev.promptops.core.prompt.ComponentPin;
import dev.promptops.core.prompt.PromptDigest;
import dev.promptops.core.prompt.PromptFile;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Java SDK's hot path: a cached {@code get} of the benchmark prompt ({@code
 * support-reply.prompt}, about 1 KB, five variables, one component), with and without the render,
 * and the reporter's cost per use. In the package of the SDK, to time {@code Reporter.Use.record}
 * by itself.
 *
 * <p>The SDK is built without a reachable server and with the prompt in its snapshot, asked again
 * only every hour: {@code get} then takes exactly the path of any cached lookup (one map lookup by
 * environment and name, one freshness check), which is what is measured; no request is made while
 * measuring.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SdkBenchmarks {
  private PromptOps sdk;
  private RenderData variables;
  private Reporter.Use use;

  @Setup(Level.Trial)
  public void setUp() {
    String source = SupportReply.source();
    String footer = SupportReply.footer();
    String footerDigest = PromptDigest.of(PromptFile.parse(footer, "f"), List.of());
    String digest =
        PromptDigest.of(
            PromptFile.parse(source, "p"), List.of(new ComponentPin("_footer", 1, footerDigest)));
    ObjectNode snapshot = Json.object().put("format", Snapshot.FORMAT).put("project", "shop");
    snapshot.put("environment", "production");
    ObjectNode prompt =
        snapshot
            .putArray("prompts")
            .addObject()
            .put("name", SupportReply.NAME)
            .put("version", 1)
            .put("digest", digest)
            .put("source", source);
    prompt
        .putArray("components")
        .addObject()
        .put("name", "_footer")
        .put("version", 1)
        .put("digest", footerDigest)
        .put("source", footer)
        .putArray("components");
    sdk =
        PromptOps.builder()
            .server("http://127.0.0.1:9")
            .project("shop")
            .environment("production")
            .connectTimeout(Duration.ofMillis(200))
            .retryEvery(Duration.ofHours(1))
            .reporting(false)
            .snapshot(Snapshot.parse(snapshot, "benchmark"))
            .build();
    sdk.get(SupportReply.NAME);
    use =
        new Reporter(Json.object(), r -> {}, 10, Duration.ofHours(1), Duration.ofHours(1), false)
            .use(SupportReply.NAME, "production", 1, digest, false);
    variables = SupportReply.variables();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    sdk.close();
  }

  /** {@code sdk.get(name)} from the cache: the lookup alone. */
  @Benchmark
  public Prompt cachedGet() {
    return sdk.get(SupportReply.NAME);
  }

  /** {@code sdk.get(name).render(variables)}: what an application pays per use. */
  @Benchmark
  public RenderedPrompt cachedGetAndRender() {
    return sdk.get(SupportReply.NAME).render(variables);
  }

  /** What each use adds for drift reporting: one counter increment and a coarse clock read. */
  @Benchmark
  public void reporterRecord() {
    use.record();
  }

  /** The same, from two threads on one key (the counter is striped, so they do not contend). */
  @Benchmark
  @Threads(2)
  public void reporterRecordTwoThreads() {
    use.record();
  }
}
