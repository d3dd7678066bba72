package dev.promptops.core.auth;

import dev.promptops.core.AccessDeniedException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Who is calling: an authenticated API key and its roles. */
public record Principal(String keyId, String name, Map<String, Role> roles) {

  public Principal {
    roles = Map.copyOf(roles);
  }

  /** The key's role in a project: its own role there, else its role in every project. */
  public Optional<Role> roleIn(String project) {
    Role role = roles.get(project);
    return Optional.ofNullable(role != null ? role : roles.get(ApiKeyRecord.ALL_PROJECTS));
  }

  public boolean can(String project, Permission permission) {
    return roleIn(project).map(r -> r.allows(permission)).orElse(false);
  }

  /** A server administrator: admin in every project; may create projects and manage keys. */
  public boolean isServerAdmin() {
    return roles.get(ApiKeyRecord.ALL_PROJECTS) == Role.ADMIN;
  }

  public void require(String project, Permission permission) {
    if (!can(project, permission)) {
      String has = roleIn(project).map(Role::wireName).orElse("no role");
      throw AccessDeniedException.forbidden(
          "key '"
              + name
              + "' has "
              + has
              + " in project '"
              + project
              + "' and may not "
              + permission.name().toLowerCase(Locale.ROOT),
          "use a key with a role that grants "
              + permission.name().toLowerCase(Locale.ROOT)
              + " ("
              + rolesGranting(permission)
              + "), or ask an admin to grant one");
    }
  }

  public void requireServerAdmin() {
    if (!isServerAdmin()) {
      throw AccessDeniedException.forbidden(
          "key '" + name + "' is not a server administrator",
          "use a key that is admin for all projects ('*'), such as the one printed on first"
              + " start");
    }
  }

  private static String rolesGranting(Permission permission) {
    var names = new StringBuilder();
    for (Role role : Role.values()) {
      if (role.allows(permission)) {
        names.append(names.isEmpty() ? "" : ", ").append(role.wireName());
      }
    }
    return names.toString();
  }
}
