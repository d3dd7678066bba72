package dev.promptops.server.http;

import dev.promptops.core.auth.Permission;

/** Who may call a route. */
public sealed interface Access {
  /** No key needed ({@code /healthz} only). */
  record Public() implements Access {}

  /** Any valid key. */
  record AnyKey() implements Access {}

  /** A server administrator key (admin on every project). */
  record ServerAdmin() implements Access {}

  /** A key whose role in the route's {@code {project}} grants the permission. */
  record InProject(Permission permission) implements Access {}

  static Access publicAccess() {
    return new Public();
  }

  static Access anyKey() {
    return new AnyKey();
  }

  static Access serverAdmin() {
    return new ServerAdmin();
  }

  static Access project(Permission permission) {
    return new InProject(permission);
  }

  /** How the access rule is described in docs and in the OpenAPI document. */
  default String describe() {
    return switch (this) {
      case Public p -> "none";
      case AnyKey a -> "any key";
      case ServerAdmin s -> "server admin";
      case InProject p -> p.permission().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
