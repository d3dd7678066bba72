package dev.promptops.cli;

import dev.promptops.client.AuditFilter;
import dev.promptops.client.AuditPage;
import dev.promptops.client.PromptOpsClient;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.audit.AuditEntry;
import dev.promptops.core.json.Json;
import dev.promptops.core.wire.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "log",
    mixinStandardHelpOptions = true,
    description = "List audit entries, oldest first: the project's, or with --all the server's.")
final class AuditLogCommand implements Callable<Integer> {
  /** The most entries the server returns per request. */
  static final int PAGE = 1000;

  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;

  @Mixin private AuditFilterOptions filters;

  @Option(names = "--limit", paramLabel = "N", description = "at most N entries (default 100)")
  private int limit = 100;

  AuditLogCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (limit < 1) {
      throw new InvalidInputException(
          "invalid_limit", "--limit must be at least 1: " + limit, "e.g. --limit 500");
    }
    AuditFilter filter = filters.filter(project);
    String name = filters.project(project);
    try (var client = connection.client()) {
      AuditPage result = read(client, name, filter);
      print(result);
    }
    return ExitCodes.OK;
  }

  /** Up to {@code limit} entries, following the server's pages. */
  private AuditPage read(PromptOpsClient client, String name, AuditFilter filter) {
    var entries = new ArrayList<AuditEntry>();
    Long next = null;
    do {
      var page = filter.withAfter(next).withLimit(Math.min(PAGE, limit - entries.size()));
      AuditPage got = name == null ? client.serverAudit(page) : client.audit(name, page);
      entries.addAll(got.entries());
      next = got.next();
    } while (next != null && entries.size() < limit);
    return new AuditPage(entries, next);
  }

  private void print(AuditPage result) {
    if (connection.json()) {
      var root = Json.object();
      root.set("entries", Wire.array(result.entries(), Wire::audit));
      if (result.next() == null) {
        root.putNull("next");
      } else {
        root.put("next", result.next());
      }
      ctx.json(root);
      return;
    }
    if (result.entries().isEmpty()) {
      ctx.println("no audit entries match");
      return;
    }
    table(result.entries()).print(ctx.out());
    if (result.next() != null) {
      ctx.println("(more entries follow #" + result.next() + "; raise --limit to see them)");
    }
  }

  static Table table(List<AuditEntry> entries) {
    var t = new Table("SEQ", "AT", "ACTOR", "ACTION", "PROJECT", "TARGET", "DETAILS");
    for (AuditEntry e : entries) {
      t.row(
          "#" + e.seq(),
          Text.time(e.at()),
          e.actor(),
          e.action(),
          Text.orDash(e.project()),
          Text.orDash(e.target()),
          Text.compact(e.details()));
    }
    return t;
  }
}
