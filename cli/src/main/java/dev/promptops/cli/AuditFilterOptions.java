package dev.promptops.cli;

import dev.promptops.client.AuditFilter;
import java.time.Instant;
import picocli.CommandLine.Option;

/** The filters of {@code audit log} and {@code audit export}, and which log they read. */
final class AuditFilterOptions {
  @Option(names = "--prompt", paramLabel = "NAME", description = "entries about this prompt")
  private String prompt;

  @Option(names = "--actor", paramLabel = "KEY", description = "entries by this key name")
  private String actor;

  @Option(names = "--action", paramLabel = "ACTION", description = "e.g. deployment.deploy")
  private String action;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description = "2026-11-25T10:00:00Z, 2026-11-25 or 7d")
  private String since;

  @Option(names = "--until", paramLabel = "TIME", description = "entries before this time")
  private String until;

  @Option(
      names = "--all",
      description = "the server-wide log (server admins); --project filters it")
  private boolean all;

  /** The project whose log to read, or null for the server-wide log. */
  String project(ProjectOptions project) {
    return all ? null : project.name();
  }

  /** True when no filter narrows the server-wide log: it is the whole chain. */
  boolean wholeChain(ProjectOptions project) {
    return all
        && project.explicit().isEmpty()
        && prompt == null
        && actor == null
        && action == null
        && since == null
        && until == null;
  }

  AuditFilter filter(ProjectOptions project) {
    Instant now = Instant.now();
    return new AuditFilter(
        all ? project.explicit().orElse(null) : null,
        actor,
        action,
        prompt,
        since == null ? null : TimeArgument.parse("--since", since, now),
        until == null ? null : TimeArgument.parse("--until", until, now),
        null,
        null);
  }
}
