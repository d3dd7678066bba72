package dev.promptops.server.console;

import dev.promptops.core.auth.Principal;
import dev.promptops.core.eval.CaseResult;
import dev.promptops.core.eval.EvalRun;
import dev.promptops.core.eval.VariantSummary;
import dev.promptops.core.json.Json;
import dev.promptops.core.registry.Project;
import dev.promptops.core.store.EvalRepository;
import dev.promptops.server.api.Services;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The evaluation pages: the runs with their gate, a chart of pass rate and mean score across the
 * versions of each prompt, and one run's variants, cases (failing only, searched) and matrix.
 */
public final class EvalPages {
  private EvalPages() {}

  static final int RUNS = 50;
  static final int CASES = 200;

  /**
   * The list: recent runs of every project the key reads, the trend per prompt, and the registered
   * suites this key may run on the server.
   */
  public record ListPage(List<EvalRun> runs, List<Trend> trends, List<Suite> suites) {}

  /** A registered suite of a project. */
  public record Suite(String project, String name) {}

  /**
   * One prompt's results across its versions: per version, the newest finished run's pass rate
   * (percent) and mean score, from the variants that ran it; {@code chart} is the same as JSON for
   * the chart.
   */
  public record Trend(String project, String prompt, List<Point> points, String chart) {}

  public record Point(int version, double passRate, double meanScore, String run) {}

  /** A run: its record, its cases as asked, and the matrix of cases by variant. */
  public record RunPage(
      EvalRun run, List<CaseResult> cases, boolean failingOnly, String search, Matrix matrix) {}

  /** Cases by variant: the variants in order, and per case key its name and a cell per variant. */
  public record Matrix(List<String> variants, List<MatrixRow> rows) {}

  public record MatrixRow(String name, List<CaseResult> cells) {}

  static ListPage list(Services services, Principal who) {
    var runs = new ArrayList<EvalRun>();
    var trends = new ArrayList<Trend>();
    var suites = new ArrayList<Suite>();
    for (Project p : services.projects().list(who)) {
      if (who.can(p.name(), dev.promptops.core.auth.Permission.EVAL)) {
        for (var suite : services.suites().list(who, p.name())) {
          suites.add(new Suite(p.name(), suite.name()));
        }
      }
      List<EvalRun> mine =
          services
              .evals()
              .evaluations()
              .list(
                  who, p.name(), new EvalRepository.EvalQuery(null, null, null, null, null, RUNS));
      runs.addAll(mine);
      trends.addAll(trends(p.name(), mine));
    }
    runs.sort((a, b) -> b.createdAt().compareTo(a.createdAt()));
    return new ListPage(runs.stream().limit(RUNS).toList(), trends, suites);
  }

  /** Per prompt and version, the newest run's numbers (runs come newest first). */
  private static List<Trend> trends(String project, List<EvalRun> runs) {
    Map<String, TreeMap<Integer, Point>> byPrompt = new LinkedHashMap<>();
    for (EvalRun run : runs) {
      if (run.report() == null) {
        continue;
      }
      for (VariantSummary v : run.report().variants()) {
        if (v.version() == null || v.cases() == 0) {
          continue;
        }
        byPrompt
            .computeIfAbsent(v.prompt(), k -> new TreeMap<>())
            .putIfAbsent(
                v.version(),
                new Point(
                    v.version(),
                    Math.round(1000.0 * v.passed() / v.cases()) / 10.0,
                    Math.round(1000.0 * v.meanScore()) / 1000.0,
                    run.id()));
      }
    }
    var out = new ArrayList<Trend>();
    byPrompt.forEach(
        (prompt, points) -> {
          var chart = Json.object();
          var labels = chart.putArray("labels");
          var pass = chart.putArray("passRate");
          var score = chart.putArray("meanScore");
          for (Point pt : points.values()) {
            labels.add("v" + pt.version());
            pass.add(pt.passRate());
            score.add(pt.meanScore());
          }
          out.add(new Trend(project, prompt, List.copyOf(points.values()), chart.toString()));
        });
    return out;
  }

  /** Starts a registered suite on the server; the run. */
  static EvalRun start(Services services, Principal who, String project, String suite) {
    var registered = services.suites().get(who, project, suite);
    return services
        .evals()
        .evaluations()
        .submit(
            who,
            project,
            new dev.promptops.core.eval.runs.EvalRequest(
                registered.suite(), registered.name(), List.of(), null, null, null, false));
  }

  static RunPage run(
      Services services,
      Principal who,
      String project,
      String id,
      boolean failingOnly,
      String search) {
    EvalRun run = services.evals().evaluations().get(who, project, id);
    List<CaseResult> cases =
        services
            .evals()
            .evaluations()
            .results(who, project, id, 0, CASES, failingOnly, search)
            .stream()
            .map(EvalRepository.StoredResult::result)
            .toList();
    var variants = new ArrayList<String>();
    Map<String, MatrixRow> rows = new LinkedHashMap<>();
    for (CaseResult c : cases) {
      if (!variants.contains(c.variant())) {
        variants.add(c.variant());
      }
    }
    for (CaseResult c : cases) {
      MatrixRow row =
          rows.computeIfAbsent(
              c.key(),
              k ->
                  new MatrixRow(
                      c.name(),
                      new ArrayList<>(java.util.Collections.nCopies(variants.size(), null))));
      row.cells().set(variants.indexOf(c.variant()), c);
    }
    return new RunPage(
        run,
        cases,
        failingOnly,
        search == null ? "" : search,
        new Matrix(variants, List.copyOf(rows.values())));
  }
}
