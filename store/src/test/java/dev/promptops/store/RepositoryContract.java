package dev.promptops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.ErrorKind;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.audit.AuditEntry;
import dev.promptops.core.audit.AuditQuery;
import dev.promptops.core.auth.ApiKeyRecord;
import dev.promptops.core.auth.Role;
import dev.promptops.core.json.Json;
import dev.promptops.core.prompt.ComponentPin;
import dev.promptops.core.prompt.PromptFile;
import dev.promptops.core.registry.Deployment;
import dev.promptops.core.registry.DeploymentKind;
import dev.promptops.core.registry.Pin;
import dev.promptops.core.registry.Project;
import dev.promptops.core.registry.PromptVersion;
import dev.promptops.core.registry.TargetKind;
import dev.promptops.core.store.Tx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The repositories against a real database: round trips, order, filters, compare-and-set. */
abstract class RepositoryContract extends StoreContract {

  @Test
  void projectsRoundTripWithTheirEnvironmentChainsInOrder() {
    var shop = new Project("shop", "the shop", List.of("dev", "qa", "production"), T0, "admin");
    var other = new Project("alpha_b", null, List.of("live"), T0.plusMillis(1), "root");
    var third = new Project("alpha-c", "", List.of("b", "a"), T0.plusMillis(2), "root");
    store.write(
        tx -> {
          tx.projects().insert(shop);
          tx.projects().insert(other);
          tx.projects().insert(third);
          return null;
        });

    assertThat(store.read((Tx tx) -> tx.projects().find("shop"))).contains(shop);
    assertThat(store.read((Tx tx) -> tx.projects().find("nope"))).isEmpty();
    // Sorted by name as Java compares strings ('-' before '_'), whatever the database collation.
    assertThat(store.read((Tx tx) -> tx.projects().list())).containsExactly(third, other, shop);
  }

  @Test
  void setEnvironmentsReplacesTheChain() {
    store.write(
        tx -> {
          tx.projects().insert(new Project("shop", "", List.of("dev", "production"), T0, "a"));
          tx.projects().setEnvironments("shop", List.of("production", "staging", "dev"));
          return null;
        });

    assertThat(store.read((Tx tx) -> tx.projects().find("shop")).orElseThrow().environments())
        .containsExactly("production", "staging", "dev");
  }

  @Test
  void versionsRoundTripWithFrontMatterComponentsAndMillisecondTimes() {
    insertProject("shop");
    var file = PromptFile.parse(source(1), "greet");
    var pins =
        List.of(
            new ComponentPin("_tone", 3, "sha256:aa"), new ComponentPin("b/_x", 1, "sha256:bb"));
    var v1 = version("greet", 1, "sha256:01", file.frontMatter(), pins, T0.plusNanos(1_234_567));
    var v2 = version("greet", 2, "sha256:02", Json.object(), List.of(), T0.plusSeconds(1));
    store.write(
        tx -> {
          for (int i = 1; i <= 3; i++) {
            tx.versions().insert(version("_tone", i, "sha256:t" + i, Json.object(), List.of(), T0));
          }
          tx.versions().insert(version("b/_x", 1, "sha256:bb", Json.object(), List.of(), T0));
          tx.versions().insert(v1);
          tx.versions().insert(v2);
          return null;
        });

    var found = store.read((Tx tx) -> tx.versions().find("shop", "greet", 1)).orElseThrow();
    assertThat(found.createdAt()).isEqualTo(T0.plusMillis(1));
    assertThat(found)
        .isEqualTo(version("greet", 1, "sha256:01", file.frontMatter(), pins, T0.plusMillis(1)));
    assertThat(store.read((Tx tx) -> tx.versions().find("shop", "greet", 3))).isEmpty();
    assertThat(store.read((Tx tx) -> tx.versions().findByDigest("shop", "greet", "sha256:02")))
        .contains(v2);
    assertThat(store.read((Tx tx) -> tx.versions().findByDigest("shop", "other", "sha256:02")))
        .isEmpty();
    assertThat(store.read((Tx tx) -> tx.versions().latest("shop", "greet"))).contains(2);
    assertThat(store.read((Tx tx) -> tx.versions().latest("shop", "nope"))).isEmpty();
    assertThat(store.read((Tx tx) -> tx.versions().list("shop", "greet")))
        .extracting(PromptVersion::version)
        .containsExactly(1, 2);
    assertThat(rowCounts()).containsEntry("prompts", 3L);
    assertThat(store.read((Tx tx) -> tx.versions().pinning("shop", "_tone")))
        .extracting(PromptVersion::ref)
        .containsExactly("greet@1");
    assertThat(store.read((Tx tx) -> tx.versions().pinning("shop", "greet"))).isEmpty();
  }

