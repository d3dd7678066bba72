package dev.promptops.server.telemetry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends finished spans to an OTLP/HTTP endpoint as JSON, in batches, from one daemon thread: every
 * {@link OtlpSettings#every()} or as soon as {@link #BATCH} are waiting. The queue is bounded;
 * spans that do not fit, or whose export fails, are dropped and counted, never retried into an
 * unbounded backlog, and never block the request that made them.
 */
public final class SpanExporter implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SpanExporter.class.getName());
  static final int BATCH = 512;
  static final int CAPACITY = 2048;

  private final OtlpSettings settings;
  private final BlockingQueue<ObjectNode> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final HttpClient http;
  private final Thread thread;
  private final LongAdder exported = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private volatile boolean running = true;
  private long lastWarning;

  public SpanExporter(OtlpSettings settings) {
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.thread = Thread.ofPlatform().daemon().name("promptops-otlp").start(this::loop);
  }

  /** Queues a finished span ({@code Span} in OTLP JSON); drops it when the queue is full. */
  public void add(ObjectNode span) {
    if (!queue.offer(span)) {
      dropped.increment();
    }
  }

  public long exported() {
    return exported.sum();
  }

  public long dropped() {
    return dropped.sum();
  }

  private void loop() {
    var batch = new ArrayList<ObjectNode>(BATCH);
    long every = settings.every().toNanos();
    while (running) {
      try {
        long deadline = System.nanoTime() + every;
        while (batch.size() < BATCH) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            break;
          }
          ObjectNode span = queue.poll(left, TimeUnit.NANOSECONDS);
          if (span == null) {
            break;
          }
          batch.add(span);
          queue.drainTo(batch, BATCH - batch.size());
        }
      } catch (InterruptedException e) {
        break;
      }
      send(batch);
      batch.clear();
    }
    queue.drainTo(batch);
    for (int from = 0; from < batch.size(); from += BATCH) {
      send(batch.subList(from, Math.min(batch.size(), from + BATCH)));
    }
  }

  private void send(List<ObjectNode> spans) {
    if (spans.isEmpty()) {
      return;
    }
    var request =
        HttpRequest.newBuilder(settings.endpoint())
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body(spans))));
    settings.headers().forEach(request::header);
    try {
      HttpResponse<String> answer =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() / 100 == 2) {
        exported.add(spans.size());
        return;
      }
      warn("the OTLP endpoint answered " + answer.statusCode() + ": " + answer.body());
    } catch (java.io.IOException e) {
      warn("cannot reach the OTLP endpoint " + settings.endpoint() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    dropped.add(spans.size());
  }

  /** The export request: one resource (this service) and one scope. */
  ObjectNode body(List<ObjectNode> spans) {
    ObjectNode root = Json.object();
    ObjectNode resourceSpans = root.putArray("resourceSpans").addObject();
    ArrayNode attributes = resourceSpans.putObject("resource").putArray("attributes");
    attributes.add(Spans.attribute("service.name", settings.serviceName()));
    attributes.add(Spans.attribute("telemetry.sdk.name", "promptops"));
    attributes.add(Spans.attribute("telemetry.sdk.language", "java"));
    ObjectNode scope = resourceSpans.putArray("scopeSpans").addObject();
    scope.putObject("scope").put("name", "dev.promptops.server").put("version", Spans.VERSION);
    ArrayNode list = scope.putArray("spans");
    spans.forEach(list::add);
    return root;
  }

  private void warn(String message) {
    long now = System.currentTimeMillis();
    if (now - lastWarning > 60_000) {
      lastWarning = now;
      LOG.log(System.Logger.Level.WARNING, message + " (spans are dropped until it answers)");
    }
  }

  /** Sends what is queued (waiting up to 10 s) and stops. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http.close();
  }
}
