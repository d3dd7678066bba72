package dev.promptops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.PromptOpsException;
import dev.promptops.core.audit.AuditEntry;
import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.audit.AuditQuery;
import dev.promptops.core.auth.ApiKeys;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.auth.Role;
import dev.promptops.core.registry.DeployOutcome;
import dev.promptops.core.registry.Deployments;
import dev.promptops.core.registry.Projects;
import dev.promptops.core.registry.PromptVersions;
import dev.promptops.core.registry.PushItem;
import dev.promptops.core.registry.TargetKind;
import dev.promptops.core.store.Tx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of every contract suite: a fresh database per test, the core use cases wired on it, and
 * helpers to look at the rows directly. Each suite runs once on SQLite ({@code Sqlite*Test}) and
 * once on PostgreSQL ({@code Postgres*IT}).
 */
abstract class StoreContract {
  static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  static final Principal ADMIN = new Principal("k_admin", "admin", Map.of("*", Role.ADMIN));
  static final Principal CI = new Principal("k_ci", "ci-bot", Map.of("shop", Role.EDITOR));
  static final Principal DEPLOYER =
      new Principal("k_deploy", "deployer", Map.of("shop", Role.DEPLOYER));

  /** Every table of data (not {@code registry_generation}: one counter row from the start). */
  static final List<String> TABLES =
      List.of(
          "projects",
          "environments",
          "prompts",
          "prompt_versions",
          "version_components",
          "pins",
          "deployments",
          "audit_log",
          "audit_checkpoints",
          "api_keys",
          "api_key_roles",
          "providers",
          "eval_runs",
          "eval_results",
          "eval_run_variants",
          "policies",
          "change_requests",
          "change_reviews",
          "suites",
          "webhook_subscriptions",
          "webhook_deliveries",
          "drift_instances",
          "drift_served",
          "drift_incidents",
          "deployment_confirmations",
          "drift_schedules",
          "jobs",
          "console_sessions");

  @TempDir Path tmp;

  TestDatabases.Database database;
  JdbcStore store;
  Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
  AuditLog audit = new AuditLog();

  /** A fresh database; {@code tmp} is a new temporary directory of the test. */
  abstract TestDatabases.Database newDatabase(Path tmp);

  @BeforeEach
  void openStore() {
    database = newDatabase(tmp);
    store = database.open();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  Projects projects() {
    return new Projects(store, audit, clock);
  }

  PromptVersions versions() {
    return new PromptVersions(store, audit, clock);
  }

  Deployments deployments() {
    return new Deployments(store, audit, clock);
  }

  ApiKeys keys() {
    return new ApiKeys(store, audit, clock);
  }

  /** Creates project {@code shop} with dev → staging → production. */
  void createShop() {
    projects().create(ADMIN, "shop", "the shop", List.of("dev", "staging", "production"));
  }

  /** Pushes {@code versions} different contents of one prompt, creating v1 … vN. */
  void pushVersions(String prompt, int versions) {
    for (int i = 1; i <= versions; i++) {
      versions().push(ADMIN, "shop", List.of(item(prompt, i)), "v" + i);
    }
  }

  /**
   * Deploys as the admin; {@code canary} and {@code exp-*} are labels, other targets environments.
   */
  DeployOutcome deploy(String prompt, String target, int version, Integer expected) {
    return deployments()
        .deploy(ADMIN, "shop", prompt, kindOf(target), target, version, expected, "because");
  }

  static TargetKind kindOf(String target) {
    return target.equals("canary") || target.startsWith("exp-")
        ? TargetKind.LABEL
        : TargetKind.ENVIRONMENT;
  }

  static PushItem item(String prompt, int n) {
    return new PushItem(prompt, source(n));
  }

  static String source(int n) {
    return "---\nmodel: openai/gpt-4o-mini\nconfig:\n  temperature: 0.70\n---\nHello {{name}} #"
        + n
        + "\n";
  }

  /** The number of rows of every table, to show that a refused request changed nothing. */
  Map<String, Long> rowCounts() {
    return store
        .jdbi()
        .withHandle(
            h -> {
              var counts = new LinkedHashMap<String, Long>();
              for (String table : TABLES) {
                counts.put(
                    table, h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
              }
              return counts;
            });
  }

  /** Runs SQL directly, as someone with access to the database (and no regard for the rules). */
  int sql(String statement, Object... args) {
    return store.jdbi().withHandle(h -> h.execute(statement, args));
  }

  /**
   * Drops the triggers that keep the ledger, the audit log and its checkpoints append-only, as an
   * attacker would.
   */
  void dropAppendOnlyTriggers() {
    for (String table : List.of("deployments", "audit_log", "audit_checkpoints")) {
      for (String op : List.of("update", "delete")) {
        String trigger = table + "_no_" + op;
        sql(
            switch (store.dialect()) {
              case SQLITE -> "DROP TRIGGER " + trigger;
              case POSTGRESQL -> "DROP TRIGGER " + trigger + " ON " + table;
            });
      }
    }
  }

  /**
   * Asserts that {@code call} throws {@code type} with {@code code} and leaves every table as is.
   */
  void refusedWithoutChange(
      ThrowingCallable call, Class<? extends PromptOpsException> type, String code) {
    var before = rowCounts();
    var headBefore = store.read((Tx tx) -> tx.audit().last());

    assertThatThrownBy(call)
        .isInstanceOf(type)
        .satisfies(e -> assertThat(((PromptOpsException) e).code()).isEqualTo(code));

    assertThat(rowCounts()).isEqualTo(before);
    assertThat(store.read((Tx tx) -> tx.audit().last())).isEqualTo(headBefore);
  }

  List<String> actions() {
    return store.read((Tx tx) -> tx.audit().query(AuditQuery.all(1000))).stream()
        .map(AuditEntry::action)
        .toList();
  }
}
