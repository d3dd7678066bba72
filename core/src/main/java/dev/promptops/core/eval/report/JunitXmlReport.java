package dev.promptops.core.eval.report;

import dev.promptops.core.eval.CaseResult;
import dev.promptops.core.eval.ResultReader;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.eval.VariantSummary;
import java.io.IOException;
import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code .xml}: JUnit XML as Jenkins, GitLab and the GitHub test reporters read it. One {@code
 * <testsuite>} per variant, one {@code <testcase>} per case result, a {@code <failure>} listing
 * every failing assertion, an {@code <error>} for a run without an answer. The baseline variant's
 * failures are {@code <skipped>}: the gate does not judge it, so neither should the CI reporter.
 *
 * <p>Makes one pass over the results for the totals the {@code <testsuite>} attributes need, then
 * one per variant (results of all variants arrive mixed): memory stays bounded.
 */
public final class JunitXmlReport implements ReportWriter {
  /** The most of an output's text a {@code <system-out>} holds. */
  static final int MAX_OUTPUT_CHARS = 8_000;

  /** The most of each failing reason, or of an error, the report holds. */
  static final int MAX_REASON_CHARS = 2_000;

  /** The most characters of a {@code message} attribute. */
  static final int MAX_MESSAGE_CHARS = 1_000;

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  @Override
  public String extension() {
    return ".xml";
  }

  @Override
  public void write(RunReport report, ResultReader results, Writer out) throws IOException {
    Map<String, Totals> totals = totals(report, results);
    Totals all = new Totals(false);
    totals.values().forEach(all::add);
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.write("<testsuites" + attr("name", "promptops eval " + report.suite()) + all.attributes());
    out.write(attr("timestamp", timestamp(report)) + ">\n");
    for (var e : totals.entrySet()) {
      writeSuite(report, e.getKey(), e.getValue(), results, out);
    }
    out.write("</testsuites>\n");
    out.flush();
  }

  /** The counts per variant: the report's variants in order, then any others the results name. */
  private static Map<String, Totals> totals(RunReport report, ResultReader results)
      throws IOException {
    Map<String, Totals> totals = new LinkedHashMap<>();
    report.variants().forEach(v -> totals.put(v.variant(), new Totals(v.baseline())));
    Results.forEach(
        results, r -> totals.computeIfAbsent(r.variant(), k -> new Totals(false)).count(r));
    return totals;
  }

  private static void writeSuite(
      RunReport report, String variant, Totals totals, ResultReader results, Writer out)
      throws IOException {
    out.write("  <testsuite" + attr("name", variant) + totals.attributes());
    out.write(attr("timestamp", timestamp(report)) + ">\n");
    writeProperties(report, summary(report, variant), out);
    String classname = classname(report.suite(), variant);
    Results.forEach(
        results,
        r -> {
          if (r.variant().equals(variant)) {
            writeCase(r, classname, totals.baseline, out);
          }
        });
    out.write("  </testsuite>\n");
  }

  private static void writeProperties(RunReport report, VariantSummary s, Writer out)
      throws IOException {
    var props = new LinkedHashMap<String, List<String>>();
    props.put("run", List.of(report.id()));
    props.put("suite", List.of(report.suite()));
    props.put("suite.digest", List.of(report.suiteDigest()));
    if (s != null) {
      props.put("prompt", List.of(s.prompt()));
      props.put("version", s.version() == null ? List.of() : List.of(s.version().toString()));
      props.put("digest", List.of(s.digest()));
      props.put("provider", List.of(s.provider()));
      props.put("baseline", List.of(Boolean.toString(s.baseline())));
    }
    props.put("gate", List.of(verdict(report)));
    props.put("gate.reason", report.gate().reasons());
    props.put("interrupted", report.interrupted() ? List.of("true") : List.of());
    out.write("    <properties>\n");
    for (var e : props.entrySet()) {
      for (String value : e.getValue()) {
        out.write("      <property" + attr("name", e.getKey()) + attr("value", value) + "/>\n");
      }
    }
    out.write("    </properties>\n");
  }

