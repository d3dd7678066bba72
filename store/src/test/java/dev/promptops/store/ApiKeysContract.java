package dev.promptops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.AccessDeniedException;
import dev.promptops.core.ConflictException;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.NotFoundException;
import dev.promptops.core.auth.ApiKeyRecord;
import dev.promptops.core.auth.ApiKeys;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.auth.Role;
import dev.promptops.core.store.Tx;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ApiKeys} on a real store: bootstrap, authentication, revocation. */
abstract class ApiKeysContract extends StoreContract {
  static final String PRESET = "preset-admin-secret-0123456789";

  @Test
  void bootstrapCreatesTheFirstAdminKeyOnce() {
    var created = keys().bootstrap(null).orElseThrow();

    assertThat(created.secret()).startsWith("po_").hasSize(43);
    assertThat(created.key().id()).isEqualTo(ApiKeys.idOf(created.secret()));
    assertThat(created.key().principal().isServerAdmin()).isTrue();
    assertThat(keys().bootstrap(PRESET)).isEmpty();
    assertThat(keys().list(ADMIN)).containsExactly(created.key());
    assertThat(actions()).containsExactly("key.create");
  }

  @Test
  void aPresetSecretBecomesTheAdminKey() {
    keys().bootstrap(PRESET);

    Principal admin = keys().authenticate("  " + PRESET + "\n");

    assertThat(admin.name()).isEqualTo("admin");
    assertThat(admin.isServerAdmin()).isTrue();
  }

  @Test
  void createdKeysAuthenticateWithTheirRolesUntilRevoked() {
    createShop();
    var ci = keys().create(ADMIN, "ci-bot", Map.of("shop", Role.EDITOR));

    Principal principal = keys().authenticate(ci.secret());
    assertThat(principal.keyId()).isEqualTo(ci.key().id());
    assertThat(principal.roleIn("shop")).contains(Role.EDITOR);
    assertThat(principal.roleIn("other")).isEmpty();
    var reviewer = keys().create(ADMIN, "reviewer", Map.of("shop", Role.APPROVER));
    assertThat(keys().authenticate(reviewer.secret()).roleIn("shop")).contains(Role.APPROVER);

    ApiKeyRecord revoked = keys().revoke(ADMIN, "ci-bot");

    assertThat(revoked.revokedAt()).isEqualTo(T0);
    assertThat(keys().revoke(ADMIN, ci.key().id()))
        .as("revoking again is a no-op")
        .isEqualTo(revoked);
    assertThatThrownBy(() -> keys().authenticate(ci.secret()))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("revoked");
    assertThatThrownBy(() -> keys().authenticate("po_not-a-key"))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("not valid");
    assertThat(actions())
        .containsExactly("project.create", "key.create", "key.create", "key.revoke");
  }

  @Test
  void theLastAdminKeyCannotBeRevoked() {
    var first = keys().bootstrap(PRESET).orElseThrow();

    refusedWithoutChange(
        () -> keys().revoke(ADMIN, "admin"), ConflictException.class, "last_admin_key");

    var second = keys().create(ADMIN, "admin-2", Map.of("*", Role.ADMIN));
    assertThat(keys().revoke(ADMIN, first.key().id()).active()).isFalse();
    refusedWithoutChange(
        () -> keys().revoke(ADMIN, "admin-2"), ConflictException.class, "last_admin_key");
    assertThat(keys().authenticate(second.secret()).isServerAdmin()).isTrue();
    assertThat(store.read((Tx tx) -> tx.keys().countActive())).isEqualTo(1L);
  }

  @Test
  void badKeyRequestsAreRefusedAndChangeNothing() {
    createShop();
    keys().create(ADMIN, "ci-bot", Map.of("shop", Role.EDITOR));

    refusedWithoutChange(
        () -> keys().create(ADMIN, "ci-bot", Map.of("shop", Role.VIEWER)),
        ConflictException.class,
        "key_exists");
    refusedWithoutChange(
        () -> keys().create(ADMIN, "reader", Map.of("nope", Role.VIEWER)),
        NotFoundException.class,
        "project_not_found");
    refusedWithoutChange(
        () -> keys().create(ADMIN, "bad name", Map.of("shop", Role.VIEWER)),
        InvalidInputException.class,
        "invalid_key_name");
    refusedWithoutChange(
        () -> keys().create(CI, "mine", Map.of("shop", Role.ADMIN)),
        AccessDeniedException.class,
        "forbidden");
    refusedWithoutChange(
        () -> keys().revoke(ADMIN, "nobody"), NotFoundException.class, "key_not_found");
    refusedWithoutChange(
        () -> keys().bootstrap("short"), InvalidInputException.class, "invalid_admin_key");
  }

  @Test
  void secretsNeverReachTheDatabase() {
    createShop();
    var admin = keys().bootstrap(PRESET).orElseThrow();
    var ci = keys().create(ADMIN, "ci-bot", Map.of("shop", Role.EDITOR));
    keys().revoke(ADMIN, "ci-bot");

    String everything =
        store
            .jdbi()
            .withHandle(
                h ->
                    String.join(
                        "\n",
                        h.createQuery("SELECT * FROM audit_log").mapToMap().list().toString(),
                        h.createQuery("SELECT * FROM api_keys").mapToMap().list().toString(),
                        h.createQuery("SELECT * FROM api_key_roles").mapToMap().list().toString()));
    assertThat(everything)
        .contains(admin.key().id())
        .doesNotContain(admin.secret())
        .doesNotContain(ci.secret());
  }
}
