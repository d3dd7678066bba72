package dev.promptops.cli;

import dev.promptops.core.auth.ApiKeyRecord;
import dev.promptops.core.wire.Wire;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = "Revoke an API key: it stops working at once.")
final class KeysRevokeCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;

  @Parameters(paramLabel = "ID_OR_NAME", description = "the key's id (k_...) or name")
  private String key;

  KeysRevokeCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ApiKeyRecord revoked;
    try (var client = connection.client()) {
      revoked = client.revokeKey(key);
    }
    if (connection.json()) {
      ctx.json(Wire.key(revoked));
    } else {
      ctx.println("revoked key " + revoked.name() + " (" + revoked.id() + ")");
    }
    return ExitCodes.OK;
  }
}
