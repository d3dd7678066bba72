package dev.promptops.core.auth;

import dev.promptops.core.InvalidInputException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The role an API key holds in a project. The matrix (also in the README):
 *
 * <pre>
 *            READ  EDIT  DEPLOY  EVAL  APPROVE  ADMIN
 * viewer      x
 * editor      x     x            x
 * deployer    x           x      x
 * approver    x                         x
 * admin       x     x     x      x      x        x
 * </pre>
 */
public enum Role {
  VIEWER(EnumSet.of(Permission.READ)),
  EDITOR(EnumSet.of(Permission.READ, Permission.EDIT, Permission.EVAL)),
  DEPLOYER(EnumSet.of(Permission.READ, Permission.DEPLOY, Permission.EVAL)),
  APPROVER(EnumSet.of(Permission.READ, Permission.APPROVE)),
  ADMIN(EnumSet.allOf(Permission.class));

  private final Set<Permission> permissions;

  Role(Set<Permission> permissions) {
    this.permissions = Set.copyOf(permissions);
  }

  public boolean allows(Permission permission) {
    return permissions.contains(permission);
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role parse(String s) {
    for (Role role : values()) {
      if (role.wireName().equals(s)) {
        return role;
      }
    }
    throw new InvalidInputException(
        "invalid_role",
        "not a role: '" + s + "'",
        "use one of viewer, editor, deployer, approver, admin");
  }
}
