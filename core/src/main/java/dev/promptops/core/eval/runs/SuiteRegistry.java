package dev.promptops.core.eval.runs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.NotFoundException;
import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.eval.suite.SuiteFile;
import dev.promptops.core.json.Json;
import dev.promptops.core.registry.Lookups;
import dev.promptops.core.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Eval suites registered with the server by name ({@code promptops sync} uploads {@code
 * evals/*.yaml}), checked as submitted suites are: self-contained, every assertion valid. Each
 * change is audited ({@code suite.update}) with the suite's digest; the same suite again changes
 * nothing.
 */
public final class SuiteRegistry {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

  private final Store store;
  private final AuditLog audit;
  private final Clock clock;

  public SuiteRegistry(Store store, AuditLog audit, Clock clock) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  /** What registering did. */
  public record Outcome(RegisteredSuite suite, boolean changed) {}

  /** Registers {@code suite} under {@code name}, replacing the one there; editors may. */
  public Outcome put(Principal who, String project, String name, ObjectNode suite) {
    who.require(project, Permission.EDIT);
    checkName(name);
    String digest = SuiteFile.fromJson(name, suite).suite().digest();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return store.write(
        tx -> {
          Lookups.project(tx, project);
          var before = tx.suites().find(project, name);
          if (before.isPresent() && before.get().digest().equals(digest)) {
            return new Outcome(before.get(), false);
          }
          var stored =
              new RegisteredSuite(project, name, suite.deepCopy(), digest, now, who.name());
          tx.suites().put(stored);
          ObjectNode details = Json.object();
          details.put("suite", name);
          details.put("digest", digest);
          details.put("previousDigest", before.map(RegisteredSuite::digest).orElse(null));
          audit.append(tx, now, who.name(), "suite.update", project, null, details);
          return new Outcome(stored, true);
        });
  }

  public RegisteredSuite get(Principal who, String project, String name) {
    who.require(project, Permission.READ);
    return store.read(
        tx -> {
          Lookups.project(tx, project);
          return tx.suites()
              .find(project, name)
              .orElseThrow(
                  () ->
                      new NotFoundException(
                          "suite_not_found",
                          "project '" + project + "' has no registered suite '" + name + "'",
                          "register evals/" + name + ".yaml with promptops sync"));
        });
  }

  public List<RegisteredSuite> list(Principal who, String project) {
    who.require(project, Permission.READ);
    return store.read(
        tx -> {
          Lookups.project(tx, project);
          return tx.suites().list(project);
        });
  }

  static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidInputException(
          "invalid_suite_name",
          "not a suite name: '" + name + "'",
          "name suites as their files without .yaml: lower-case letters, digits, . _ -");
    }
  }
}
