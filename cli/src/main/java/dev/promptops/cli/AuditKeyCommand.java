package dev.promptops.cli;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.audit.AuditPublicKey;
import dev.promptops.core.wire.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "key",
    mixinStandardHelpOptions = true,
    description = {
      "Print the server's public audit key (PEM), which verifies its checkpoints. Keep a copy"
          + " apart from the server: `audit verify --public-key FILE` then trusts it, not the"
          + " server."
    })
final class AuditKeyCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;

  @Option(
      names = {"-o", "--output-file"},
      paramLabel = "FILE",
      description = "write the PEM to FILE")
  private String file;

  AuditKeyCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    AuditPublicKey key;
    try (var client = connection.client()) {
      key = client.auditKey();
    }
    if (file != null) {
      Path path = ctx.resolve(file);
      try {
        Files.writeString(path, key.pem(), StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new InvalidInputException(
            "audit_file_write", "cannot write " + path + ": " + e.getMessage(), "check the path");
      }
      ctx.err().println("wrote audit key " + key.id() + " to " + ctx.show(path));
    } else if (connection.json()) {
      ctx.json(Wire.auditKey(key));
    } else {
      ctx.out().print(key.pem());
      ctx.out().flush();
    }
    return ExitCodes.OK;
  }
}
