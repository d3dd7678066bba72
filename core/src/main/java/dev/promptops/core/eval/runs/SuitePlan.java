package dev.promptops.core.eval.runs;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.eval.PromptSource;
import dev.promptops.core.eval.Suite;
import dev.promptops.core.eval.TestCase;
import dev.promptops.core.eval.assertions.Assertions;
import dev.promptops.core.eval.suite.LoadedSuite;
import dev.promptops.core.eval.suite.SuiteFile;
import dev.promptops.core.registry.Ref;
import java.util.Iterator;
import java.util.List;

/** A request read into what runs: the suite (repeat applied) and the prompts to evaluate. */
record SuitePlan(Suite suite, List<PromptSource> prompts, List<String> warnings) {

  static SuitePlan of(EvalRequest request) {
    LoadedSuite loaded = SuiteFile.fromJson(request.name(), request.suite());
    Suite s = loaded.suite();
    if (request.repeat() != null) {
      if (request.repeat() < 1 || request.repeat() > 1000) {
        throw new InvalidInputException(
            "invalid_eval_request",
            "repeat must be between 1 and 1000: " + request.repeat(),
            "e.g. 3");
      }
      s =
          new Suite(
              s.name(),
              s.description(),
              s.file(),
              s.prompts(),
              s.providers(),
              s.cases(),
              request.repeat(),
              s.gate(),
              s.graders(),
              s.maxConcurrency(),
              s.digest());
    }
    List<PromptSource> prompts =
        request.prompts().isEmpty()
            ? s.prompts()
            : request.prompts().stream()
                .<PromptSource>map(p -> new PromptSource.Registered(Ref.parse(p)))
                .toList();
    return new SuitePlan(s, prompts, loaded.warnings());
  }

  /** Checks every case's assertions (cases are inline, so this reads them once more). */
  void checkCases() {
    Iterator<TestCase> it = suite.cases().open();
    while (it.hasNext()) {
      it.next().assertions().forEach(Assertions::check);
    }
  }
}
