package dev.promptops.core.store;

import dev.promptops.core.registry.PromptVersion;
import java.util.List;
import java.util.Optional;

/** Prompt versions. Versions are immutable: there is no update and no delete. */
public interface VersionRepository {
  Optional<PromptVersion> find(String project, String prompt, int version);

  Optional<PromptVersion> findByDigest(String project, String prompt, String digest);

  /** The highest version number of a prompt, or empty if the prompt has no version. */
  Optional<Integer> latest(String project, String prompt);

  /** All versions of a prompt, oldest first. */
  List<PromptVersion> list(String project, String prompt);

  /** The newest version of every prompt of a project, by name. */
  List<PromptVersion> latestOfEach(String project);

  /** Inserts a version (and its component pins); the caller has checked the number is next. */
  void insert(PromptVersion version);

  /**
   * Every version of every prompt of the project that pins the component, by prompt and version.
   */
  List<PromptVersion> pinning(String project, String component);
}