  @Test
  void aPinToAComponentVersionThatDoesNotExistIsRefused() {
    insertProject("shop");
    var pins = List.of(new ComponentPin("_ghost", 1, "sha256:gg"));
    var v1 = version("greet", 1, "sha256:01", Json.object(), pins, T0);
    assertThatThrownBy(
            () ->
                store.write(
                    tx -> {
                      tx.versions().insert(v1);
                      return null;
                    }))
        .isInstanceOf(StoreException.class);
    assertThat(store.read((Tx tx) -> tx.versions().latest("shop", "greet"))).isEmpty();
  }

  @Test
  void latestOfEachListsTheNewestVersionOfEveryPromptByName() {
    insertProject("shop");
    insertProject("other");
    store.write(
        tx -> {
          tx.versions().insert(version("b_reply", 1, "sha256:b1", Json.object(), List.of(), T0));
          tx.versions().insert(version("a-greet", 1, "sha256:a1", Json.object(), List.of(), T0));
          tx.versions().insert(version("a-greet", 2, "sha256:a2", Json.object(), List.of(), T0));
          tx.versions().insert(version("a/x", 1, "sha256:x1", Json.object(), List.of(), T0));
          tx.versions()
              .insert(
                  new PromptVersion(
                      "other", "zz", 1, "sha256:z", Json.object(), "", "", List.of(), "", T0, "a"));
          return null;
        });

    assertThat(store.read((Tx tx) -> tx.versions().latestOfEach("shop")))
        .extracting(PromptVersion::ref)
        .containsExactly("a-greet@2", "a/x@1", "b_reply@1");
  }

  @Test
  void compareAndSetInsertsMovesAndRefusesWhenThePinMoved() {
    insertProject("shop");
    insertVersions("greet", 3);
    Instant at = T0.plusSeconds(5);

    assertThat(cas("staging", null, 1, at)).isTrue();
    assertThat(cas("staging", null, 2, at)).as("a second insert loses the race").isFalse();
    assertThat(cas("staging", 2, 3, at)).as("expected 2, pinned 1").isFalse();
    assertThat(cas("staging", 1, 2, at.plusMillis(1))).isTrue();
    assertThat(cas("canary", null, 3, at)).isTrue();

    assertThat(store.read((Tx tx) -> tx.pins().find("shop", "greet", "staging")))
        .contains(new Pin("greet", "staging", TargetKind.ENVIRONMENT, 2, at.plusMillis(1)));
    assertThat(store.read((Tx tx) -> tx.pins().list("shop", "greet")))
        .extracting(Pin::target, Pin::kind, Pin::version)
        .containsExactly(
            tuple("canary", TargetKind.LABEL, 3), tuple("staging", TargetKind.ENVIRONMENT, 2));
    assertThat(store.read((Tx tx) -> tx.pins().countTarget("shop", "staging"))).isEqualTo(1);
    assertThat(store.read((Tx tx) -> tx.pins().countTarget("shop", "production"))).isZero();
  }

  @Test
  void compareAndSetOnAnEmptyTargetKeepsThePostgresTransactionUsable() {
    insertProject("shop");
    insertVersions("greet", 2);
    cas("staging", null, 1, T0);

    boolean won =
        store.write(
            tx -> {
              boolean result =
                  tx.pins()
                      .compareAndSet(
                          "shop", "greet", "staging", TargetKind.ENVIRONMENT, null, 2, T0);
              tx.pins().compareAndSet("shop", "greet", "dev", TargetKind.ENVIRONMENT, null, 2, T0);
              return result;
            });

    assertThat(won).isFalse();
    assertThat(store.read((Tx tx) -> tx.pins().find("shop", "greet", "dev"))).isPresent();
  }

  @Test
  void removeDeletesAPinOnlyIfItStillPointsToTheExpectedVersion() {
    insertProject("shop");
    insertVersions("greet", 2);
    cas("canary", null, 2, T0);

    assertThat(store.write((Tx tx) -> tx.pins().remove("shop", "greet", "canary", 1))).isFalse();
    assertThat(store.write((Tx tx) -> tx.pins().remove("shop", "greet", "canary", 2))).isTrue();
    assertThat(store.read((Tx tx) -> tx.pins().find("shop", "greet", "canary"))).isEmpty();
    assertThat(store.write((Tx tx) -> tx.pins().remove("shop", "greet", "canary", 2))).isFalse();
  }

