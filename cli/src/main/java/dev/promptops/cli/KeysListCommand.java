package dev.promptops.cli;

import dev.promptops.core.auth.ApiKeyRecord;
import dev.promptops.core.auth.Role;
import dev.promptops.core.json.Json;
import dev.promptops.core.wire.Wire;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the API keys.")
final class KeysListCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;

  KeysListCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    List<ApiKeyRecord> keys;
    try (var client = connection.client()) {
      keys = client.keys();
    }
    if (connection.json()) {
      var root = Json.object();
      root.set("keys", Wire.array(keys, Wire::key));
      ctx.json(root);
      return ExitCodes.OK;
    }
    var t = new Table("ID", "NAME", "ROLES", "CREATED", "BY", "STATUS");
    for (ApiKeyRecord k : keys) {
      t.row(
          k.id(),
          k.name(),
          roles(k.roles()),
          Text.time(k.createdAt()),
          k.createdBy(),
          k.active() ? "active" : "revoked " + Text.time(k.revokedAt()));
    }
    t.print(ctx.out());
    return ExitCodes.OK;
  }

  /** {@code shop=editor, *=viewer}, sorted by project. */
  static String roles(Map<String, Role> roles) {
    if (roles.isEmpty()) {
      return "-";
    }
    var parts =
        new TreeMap<>(roles)
            .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().wireName()).toList();
    return String.join(", ", parts);
  }
}
