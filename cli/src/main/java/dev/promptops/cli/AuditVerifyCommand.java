package dev.promptops.cli;

import dev.promptops.core.audit.AuditVerification;
import dev.promptops.core.wire.Wire;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check the whole audit hash chain (server admins). Exits 1 when an entry was changed,"
          + " removed or reordered, naming the first bad entry."
    })
final class AuditVerifyCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;

  AuditVerifyCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    AuditVerification v;
    try (var client = connection.client()) {
      v = client.verifyAudit();
    }
    if (connection.json()) {
      ctx.json(Wire.verification(v));
    } else if (v.ok()) {
      ctx.println(
          "audit chain intact: "
              + v.entries()
              + " entries, head hash "
              + Text.orDash(v.headHash()));
    } else {
      ctx.println(
          "audit chain BROKEN at entry #" + v.brokenAt() + " (of " + v.entries() + " checked)");
      ctx.println("problem: " + v.problem());
      ctx.println("entries from #" + v.brokenAt() + " on cannot be trusted");
    }
    return v.ok() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }
}