  @Test
  void listProjectReturnsThePinsOfEveryPromptInOrder() {
    insertProject("shop");
    insertVersions("b", 1);
    insertVersions("a", 1);
    cas("b", "staging", null, 1);
    cas("a", "staging", null, 1);
    cas("a", "dev", null, 1);

    assertThat(store.read((Tx tx) -> tx.pins().listProject("shop")))
        .extracting(p -> p.prompt() + ":" + p.target())
        .containsExactly("a:dev", "a:staging", "b:staging");
  }

  @Test
  void theLedgerNumbersEntriesAndListsThemNewestFirst() {
    insertProject("shop");
    insertVersions("greet", 3);
    var first =
        store.write(
            tx -> tx.deployments().append(entry("staging", null, 1, DeploymentKind.DEPLOY)));
    var second =
        store.write(
            (Tx tx) -> tx.deployments().append(entry("staging", 1, 2, DeploymentKind.DEPLOY)));
    var third =
        store.write(
            (Tx tx) -> tx.deployments().append(entry("canary", 3, null, DeploymentKind.UNPIN)));

    assertThat(List.of(first.id(), second.id(), third.id())).containsExactly(1L, 2L, 3L);
    assertThat(third.toVersion()).isNull();
    assertThat(third.targetKind()).isEqualTo(TargetKind.LABEL);
    assertThat(store.read((Tx tx) -> tx.deployments().history("shop", "greet", null, 10)))
        .containsExactly(third, second, first);
    assertThat(store.read((Tx tx) -> tx.deployments().history("shop", "greet", "staging", 10)))
        .containsExactly(second, first);
    assertThat(store.read((Tx tx) -> tx.deployments().history("shop", "greet", "staging", 1)))
        .containsExactly(second);
    assertThat(store.read((Tx tx) -> tx.deployments().history("shop", "other", null, 10)))
        .isEmpty();
  }

