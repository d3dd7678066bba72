package dev.promptops.server.console;

import dev.promptops.core.ErrorKind;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.audit.AuditEntry;
import dev.promptops.core.audit.AuditQuery;
import dev.promptops.core.audit.AuditVerification;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.registry.Project;
import dev.promptops.server.api.Services;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The audit page: the log, filtered by project, actor, action, target and dates, a window of {@link
 * #PAGE} entries at a time (newest first within it), and for server administrators the result of
 * verifying the chain and its signed checkpoints.
 */
public record AuditPage(
    Filters filters,
    List<String> projects,
    boolean serverAdmin,
    List<AuditEntry> entries,
    long after,
    Long earlier,
    Long later,
    AuditVerification verification) {

  static final int PAGE = 100;

  /** The filters as typed, empty strings for none. */
  public record Filters(
      String project, String actor, String action, String target, String from, String to) {}

  static AuditPage of(Services services, Principal who, Filters f, Long after, boolean verify) {
    List<String> readable = services.projects().list(who).stream().map(Project::name).toList();
    boolean admin = who.isServerAdmin();
    String project = f.project().isEmpty() ? null : f.project();
    if (project == null && !admin) {
      if (readable.isEmpty()) {
        return new AuditPage(f, readable, false, List.of(), 0, null, null, null);
      }
      project = readable.getFirst();
      f = new Filters(project, f.actor(), f.action(), f.target(), f.from(), f.to());
    }
    if (project != null) {
      who.require(project, Permission.READ);
    }
    Instant from = day(f.from(), "from", false);
    Instant to = day(f.to(), "to", true);
    long head = services.store().read(tx -> tx.audit().last()).map(AuditEntry::seq).orElse(0L);
    long start = after != null ? Math.max(0, after) : Math.max(0, head - PAGE);
    var query =
        new AuditQuery(
            project, blank(f.actor()), blank(f.action()), blank(f.target()), from, to, start, PAGE);
    List<AuditEntry> entries = services.store().read(tx -> tx.audit().query(query));
    Long later = entries.size() == PAGE ? entries.getLast().seq() : null;
    Long earlier = start > 0 ? Math.max(0, start - PAGE) : null;
    AuditVerification verification = null;
    if (verify) {
      who.requireServerAdmin();
      verification =
          services.audit().verify(services.store(), List.of(services.checkpoints().publicKey()));
    }
    return new AuditPage(
        f, readable, admin, entries.reversed(), start, earlier, later, verification);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** A day as typed (2026-12-03), at its start, or at the start of the next for {@code to}. */
  private static Instant day(String text, String field, boolean end) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      LocalDate d = LocalDate.parse(text.strip());
      return (end ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new PromptOpsException(
          ErrorKind.INVALID,
          "invalid_date",
          "'" + field + "' is not a date: '" + text + "'",
          "Write it as 2026-12-03");
    }
  }
}
