package dev.promptops.cli;

import dev.promptops.core.ErrorKind;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.eval.PromptSource;
import dev.promptops.core.eval.ProviderSpec;
import dev.promptops.core.eval.Suite;
import dev.promptops.core.eval.Variant;
import dev.promptops.core.eval.engine.PreparedVariant;
import dev.promptops.core.eval.engine.PromptCaseRunner;
import dev.promptops.core.eval.engine.ResponseCache;
import dev.promptops.core.execution.ModelCalls;
import dev.promptops.core.registry.Ref;
import dev.promptops.core.registry.Selector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The variants of a local run: each prompt of the suite on each of its providers (or on its own
 * model), and with {@code --baseline ENV} the version of the same prompt deployed in ENV, on the
 * same provider, as each candidate's baseline.
 */
final class LocalVariants {
  private final LocalPrompts prompts;
  private final String project;
  private final ModelCalls models;
  private final ResponseCache cache;
  private final Consumer<String> warn;

  LocalVariants(
      LocalPrompts prompts,
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
  List<PreparedVariant> prepare(Suite suite, List<PromptSource> sources, String baseline) {
    var out = new ArrayList<PreparedVariant>();
    var ids = new HashSet<String>();
    List<ProviderSpec> providers =
        suite.providers().isEmpty() ? java.util.Collections.singletonList(null) : suite.providers();
    for (PromptSource source : sources) {
      LocalPrompts.Loaded prompt = prompts.load(source);
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
      LocalPrompts.Loaded prompt,
      ProviderSpec provider,
      String env,
      Set<String> ids) {
    var source = new PromptSource.Registered(new Ref(prompt.name(), new Selector.Env(env)));
    LocalPrompts.Loaded deployed;
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
      LocalPrompts.Loaded prompt,
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
