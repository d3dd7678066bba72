package dev.promptops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.AccessDeniedException;
import dev.promptops.core.ConflictException;
import dev.promptops.core.audit.AuditEntry;
import dev.promptops.core.audit.AuditQuery;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.auth.Role;
import dev.promptops.core.change.ChangeRequests;
import dev.promptops.core.change.ChangeState;
import dev.promptops.core.change.Verdict;
import dev.promptops.core.json.Json;
import dev.promptops.core.policy.Policies;
import dev.promptops.core.store.Tx;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Change requests on a real store: opened by an editor, reviewed by others (never by their author),
 * merged by a deployer once the environment's policy holds, superseded by a newer version, closed;
 * a policy change while a request is open applies at once; every transition is audited.
 */
abstract class ChangeRequestsContract extends StoreContract {
  static final Principal EDITOR = new Principal("k_ed", "ed", Map.of("shop", Role.EDITOR));
  static final Principal ANN = new Principal("k_ann", "ann", Map.of("shop", Role.APPROVER));
  static final Principal BOB = new Principal("k_bob", "bob", Map.of("shop", Role.APPROVER));
  static final Principal SHIPPER =
      new Principal("k_ship", "shipper", Map.of("shop", Role.DEPLOYER));

  ChangeRequests changes() {
    return new ChangeRequests(store, audit, clock, deployments());
  }

  void policy(String json) {
    new Policies(store, audit, clock).set(ADMIN, "shop", Json.parseTrusted(json), null);
  }

  @Test
  void theReferenceFlowOpenReviewMerge() {
    createShop();
    pushVersions("greet", 1);
    policy("{\"production\": {\"approvals\": 2}}");

    assertThatThrownBy(() -> deploy("greet", "production", 1, null))
        .hasMessageContaining("'production' requires 2 approvals of a change request")
        .satisfies(
            e ->
                assertThat(((ConflictException) e).hint())
                    .isEqualTo("open one: promptops change open greet@1 --env production"));

    var opened = changes().open(EDITOR, "shop", "greet", 1, "production", "ship it", false);
    assertThat(opened.change().number()).isEqualTo(1);
    assertThat(opened.change().digest()).startsWith("sha256:");
    assertThat(opened.mergeable()).isFalse();
    assertThat(opened.unmet())
        .extracting(u -> u.message())
        .containsExactly(
            "change request #1 has 0 of the 2 approvals 'production' requires (from admin,"
                + " approver, not its author)");

    assertThatThrownBy(() -> changes().review(EDITOR, "shop", 1, Verdict.APPROVE, ""))
        .isInstanceOf(AccessDeniedException.class);
    var selfReviewer = new Principal("k_ed2", "ed", Map.of("shop", Role.ADMIN));
    assertThatThrownBy(() -> changes().review(selfReviewer, "shop", 1, Verdict.APPROVE, ""))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage(
            "'ed' opened change request #1 and cannot review it: approvals come from someone else");

    changes().review(ANN, "shop", 1, Verdict.APPROVE, "looks good");
    assertThatThrownBy(() -> changes().merge(SHIPPER, "shop", 1))
        .hasMessageContaining("has 1 of the 2 approvals");
    var bobSays = changes().review(BOB, "shop", 1, Verdict.REQUEST_CHANGES, "typo");
    assertThat(bobSays.unmet()).extracting(u -> u.rule()).contains("changes_requested");
    var ready = changes().review(BOB, "shop", 1, Verdict.APPROVE, "fixed in review");
    assertThat(ready.mergeable()).isTrue();
    assertThatThrownBy(() -> changes().merge(ANN, "shop", 1))
        .as("approving is not deploying")
        .isInstanceOf(AccessDeniedException.class);

    var merged = changes().merge(SHIPPER, "shop", 1);

    assertThat(merged.change().state()).isEqualTo(ChangeState.MERGED);
    assertThat(merged.change().deploymentId()).isPositive();
    var pin = store.read((Tx tx) -> tx.pins().find("shop", "greet", "production")).orElseThrow();
    assertThat(pin.version()).isEqualTo(1);
    var ledger = store.read((Tx tx) -> tx.deployments().history("shop", "greet", "production", 1));
    assertThat(ledger.getFirst().actor()).isEqualTo("shipper");
    assertThat(ledger.getFirst().reason()).isEqualTo("change request #1: ship it");
    assertThatThrownBy(() -> changes().merge(SHIPPER, "shop", 1))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("change request #1 is merged (deployment #");
    List<String> actions =
        store.read((Tx tx) -> tx.audit().query(AuditQuery.all(100))).stream()
            .map(AuditEntry::action)
            .filter(a -> a.startsWith("change.") || a.startsWith("deployment."))
            .toList();
    assertThat(actions)
        .containsExactly(
            "change.open",
            "change.approve",
            "change.request_changes",
            "change.approve",
            "deployment.deploy",
            "change.merge");
    assertThat(audit.verify(store).ok()).isTrue();
  }

