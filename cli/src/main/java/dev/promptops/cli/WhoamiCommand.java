package dev.promptops.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.client.Whoami;
import dev.promptops.core.json.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "whoami",
    mixinStandardHelpOptions = true,
    description = "Show which key you are using and its role in each project.")
final class WhoamiCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;

  WhoamiCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Whoami me;
    try (var client = connection.client()) {
      me = client.whoami();
    }
    if (connection.json()) {
      ctx.json(json(me));
    } else {
      var t = new Table();
      t.row("key", me.name() + " (" + me.keyId() + ")");
      t.row("roles", KeysListCommand.roles(me.roles()));
      t.row("server admin", me.serverAdmin() ? "yes" : "no");
      t.row("server", connection.server());
      t.print(ctx.out());
    }
    return ExitCodes.OK;
  }

  static ObjectNode json(Whoami me) {
    ObjectNode n = Json.object().put("keyId", me.keyId()).put("name", me.name());
    ObjectNode roles = n.putObject("roles");
    new java.util.TreeMap<>(me.roles()).forEach((p, r) -> roles.put(p, r.wireName()));
    return n.put("serverAdmin", me.serverAdmin());
  }
}