  @Test
  void auditQueryAppliesEveryFilterInSequenceOrder() {
    appendAudit(T0, "alice", "project.create", "shop", null);
    appendAudit(T0.plusSeconds(1), "bob", "version.create", "shop", "greet");
    appendAudit(T0.plusSeconds(2), "alice", "deployment.deploy", "shop", "greet");
    appendAudit(T0.plusSeconds(3), "alice", "version.create", "shop", "reply");
    appendAudit(T0.plusSeconds(4), "system", "key.create", null, "ci");
    appendAudit(T0.plusSeconds(5), "bob", "version.create", "other", "greet");

    assertThat(seqs(AuditQuery.all(100))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(seqs(query("shop", null, null, null, null, null))).containsExactly(1L, 2L, 3L, 4L);
    assertThat(seqs(query(null, "alice", null, null, null, null))).containsExactly(1L, 3L, 4L);
    assertThat(seqs(query(null, null, "version.create", null, null, null)))
        .containsExactly(2L, 4L, 6L);
    assertThat(seqs(query(null, null, null, "greet", null, null))).containsExactly(2L, 3L, 6L);
    assertThat(seqs(query("shop", "bob", "version.create", "greet", null, null)))
        .containsExactly(2L);
    assertThat(seqs(query(null, null, null, null, T0.plusSeconds(1), T0.plusSeconds(3))))
        .as("from and to are inclusive")
        .containsExactly(2L, 3L, 4L);
    assertThat(seqs(query(null, null, null, null, T0.plusSeconds(1).plusNanos(1), null)))
        .as("a from between milliseconds starts at the next one")
        .containsExactly(3L, 4L, 5L, 6L);
    assertThat(seqs(query(null, null, null, null, null, T0.minusMillis(1)))).isEmpty();
    assertThat(seqs(AuditQuery.all(2).after(3))).containsExactly(4L, 5L);
    assertThat(seqs(query("shop", null, null, null, null, null).after(2))).containsExactly(3L, 4L);
  }

  @Test
  void auditEntriesRoundTripAndLastIsTheHead() {
    assertThat(store.read((Tx tx) -> tx.audit().last())).isEmpty();
    ObjectNode details = Json.object();
    details.put("version", 3).put("reason", "ünïcode \"quoted\"\n").putNull("from");
    details.putArray("list").add(1).add("two");
    var first = appendAudit(T0, "alice", "project.create", "shop", null);
    var second =
        store.write(
            (Tx tx) -> audit.append(tx, T0.plusMillis(7), "bob", "x.y", null, "t", details));

    assertThat(store.read((Tx tx) -> tx.audit().query(AuditQuery.all(10))))
        .containsExactly(first, second);
    assertThat(store.read((Tx tx) -> tx.audit().last())).contains(second);
    assertThat(second.prevHash()).isEqualTo(first.hash());
    assertThat(audit.verify(store).ok()).isTrue();
  }

  @Test
  void anAuditEntryFinerThanAMillisecondIsRefusedBecauseItsHashCouldNotVerify() {
    assertThatThrownBy(
            () ->
                store.write(
                    tx -> audit.append(tx, T0.plusNanos(1), "a", "x", null, null, Json.object())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finer than the millisecond");
    assertThat(rowCounts()).containsEntry("audit_log", 0L);
  }

  @Test
  void apiKeysRoundTripWithRolesAndRevocation() {
    insertProject("shop");
    var admin = key("k_1", "admin", "h1", Map.of("*", Role.ADMIN));
    var ci = key("k_2", "ci-bot", "h2", Map.of("shop", Role.EDITOR, "other", Role.VIEWER));
    var bare = key("k_3", "Bare.key@x", "h3", Map.of());
    store.write(
        tx -> {
          tx.keys().insert(ci);
          tx.keys().insert(admin);
          tx.keys().insert(bare);
          return null;
        });

    assertThat(store.read((Tx tx) -> tx.keys().find("k_2"))).contains(ci);
    assertThat(store.read((Tx tx) -> tx.keys().findByName("admin"))).contains(admin);
    assertThat(store.read((Tx tx) -> tx.keys().findBySecretHash("h2"))).contains(ci);
    assertThat(store.read((Tx tx) -> tx.keys().findBySecretHash("nope"))).isEmpty();
    assertThat(store.read((Tx tx) -> tx.keys().list()))
        .extracting(ApiKeyRecord::name)
        .containsExactly("Bare.key@x", "admin", "ci-bot");
    assertThat(store.read((Tx tx) -> tx.keys().countActive())).isEqualTo(3);

    Instant revoked = T0.plusSeconds(60);
    store.write(
        tx -> {
          tx.keys().revoke("k_2", revoked);
          tx.keys().revoke("k_2", revoked.plusSeconds(1));
          return null;
        });

    assertThat(store.read((Tx tx) -> tx.keys().find("k_2")).orElseThrow().revokedAt())
        .as("revoking twice keeps the first time")
        .isEqualTo(revoked);
    assertThat(store.read((Tx tx) -> tx.keys().countActive())).isEqualTo(2);
  }

  @Test
  void theLedgerAndTheAuditLogRefuseUpdatesAndDeletes() {
    insertProject("shop");
    insertVersions("greet", 1);
    store.write(
        (Tx tx) -> tx.deployments().append(entry("staging", null, 1, DeploymentKind.DEPLOY)));
    appendAudit(T0, "alice", "project.create", "shop", null);
    var before = rowCounts();

    for (String statement :
        List.of(
            "UPDATE deployments SET actor = 'mallory'",
            "DELETE FROM deployments",
            "UPDATE audit_log SET actor = 'mallory'",
            "DELETE FROM audit_log")) {
      assertThatThrownBy(() -> sql(statement)).as(statement).hasStackTraceContaining("append-only");
    }
    assertThat(rowCounts()).isEqualTo(before);
    assertThat(store.read((Tx tx) -> tx.audit().last()).orElseThrow().actor()).isEqualTo("alice");
    assertThat(audit.verify(store).ok()).isTrue();
  }

  @Test
  void aWriteThatThrowsRollsEverythingBack() {
    var failure = new IllegalStateException("boom");

    assertThatThrownBy(
            () ->
                store.write(
                    tx -> {
                      tx.projects().insert(new Project("shop", "", List.of("dev"), T0, "a"));
                      audit.append(tx, T0, "a", "project.create", "shop", null, Json.object());
                      throw failure;
                    }))
        .isSameAs(failure);
    assertThat(rowCounts().values()).containsOnly(0L);
  }

  @Test
  void aReadTransactionRefusesToWrite() {
    assertThatThrownBy(
            () ->
                store.read(
                    tx -> {
                      tx.projects().insert(new Project("shop", "", List.of("dev"), T0, "a"));
                      return null;
                    }))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("insert project shop");
    assertThat(rowCounts().values()).containsOnly(0L);
    assertThat(store.write((Tx tx) -> tx.projects().list())).isEmpty();
  }

  @Test
  void anSqlFailureBecomesAnInternalErrorNamingTheOperation() {
    insertProject("shop");

    assertThatThrownBy(() -> insertProject("shop"))
        .isInstanceOfSatisfying(
            PromptOpsException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL);
              assertThat(e.code()).isEqualTo("storage_error");
              assertThat(e.getMessage()).startsWith("storage failed to insert project shop: ");
              assertThat(e.getCause()).isNotNull();
            });
    assertThat(store.read((Tx tx) -> tx.projects().list())).hasSize(1);
  }

  @Test
  void aWriteInsideAWriteOnTheSameThreadIsRefused() {
    assertThatThrownBy(() -> store.write((Tx tx) -> store.write(inner -> null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("inside another write transaction");
    assertThat(store.write((Tx tx) -> "still usable")).isEqualTo("still usable");
  }

  @Test
  void describeNamesTheDatabaseWithoutCredentials() {
    assertThat(store.describe())
        .startsWith(store.dialect() == Dialect.SQLITE ? "sqlite:/" : "postgresql://")
        .doesNotContain("password")
        .doesNotContain("?");
  }

  @Test
  void aClosedStoreSaysSo() {
    store.close();
    assertThatThrownBy(() -> store.read((Tx tx) -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is closed");
    store = database.open();
  }

  private void insertProject(String name) {
    store.write(
        tx -> {
          tx.projects().insert(new Project(name, "", List.of("dev", "staging"), T0, "admin"));
          return null;
        });
  }

  private void insertVersions(String prompt, int count) {
    store.write(
        tx -> {
          for (int v = 1; v <= count; v++) {
            tx.versions()
                .insert(version(prompt, v, "sha256:" + prompt + v, Json.object(), List.of(), T0));
          }
          return null;
        });
  }

  private static PromptVersion version(
      String prompt,
      int version,
      String digest,
      ObjectNode frontMatter,
      List<ComponentPin> components,
      Instant at) {
    return new PromptVersion(
        "shop",
        prompt,
        version,
        digest,
        frontMatter,
        "Hi {{name}} " + version,
        "Hi {{name}} " + version,
        components,
        "message " + version,
        at,
        "ci-bot");
  }

  private boolean cas(String target, Integer expected, int next, Instant at) {
    TargetKind kind = target.equals("canary") ? TargetKind.LABEL : TargetKind.ENVIRONMENT;
    return store.write(
        tx -> tx.pins().compareAndSet("shop", "greet", target, kind, expected, next, at));
  }

  private void cas(String prompt, String target, Integer expected, int next) {
    store.write(
        tx ->
            tx.pins()
                .compareAndSet("shop", prompt, target, TargetKind.ENVIRONMENT, expected, next, T0));
  }

  private static Deployment entry(String target, Integer from, Integer to, DeploymentKind kind) {
    TargetKind targetKind = target.equals("canary") ? TargetKind.LABEL : TargetKind.ENVIRONMENT;
    return new Deployment(
        99,
        "shop",
        "greet",
        target,
        targetKind,
        from,
        to,
        kind,
        "ci-bot",
        "because",
        T0.plus(Duration.ofNanos(1_500_000)));
  }

  private AuditEntry appendAudit(
      Instant at, String actor, String action, String project, String target) {
    ObjectNode details = Json.object().put("n", 1);
    return store.write((Tx tx) -> audit.append(tx, at, actor, action, project, target, details));
  }

  private static AuditQuery query(
      String project, String actor, String action, String target, Instant from, Instant to) {
    return new AuditQuery(project, actor, action, target, from, to, 0, 100);
  }

  private List<Long> seqs(AuditQuery query) {
    return store.read((Tx tx) -> tx.audit().query(query)).stream().map(AuditEntry::seq).toList();
  }

  private static ApiKeyRecord key(String id, String name, String hash, Map<String, Role> roles) {
    return new ApiKeyRecord(id, name, hash, roles, T0, "system", null);
  }
}
