package dev.promptops.core.eval.engine;

import dev.promptops.core.ErrorKind;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.eval.PromptSource;
import dev.promptops.core.eval.ProviderSpec;
import dev.promptops.core.eval.Suite;
import dev.promptops.core.eval.Variant;
import dev.promptops.core.execution.ModelCalls;
import dev.promptops.core.registry.Ref;
import dev.promptops.core.registry.Selector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The variants of a run: each prompt on each of the suite's providers (or on its own model), and
 * with a baseline environment the version of the same prompt deployed there, on the same provider,
 * as each candidate's baseline. Variant ids are unique within the run.
 */
public final class Variants {
  private final PromptLoader prompts;
  private final String project;
  private final ModelCalls models;
  private final ResponseCache cache;
  private final Consumer<String> warn;

  /**
   * @param project whose providers (and limits) the cases run on
   * @param warn told about what the run goes on without (a prompt with no baseline)
   */
  public Variants(
      PromptLoader prompts,
      String project,
      ModelCalls models,
      ResponseCache cache,
      Consumer<String> warn) {
    this.prompts = prompts;
    this.project = project;
    this.models = models;
    this.cache = cache;
    this.warn = warn;
  }

  /**
   * @param baseline the environment whose deployed versions are the baselines, or null
   */
  public List<PreparedVariant> prepare(Suite suite, List<PromptSource> sources, String baseline) {
    var out = new ArrayList<PreparedVariant>();
    var ids = new HashSet<String>();
    List<ProviderSpec> providers =
        suite.providers().isEmpty() ? java.util.Collections.singletonList(null) : suite.providers();
    for (PromptSource source : sources) {
      PromptLoader.Loaded prompt = prompts.load(source);
      for (ProviderSpec provider : providers) {
        PreparedVariant candidate = variant(prompt, source, provider, false, null, ids);
        out.add(candidate);
        if (baseline != null) {
          baselineOf(candidate, prompt, provider, baseline, ids).ifPresent(out::add);
        }
      }
    }
    return out;
  }

  private java.util.Optional<PreparedVariant> baselineOf(
      PreparedVariant candidate,
      PromptLoader.Loaded prompt,
      ProviderSpec provider,
      String env,
      Set<String> ids) {
    var source = new PromptSource.Registered(new Ref(prompt.name(), new Selector.Env(env)));
    PromptLoader.Loaded deployed;
    try {
      deployed = prompts.load(source);
    } catch (PromptOpsException e) {
      if (e.kind() != ErrorKind.NOT_FOUND) {
        throw e;
      }
      warn.accept(
          "no baseline for " + candidate.id() + ": " + e.getMessage() + " (compared with nothing)");
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(variant(deployed, source, provider, true, candidate.id(), ids));
  }

  private PreparedVariant variant(
      PromptLoader.Loaded prompt,
      PromptSource source,
      ProviderSpec provider,
      boolean baseline,
      String baselineFor,
      Set<String> ids) {
    var runner =
        new PromptCaseRunner(project, prompt.compiled(), prompt.label(), provider, models, cache);
    String model = provider != null ? provider.label() : runner.candidates().getFirst().toString();
    String label =
        baseline && prompt.version() != null
            ? prompt.label() + " (v" + prompt.version() + ")"
            : prompt.label();
    String id = unique(label + " on " + model, ids);
    return new PreparedVariant(
        new Variant(id, source, provider, baseline),
        runner,
        prompt.name(),
        prompt.version(),
        prompt.digest(),
        provider != null ? provider.model().toString() : model,
        baselineFor);
  }

  private static String unique(String id, Set<String> ids) {
    String candidate = id;
    for (int i = 2; !ids.add(candidate); i++) {
      candidate = id + " #" + i;
    }
    return candidate;
  }
}
