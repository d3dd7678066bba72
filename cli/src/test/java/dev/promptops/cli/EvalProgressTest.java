package dev.promptops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.eval.CaseResult;
import dev.promptops.core.eval.Output;
import dev.promptops.core.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EvalProgressTest {
  final AtomicLong nanos = new AtomicLong();
  final StringWriter out = new StringWriter();

  static CaseResult result(int i, boolean pass, String error) {
    Output o = error == null ? Output.text("x") : Output.failed(error, 1);
    return new CaseResult("v", i, 0, null, Json.object(), o, List.of(), pass, pass ? 1 : 0);
  }

  @Test
  void plainLinesComeEveryTenthAndAtTheEndWithRateEtaPassRateAndErrors() {
    var p = new EvalProgress(new PrintWriter(out), false, nanos::get);
    p.start(20, 0);
    for (int i = 0; i < 20; i++) {
      nanos.addAndGet(100_000_000L);
      p.result(result(i, i % 4 != 0, i == 5 ? "down" : null));
    }
    p.finish();

    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(10);
    assertThat(lines.getFirst())
        .isEqualTo("eval: 2/20 10% · 10.0/s · ETA 1s · pass 50.0% · 0 errors");
    assertThat(lines.getLast()).isEqualTo("eval: 20/20 100% · 10.0/s · pass 75.0% · 1 error");
  }

  @Test
  void onATerminalOneBarIsRedrawnInPlace() {
    var p = new EvalProgress(new PrintWriter(out), true, nanos::get);
    p.start(4, 2);
    nanos.addAndGet(1_000_000_000L);
    p.result(result(2, true, null));
    p.finish();

    assertThat(out.toString())
        .startsWith("resuming: 2 case run(s) already done\n\r[")
        .contains("3/4 75% · 1.0/s · ETA 1s · pass 100.0% · 0 errors")
        .contains("\u001b[K")
        .endsWith("\n");
  }

  @Test
  void durationsReadLikeClocks() {
    assertThat(EvalProgress.duration(42)).isEqualTo("42s");
    assertThat(EvalProgress.duration(125)).isEqualTo("2m05s");
    assertThat(EvalProgress.duration(7380)).isEqualTo("2h03m");
  }
}