  @Test
  void approvalsCountOnlyFromTheRolesThePolicyNamesAndAnAutoMergeDeploysAtTheLastOne() {
    createShop();
    pushVersions("greet", 1);
    policy("{\"staging\": {\"approvals\": 1, \"approvers\": [\"admin\"]}}");
    assertThatThrownBy(() -> changes().open(EDITOR, "shop", "greet", 1, "staging", "", true))
        .as("auto-merge deploys in the author's name")
        .isInstanceOf(AccessDeniedException.class);
    changes().open(SHIPPER, "shop", "greet", 1, "staging", "", true);

    var byApprover = changes().review(ANN, "shop", 1, Verdict.APPROVE, "");
    assertThat(byApprover.change().state()).isEqualTo(ChangeState.OPEN);
    assertThat(byApprover.unmet()).extracting(u -> u.rule()).containsExactly("approvals");

    var byAdmin = changes().review(ADMIN, "shop", 1, Verdict.APPROVE, "");

    assertThat(byAdmin.change().state()).isEqualTo(ChangeState.MERGED);
    var ledger = store.read((Tx tx) -> tx.deployments().history("shop", "greet", "staging", 1));
    assertThat(ledger.getFirst().actor()).isEqualTo("shipper");
    assertThat(ledger.getFirst().reason()).contains("auto-merge after the approval of admin");
  }

  @Test
  void aNewerVersionSupersedesAnOpenRequestAndAClosedOneCannotMerge() {
    createShop();
    pushVersions("greet", 2);
    changes().open(EDITOR, "shop", "greet", 1, "production", "", false);
    changes().open(EDITOR, "shop", "greet", 1, "staging", "", false);

    var newer = changes().open(EDITOR, "shop", "greet", 2, "production", "", false);

    var first = changes().get(ADMIN, "shop", 1);
    assertThat(first.change().state()).isEqualTo(ChangeState.SUPERSEDED);
    assertThat(first.change().outcome()).isEqualTo("superseded by #3");
    assertThat(changes().get(ADMIN, "shop", 2).change().state()).isEqualTo(ChangeState.OPEN);
    assertThat(newer.change().number()).isEqualTo(3);
    assertThatThrownBy(() -> changes().review(ANN, "shop", 1, Verdict.APPROVE, ""))
        .hasMessage("change request #1 is superseded (superseded by #3)");
    assertThat(changes().list(ADMIN, "shop", ChangeState.OPEN, null, null, 0, 10))
        .extracting(c -> c.number())
        .containsExactly(3, 2);

    assertThatThrownBy(() -> changes().close(ANN, "shop", 2, "no"))
        .as("only the author or an admin closes")
        .isInstanceOf(AccessDeniedException.class);
    var closed = changes().close(EDITOR, "shop", 2, "not needed");
    assertThat(closed.change().state()).isEqualTo(ChangeState.CLOSED);
    assertThatThrownBy(() -> changes().merge(SHIPPER, "shop", 2))
        .hasMessage("change request #2 is closed (not needed)");
  }

  @Test
  void aPolicyChangeWhileARequestIsOpenAppliesAtOnce() {
    createShop();
    pushVersions("greet", 1);
    changes().open(EDITOR, "shop", "greet", 1, "production", "", false);
    assertThat(changes().get(ADMIN, "shop", 1).mergeable()).isTrue();

    policy("{\"production\": {\"approvals\": 1, \"after\": \"staging\"}}");

    var now = changes().get(ADMIN, "shop", 1);
    assertThat(now.mergeable()).isFalse();
    assertThat(now.unmet()).extracting(u -> u.rule()).containsExactly("approvals", "after");
    changes().review(ANN, "shop", 1, Verdict.APPROVE, "");
    assertThatThrownBy(() -> changes().merge(SHIPPER, "shop", 1))
        .hasMessageContaining("has not been deployed to 'staging'");
    assertThat(changes().get(ADMIN, "shop", 1).change().state()).isEqualTo(ChangeState.OPEN);
  }
}
