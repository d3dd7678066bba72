package dev.promptops.cli;

import dev.promptops.client.AuditFilter;
import dev.promptops.client.PromptOpsClient;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.audit.AuditCheckpoint;
import dev.promptops.core.audit.AuditPublicKey;
import dev.promptops.core.audit.AuditVerification;
import dev.promptops.core.audit.AuditVerifier;
import dev.promptops.core.wire.Wire;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check the whole audit hash chain and its signed checkpoints (server admins). Exits 1 when"
          + " an entry was changed, removed or reordered, when the log ends before an entry a"
          + " checkpoint signed (its tail was removed), or when a checkpoint's signature does not"
          + " verify.",
      "",
      "Without options the server checks itself. With --public-key, --since-checkpoint or"
          + " --file the check runs here: on the server's export, or offline on an exported file.",
    })
final class AuditVerifyCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;

  @Option(
      names = "--public-key",
      paramLabel = "FILE",
      description =
          "trust checkpoints signed by this key (PEM, from `audit key`), not the server's word;"
              + " repeatable")
  private List<String> publicKeys = List.of();

  @Option(
      names = "--since-checkpoint",
      paramLabel = "FILE",
      description =
          "checkpoints you kept (JSON or JSON Lines): the log must still hold what they signed;"
              + " repeatable")
  private List<String> kept = List.of();

  @Option(
      names = "--file",
      paramLabel = "FILE",
      description = "verify this export (`audit export --all`) offline instead of the server's log")
  private String file;

  @Option(
      names = "--checkpoints",
      paramLabel = "FILE",
      description = "with --file: the checkpoints exported with it (`audit export --checkpoints`)")
  private String checkpointsFile;

  AuditVerifyCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (checkpointsFile != null && file == null) {
      throw new InvalidInputException(
          "checkpoints_without_file",
          "--checkpoints names the checkpoints of an exported file, but no --file was given",
          "add --file audit.jsonl, or leave out --checkpoints to use the server's");
    }
    AuditVerification v;
    if (file != null) {
      v = offline();
    } else if (publicKeys.isEmpty() && kept.isEmpty()) {
      try (var client = connection.client()) {
        v = client.verifyAudit();
      }
    } else {
      v = here();
    }
    print(v);
    return v.ok() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  /** The exported file against its checkpoints and the kept ones, with the given keys. */
  private AuditVerification offline() {
    var checkpoints = new ArrayList<AuditCheckpoint>();
    if (checkpointsFile != null) {
      checkpoints.addAll(AuditFiles.checkpoints(ctx.resolve(checkpointsFile)));
    } else {
      ctx.err().println("note: no --checkpoints: a removed tail cannot be detected");
    }
    checkpoints.addAll(keptCheckpoints());
    if (!checkpoints.isEmpty() && publicKeys.isEmpty()) {
      throw new InvalidInputException(
          "public_key_needed",
          "checking checkpoints offline needs the server's public key",
          "add --public-key audit-key.pem (saved with `promptops audit key -o audit-key.pem`)");
    }
    Path path = ctx.resolve(file);
    try (BufferedReader in = AuditFiles.reader(path)) {
      return new AuditVerifier(keys(null)).verify(AuditFiles.entries(path, in), checkpoints);
    } catch (IOException | UncheckedIOException e) {
      throw new InvalidInputException(
          "audit_file_read", "cannot read " + path + ": " + e.getMessage(), "check the path");
    }
  }

  /** The server's log and checkpoints, checked here with the given keys (or the server's). */
  private AuditVerification here() {
    try (var client = connection.client()) {
      var checkpoints = new ArrayList<>(client.auditCheckpoints());
      checkpoints.addAll(keptCheckpoints());
      AuditVerifier.Check check = new AuditVerifier(keys(client)).start(checkpoints);
      client.exportAudit(null, AuditFilter.none(), check::accept);
      return check.result();
    }
  }

  private List<AuditCheckpoint> keptCheckpoints() {
    var all = new ArrayList<AuditCheckpoint>();
    kept.forEach(f -> all.addAll(AuditFiles.checkpoints(ctx.resolve(f))));
    return all;
  }

  private List<AuditPublicKey> keys(PromptOpsClient client) {
    if (publicKeys.isEmpty() && client != null) {
      ctx.err().println("note: trusting the public key the server publishes (no --public-key)");
      return List.of(client.auditKey());
    }
    return publicKeys.stream().map(f -> AuditFiles.publicKey(ctx.resolve(f))).toList();
  }

  private void print(AuditVerification v) {
    if (connection.json()) {
      ctx.json(Wire.verification(v));
    } else if (v.ok()) {
      ctx.println(
          "audit chain intact: "
              + v.entries()
              + " entries, head hash "
              + Text.orDash(v.headHash()));
      ctx.println(signedSummary(v));
    } else {
      ctx.println(
          switch (v.issue()) {
            case TRUNCATED -> "audit log TRUNCATED after entry #" + v.entries();
            case CHECKPOINT -> "audit checkpoint INVALID";
            case CHAIN, NONE ->
                "audit chain BROKEN at entry #"
                    + v.brokenAt()
                    + " (of "
                    + v.entries()
                    + " checked)";
          });
      ctx.println("problem: " + v.problem());
      if (v.brokenAt() > 0) {
        ctx.println("entries from #" + v.brokenAt() + " on cannot be trusted");
      }
    }
  }

  private static String signedSummary(AuditVerification v) {
    if (v.checkpoints() == 0) {
      return "no signed checkpoint yet: a removed tail would not show"
          + " (`promptops audit checkpoint` signs one now)";
    }
    String tail =
        v.entries() > v.checkpointedSeq()
            ? "; entries #" + (v.checkpointedSeq() + 1) + " on are not signed yet"
            : "";
    return v.checkpoints()
        + " signed checkpoints verified, the latest covering entry #"
        + v.checkpointedSeq()
        + tail;
  }
}
