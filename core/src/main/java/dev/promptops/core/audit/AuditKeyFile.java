package dev.promptops.core.audit;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.files.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a server's {@link AuditSigningKey} comes from: the file named by {@value #ENV}, else
 * {@value #FILE_NAME} in the data directory, generated on the first start (readable by its owner
 * only) and read on every later one. Several servers on one database must share one key: point
 * {@value #ENV} at the same file on each (or copy the file). A file named by {@value #ENV} is never
 * generated.
 */
public final class AuditKeyFile {
  /** The key file in the server's data directory. */
  public static final String FILE_NAME = "audit-signing.key";

  /** The environment variable naming a key file to use instead. */
  public static final String ENV = "PROMPTOPS_AUDIT_KEY_FILE";

  private AuditKeyFile() {}

  /** The key and where it is; {@code created} when this start generated it. */
  public record Loaded(AuditSigningKey key, Path file, boolean created) {
    public String describe() {
      return "audit signing key " + key.id() + (created ? " generated in " : " from ") + file;
    }
  }

  /**
   * Loads the server's audit key.
   *
   * @param dataDir the server's data directory; may be null when {@value #ENV} is set
   */
  public static Loaded load(Path dataDir, Map<String, String> env) {
    String named = env.get(ENV);
    if (named != null && !named.isBlank()) {
      Path file = Path.of(named.strip()).toAbsolutePath().normalize();
      if (!Files.exists(file)) {
        throw new InvalidInputException(
            "audit_key_missing",
            ENV + " names " + file + ", which does not exist",
            "copy the audit key file of the first server there (all servers on one database share"
                + " one key), or unset "
                + ENV
                + " to use "
                + FILE_NAME
                + " in the data directory");
      }
      return new Loaded(read(file), file, false);
    }
    if (dataDir == null) {
      throw new InvalidInputException(
          "audit_key_missing",
          "no audit signing key: " + ENV + " is not set and there is no data directory",
          "set " + ENV + " to a key file, or start with --data DIR");
    }
    Path file = dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
    return Files.exists(file) ? new Loaded(read(file), file, false) : create(file);
  }

  static AuditSigningKey read(Path file) {
    try {
      return AuditSigningKey.parse(
          Files.readString(file, StandardCharsets.US_ASCII), "the key file " + file);
    } catch (IOException e) {
      throw new InvalidInputException(
          "audit_key_unreadable",
          "cannot read the audit key file " + file + ": " + e.getMessage(),
          "check its permissions (the server's user must be able to read it)",
          e);
    }
  }

  private static Loaded create(Path file) {
    AuditSigningKey key = AuditSigningKey.generate();
    try {
      return OwnerOnlyFiles.createNew(file, key.toText())
          ? new Loaded(key, file, true)
          : new Loaded(read(file), file, false); // another process was first: use its key
    } catch (IOException e) {
      throw new InvalidInputException(
          "audit_key_unwritable",
          "cannot write the audit key file " + file + ": " + e.getMessage(),
          "check that the data directory is writable, or set " + ENV,
          e);
    }
  }
}
