package dev.promptops.core.eval;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An evaluation suite, read from {@code evals/*.yaml} or a promptfoo config: which prompts, on
 * which models, against which cases, repeated how often, gated how.
 *
 * @param name how reports name it (the file name without extension, or the config's description)
 * @param file the file it was read from; null when built in code or received by the server
 * @param providers the models to run every prompt on (the matrix prompts × providers); empty: each
 *     prompt on its own model
 * @param repeat how many times each case runs on each variant (at least 1)
 * @param maxConcurrency the suite's own concurrency, or null for the runner's default
 * @param digest {@code sha256:…} over the suite's canonical content, case files included, so a run
 *     records exactly which suite it ran
 */
public record Suite(
    String name,
    String description,
    Path file,
    List<PromptSource> prompts,
    List<ProviderSpec> providers,
    CaseSource cases,
    int repeat,
    Gate gate,
    GraderSpec graders,
    Integer maxConcurrency,
    String digest) {

  public Suite {
    Objects.requireNonNull(name, "name");
    prompts = List.copyOf(prompts);
    providers = List.copyOf(providers);
    Objects.requireNonNull(cases, "cases");
    if (repeat < 1) {
      throw new IllegalArgumentException("repeat must be at least 1: " + repeat);
    }
    gate = gate == null ? Gate.DEFAULT : gate;
    graders = graders == null ? GraderSpec.NONE : graders;
    Objects.requireNonNull(digest, "digest");
  }
}