  private static void writeCase(CaseResult r, String classname, boolean baseline, Writer out)
      throws IOException {
    out.write("    <testcase" + attr("name", Cases.displayName(r.name(), r.repeat())));
    out.write(attr("classname", classname) + attr("time", Format.seconds(latency(r))) + ">\n");
    writeVerdict(r, baseline, out);
    if (!r.output().text().isEmpty()) {
      String text = Escape.clip(r.output().text(), MAX_OUTPUT_CHARS);
      out.write("      <system-out>" + Escape.xml(text) + "</system-out>\n");
    }
    out.write("    </testcase>\n");
  }

  /**
   * Nothing for a pass; {@code <failure>}, {@code <error>}, or for the baseline {@code <skipped>}.
   */
  private static void writeVerdict(CaseResult r, boolean baseline, Writer out) throws IOException {
    Cases.Status status = Cases.status(r);
    if (status == Cases.Status.PASS) {
      return;
    }
    List<String> reasons =
        Cases.failingReasons(r).stream().map(x -> Escape.clip(x, MAX_REASON_CHARS)).toList();
    String message = Escape.clip(String.join("; ", reasons), MAX_MESSAGE_CHARS);
    if (baseline) {
      String skipped = "baseline, not judged by the gate: " + message;
      out.write("      <skipped" + attr("message", skipped) + "/>\n");
    } else if (status == Cases.Status.FAIL) {
      element(out, "failure", message, "assertion", String.join("\n", reasons));
    } else {
      String error = Escape.clip(r.error(), MAX_REASON_CHARS);
      element(out, "error", Escape.clip(error, MAX_MESSAGE_CHARS), "run", error);
    }
  }

  private static void element(Writer out, String name, String message, String type, String body)
      throws IOException {
    out.write("      <" + name + attr("message", message) + attr("type", type) + ">");
    out.write(Escape.xml(body) + "</" + name + ">\n");
  }

  /**
   * A stable dotted class name: the suite's path segments as the package, the variant as the class
   * ({@code support/reply@3 on openai/gpt-4o-mini} in suite {@code support} gives {@code
   * support.support_reply_3_on_openai_gpt-4o-mini}), so reporters group cases by suite, then
   * variant.
   */
  static String classname(String suite, String variant) {
    String pkg =
        suite == null ? "" : suite.replaceAll("[^A-Za-z0-9_-]+", ".").replaceAll("^\\.+|\\.+$", "");
    String cls = variant.replaceAll("[^A-Za-z0-9_-]+", "_").replaceAll("^_+|_+$", "");
    cls = cls.isEmpty() ? "variant" : cls;
    return pkg.isEmpty() ? cls : pkg + "." + cls;
  }

  private static String verdict(RunReport report) {
    if (report.gate().pass()) {
      return "passed";
    }
    return report.gate().infrastructure() ? "failed (infrastructure)" : "failed";
  }

  private static VariantSummary summary(RunReport report, String variant) {
    return report.variants().stream()
        .filter(v -> v.variant().equals(variant))
        .findFirst()
        .orElse(null);
  }

  /** JUnit's schema wants a local date-time without zone; it is UTC. */
  private static String timestamp(RunReport report) {
    return TIMESTAMP.format(report.startedAt());
  }

  private static long latency(CaseResult r) {
    return Math.max(0, r.output().latencyMillis());
  }

  private static String attr(String name, String value) {
    return " " + name + "=\"" + Escape.xmlAttribute(value) + "\"";
  }

  /** A {@code <testsuite>}'s counts; a baseline's failures and errors count as skipped. */
  private static final class Totals {
    final boolean baseline;
    long tests;
    long failures;
    long errors;
    long skipped;
    long millis;

    Totals(boolean baseline) {
      this.baseline = baseline;
    }

    void count(CaseResult r) {
      tests++;
      millis += latency(r);
      Cases.Status status = Cases.status(r);
      if (baseline && status != Cases.Status.PASS) {
        skipped++;
      } else if (status == Cases.Status.FAIL) {
        failures++;
      } else if (status == Cases.Status.ERROR) {
        errors++;
      }
    }

    void add(Totals t) {
      tests += t.tests;
      failures += t.failures;
      errors += t.errors;
      skipped += t.skipped;
      millis += t.millis;
    }

    String attributes() {
      return attr("tests", Long.toString(tests))
          + attr("failures", Long.toString(failures))
          + attr("errors", Long.toString(errors))
          + attr("skipped", Long.toString(skipped))
          + attr("time", Format.seconds(millis));
    }
  }
}
