package dev.promptops.client;

import dev.promptops.core.auth.Role;
import java.util.Map;

/**
 * Who the client's API key is.
 *
 * @param roles the key's role per project; {@code *} means every project
 * @param serverAdmin true when the key is admin for every project
 */
public record Whoami(String keyId, String name, Map<String, Role> roles, boolean serverAdmin) {
  public Whoami {
    roles = Map.copyOf(roles);
  }
}
