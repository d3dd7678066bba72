package dev.promptops.server.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The server's metrics in the Prometheus text format (0.0.4): counters and histograms updated
 * lock-free on the hot path, and gauges read from a supplier at scrape time. Names carry the {@code
 * promptops_} prefix and their unit.
 */
public final class Metrics {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Map<String, Family> families = new LinkedHashMap<>();

  private sealed interface Family permits Counter, Histogram, Gauge {
    String name();

    String help();

    void write(StringBuilder out);
  }

  /** A counter with labels; {@link #inc} adds one to the series of those label values. */
  public static final class Counter implements Family {
    private final String name;
    private final String help;
    private final List<String> labels;
    private final Map<List<String>, LongAdder> series = new ConcurrentHashMap<>();

    Counter(String name, String help, List<String> labels) {
      this.name = name;
      this.help = help;
      this.labels = labels;
    }

    public void inc(String... values) {
      series.computeIfAbsent(List.of(values), k -> new LongAdder()).increment();
    }

    public long value(String... values) {
      LongAdder a = series.get(List.of(values));
      return a == null ? 0 : a.sum();
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String help() {
      return help;
    }

    @Override
    public void write(StringBuilder out) {
      header(out, name, help, "counter");
      for (var e : sorted(series)) {
        out.append(name).append(labelText(labels, e.getKey())).append(' ');
        out.append(e.getValue().sum()).append('\n');
      }
    }
  }

  /** A histogram of seconds with fixed buckets. */
  public static final class Histogram implements Family {
    private final String name;
    private final String help;
    private final double[] bounds;
    private final LongAdder[] counts;
    private final DoubleAdder sum = new DoubleAdder();
    private final LongAdder count = new LongAdder();

    Histogram(String name, String help, double[] bounds) {
      this.name = name;
      this.help = help;
      this.bounds = bounds.clone();
      this.counts = new LongAdder[bounds.length];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = new LongAdder();
      }
    }

    public void observe(double seconds) {
      for (int i = 0; i < bounds.length; i++) {
        if (seconds <= bounds[i]) {
          counts[i].increment();
          break;
        }
      }
      sum.add(seconds);
      count.increment();
    }

    public long count() {
      return count.sum();
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String help() {
      return help;
    }

    @Override
    public void write(StringBuilder out) {
      header(out, name, help, "histogram");
      long cumulative = 0;
      for (int i = 0; i < bounds.length; i++) {
        cumulative += counts[i].sum();
        out.append(name).append("_bucket{le=\"").append(number(bounds[i])).append("\"} ");
        out.append(cumulative).append('\n');
      }
      out.append(name).append("_bucket{le=\"+Inf\"} ").append(count.sum()).append('\n');
      out.append(name).append("_sum ").append(number(sum.sum())).append('\n');
      out.append(name).append("_count ").append(count.sum()).append('\n');
    }
  }

  /** A gauge whose series (label values → value) are read when scraped. */
  public record Gauge(
      String name, String help, List<String> labels, Supplier<Map<List<String>, Double>> read)
      implements Family {
    @Override
    public void write(StringBuilder out) {
      Map<List<String>, Double> values;
      try {
        values = read.get();
      } catch (RuntimeException e) {
        return; // a gauge that cannot be read is left out rather than failing the scrape
      }
      header(out, name, help, "gauge");
      for (var e : sorted(values)) {
        out.append(name).append(labelText(labels, e.getKey())).append(' ');
        out.append(number(e.getValue())).append('\n');
      }
    }
  }

  public synchronized Counter counter(String name, String help, String... labels) {
    return (Counter) register(new Counter(name, help, List.of(labels)));
  }

  public synchronized Histogram histogram(String name, String help, double... bounds) {
    return (Histogram) register(new Histogram(name, help, bounds));
  }

  public synchronized void gauge(
      String name, String help, List<String> labels, Supplier<Map<List<String>, Double>> read) {
    register(new Gauge(name, help, List.copyOf(labels), read));
  }

  private Family register(Family f) {
    Family known = families.putIfAbsent(f.name(), f);
    if (known != null) {
      throw new IllegalStateException("metric " + f.name() + " is registered twice");
    }
    return f;
  }

  /** Every metric, in the text exposition format. */
  public String scrape() {
    List<Family> all;
    synchronized (this) {
      all = new ArrayList<>(families.values());
    }
    var out = new StringBuilder(4096);
    for (Family f : all) {
      f.write(out);
    }
    return out.toString();
  }

  private static void header(StringBuilder out, String name, String help, String type) {
    out.append("# HELP ").append(name).append(' ');
    out.append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static String labelText(List<String> names, List<String> values) {
    if (names.isEmpty()) {
      return "";
    }
    var b = new StringBuilder("{");
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      String v = i < values.size() ? values.get(i) : "";
      b.append(names.get(i)).append("=\"");
      b.append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
    }
    return b.append('}').toString();
  }

  private static <V> List<Map.Entry<List<String>, V>> sorted(Map<List<String>, V> series) {
    var entries = new ArrayList<>(series.entrySet());
    entries.sort(
        (a, b) -> String.join("\u0000", a.getKey()).compareTo(String.join("\u0000", b.getKey())));
    return entries;
  }

  static String number(double v) {
    if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) {
      return String.valueOf((long) v);
    }
    return String.format(Locale.ROOT, "%s", v);
  }
}
