package dev.promptops.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.AccessDeniedException;
import dev.promptops.core.ErrorKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrincipalTest {

  @Test
  void roleMatrix() {
    assertThat(Role.VIEWER.allows(Permission.READ)).isTrue();
    assertThat(Role.VIEWER.allows(Permission.EDIT)).isFalse();
    assertThat(Role.EDITOR.allows(Permission.EDIT)).isTrue();
    assertThat(Role.EDITOR.allows(Permission.DEPLOY)).isFalse();
    assertThat(Role.DEPLOYER.allows(Permission.DEPLOY)).isTrue();
    assertThat(Role.DEPLOYER.allows(Permission.EDIT)).isFalse();
    assertThat(Role.DEPLOYER.allows(Permission.ADMIN)).isFalse();
    assertThat(Role.EDITOR.allows(Permission.EVAL)).isTrue();
    assertThat(Role.DEPLOYER.allows(Permission.EVAL)).isTrue();
    assertThat(Role.VIEWER.allows(Permission.EVAL)).isFalse();
    for (Permission p : Permission.values()) {
      assertThat(Role.ADMIN.allows(p)).isTrue();
      assertThat(Role.VIEWER.allows(p)).isEqualTo(p == Permission.READ);
    }
  }

  @Test
  void projectRoleWinsOverTheWildcard() {
    var who = new Principal("k_1", "ci", Map.of("*", Role.VIEWER, "shop", Role.DEPLOYER));
    assertThat(who.can("shop", Permission.DEPLOY)).isTrue();
    assertThat(who.can("other", Permission.READ)).isTrue();
    assertThat(who.can("other", Permission.DEPLOY)).isFalse();
    assertThat(who.isServerAdmin()).isFalse();
  }

  @Test
  void deniedMessageNamesKeyRoleAndFix() {
    var who = new Principal("k_1", "ci", Map.of("shop", Role.EDITOR));
    assertThatThrownBy(() -> who.require("shop", Permission.DEPLOY))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("key 'ci' has editor in project 'shop' and may not deploy")
        .satisfies(
            e -> {
              var ex = (AccessDeniedException) e;
              assertThat(ex.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
              assertThat(ex.hint()).contains("deployer, admin");
            });
    assertThatThrownBy(() -> who.require("other", Permission.READ))
        .hasMessage("key 'ci' has no role in project 'other' and may not read");
  }

  @Test
  void parsesRoles() {
    assertThat(Role.parse("deployer")).isEqualTo(Role.DEPLOYER);
    assertThat(Role.parse("approver")).isEqualTo(Role.APPROVER);
    assertThat(Role.APPROVER.allows(Permission.APPROVE)).isTrue();
    assertThat(Role.APPROVER.allows(Permission.DEPLOY)).isFalse();
    assertThat(Role.APPROVER.allows(Permission.EDIT)).isFalse();
    assertThat(Role.DEPLOYER.allows(Permission.APPROVE)).isFalse();
    assertThatThrownBy(() -> Role.parse("root"))
        .hasMessage("not a role: 'root'")
        .hasFieldOrPropertyWithValue(
            "hint", "use one of viewer, editor, deployer, approver, admin");
  }
}
