package dev.promptops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.promptops.core.audit.AuditCheckpoint;
import dev.promptops.core.wire.Wire;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "checkpoint",
    mixinStandardHelpOptions = true,
    description = {
      "Have the server sign a checkpoint of the audit log's head now (server admins). Save the"
          + " JSON (--output json) to check later with `audit verify --since-checkpoint FILE`."
    })
final class AuditCheckpointCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;

  AuditCheckpointCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Optional<AuditCheckpoint> made;
    try (var client = connection.client()) {
      made = client.checkpointAudit();
    }
    if (connection.json()) {
      ctx.json(made.<JsonNode>map(Wire::checkpoint).orElse(NullNode.getInstance()));
    } else {
      ctx.println(
          made.map(c -> "signed " + c.describe() + " with key " + c.keyId())
              .orElse("no new entry since the last checkpoint; nothing signed"));
    }
    return ExitCodes.OK;
  }
}
