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

    /** Adds {@code n} (not negative) to the series of those label values. */
    public void add(long n, String... values) {
      if (n > 0) {
        series.computeIfAbsent(List.of(values), k -> new LongAdder()).add(n);
      }
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

  /** A histogram of seconds with fixed buckets, one series per combination of label values. */
  public static final class Histogram implements Family {
    private final String name;
    private final String help;
    private final List<String> labels;
    private final double[] bounds;
    private final Map<List<String>, Series> series = new ConcurrentHashMap<>();

    private static final class Series {
      final LongAdder[] counts;
      final DoubleAdder sum = new DoubleAdder();
      final LongAdder count = new LongAdder();

      Series(int buckets) {
        counts = new LongAdder[buckets];
        for (int i = 0; i < buckets; i++) {
          counts[i] = new LongAdder();
        }
      }
    }

    Histogram(String name, String help, List<String> labels, double[] bounds) {
      this.name = name;
      this.help = help;
      this.labels = labels;
      this.bounds = bounds.clone();
      if (labels.isEmpty()) {
        series.put(List.of(), new Series(bounds.length)); // shown, at zero, before any observation
      }
    }

    /** One observation, in the series of these label values (as many as the labels). */
    public void observe(double seconds, String... values) {
      Series s = series.computeIfAbsent(List.of(values), k -> new Series(bounds.length));
      for (int i = 0; i < bounds.length; i++) {
        if (seconds <= bounds[i]) {
          s.counts[i].increment();
          break;
        }
      }
      s.sum.add(seconds);
      s.count.increment();
    }

    /** Observations in the series of these label values. */
    public long count(String... values) {
      Series s = series.get(List.of(values));
      return s == null ? 0 : s.count.sum();
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
      for (var e : sorted(series)) {
        Series s = e.getValue();
        String text = labelText(labels, e.getKey());
        String open = text.isEmpty() ? "{" : text.substring(0, text.length() - 1) + ",";
        long cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
          cumulative += s.counts[i].sum();
          out.append(name).append("_bucket").append(open);
          out.append("le=\"")
              .append(number(bounds[i]))
              .append("\"} ")
              .append(cumulative)
              .append('\n');
        }
        long count = s.count.sum();
        out.append(name).append("_bucket").append(open).append("le=\"+Inf\"} ");
        out.append(count).append('\n');
        out.append(name).append("_sum").append(text).append(' ');
        out.append(number(s.sum.sum())).append('\n');
        out.append(name).append("_count").append(text).append(' ').append(count).append('\n');
      }
    }
  }

  /**
   * A gauge (or a counter kept elsewhere) whose series (label values → value) are read when
   * scraped.
   */
  public record Gauge(
      String name,
      String help,
      String type,
      List<String> labels,
      Supplier<Map<List<String>, Double>> read)
      implements Family {
    @Override
    public void write(StringBuilder out) {
      Map<List<String>, Double> values;
      try {
        values = read.get();
      } catch (RuntimeException e) {
        return; // a gauge that cannot be read is left out rather than failing the scrape
      }
      header(out, name, help, type);
      for (var e : sorted(values)) {
        out.append(name).append(labelText(labels, e.getKey())).append(' ');
        out.append(number(e.getValue())).append('\n');
      }
    }
  }

  public synchronized Counter counter(String name, String help, String... labels) {
    return (Counter) register(new Counter(name, help, List.of(labels)));
  }

  /** A histogram without labels. */
  public synchronized Histogram histogram(String name, String help, double... bounds) {
    return histogram(name, help, List.of(), bounds);
  }

  public synchronized Histogram histogram(
      String name, String help, List<String> labels, double... bounds) {
    return (Histogram) register(new Histogram(name, help, List.copyOf(labels), bounds));
  }

  public synchronized void gauge(
      String name, String help, List<String> labels, Supplier<Map<List<String>, Double>> read) {
    register(new Gauge(name, help, "gauge", List.copyOf(labels), read));
  }

  /** A counter whose values another component keeps, read when scraped. */
  public synchronized void counterFrom(
      String name, String help, List<String> labels, Supplier<Map<List<String>, Double>> read) {
    register(new Gauge(name, help, "counter", List.copyOf(labels), read));
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
