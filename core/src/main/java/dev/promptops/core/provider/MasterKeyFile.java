package dev.promptops.core.provider;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.files.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a server's {@link MasterKey} comes from: {@value MasterKey#ENV} when set, else the key file
 * {@value #FILE_NAME} in the data directory, generated on the first start (random, written
 * atomically, readable by its owner only) and read on every later one. A key file that is missing
 * or damaged while the database holds encrypted secrets is an error: a new key would make them
 * unreadable.
 */
public final class MasterKeyFile {
  /** The key file in the server's data directory. */
  public static final String FILE_NAME = "master.key";

  private MasterKeyFile() {}

  /** Where the key came from. */
  public enum Source {
    ENVIRONMENT,
    KEY_FILE,
    NEW_KEY_FILE
  }

  /** The key and its origin; {@code file} is null when it came from the environment. */
  public record Loaded(MasterKey key, Source source, Path file) {
    /** One line for the server's log, e.g. "master key 3fa2… from /data/master.key". */
    public String describe() {
      return "master key "
          + key.id()
          + switch (source) {
            case ENVIRONMENT -> " from " + MasterKey.ENV;
            case KEY_FILE -> " from " + file;
            case NEW_KEY_FILE -> " generated in " + file;
          };
    }
  }

  /**
   * Loads the server's master key.
   *
   * @param dataDir the server's data directory; may be null when {@value MasterKey#ENV} is set
   * @param env the process environment
   * @param storedKeyIds the key ids of the secrets already in the database
   */
  public static Loaded load(Path dataDir, Map<String, String> env, Set<String> storedKeyIds) {
    String fromEnv = env.get(MasterKey.ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new Loaded(MasterKey.parse(fromEnv, MasterKey.ENV), Source.ENVIRONMENT, null);
    }
    if (dataDir == null) {
      throw new InvalidInputException(
          "master_key_missing",
          "no master key for provider secrets: "
              + MasterKey.ENV
              + " is not set and there is no"
              + " data directory for a key file",
          "set " + MasterKey.ENV + " (" + MasterKey.GENERATE_HINT + "), or start with --data DIR");
    }
    Path file = dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
    if (Files.exists(file)) {
      return new Loaded(read(file, storedKeyIds), Source.KEY_FILE, file);
    }
    if (!storedKeyIds.isEmpty()) {
      throw new InvalidInputException(
          "master_key_missing",
          "no master key for provider secrets: "
              + MasterKey.ENV
              + " is not set and "
              + file
              + " does not exist, but the database holds provider secrets encrypted with key "
              + String.join(", ", new TreeSet<>(storedKeyIds))
              + "; a new key could not read them",
          restoreHint(dataDir));
    }
    return create(file);
  }

  /** Reads an existing key file. */
  static MasterKey read(Path file, Set<String> storedKeyIds) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(
          "master_key_unreadable",
          "cannot read the master key file " + file + ": " + e.getMessage(),
          "check its permissions (the server's user must be able to read it)",
          e);
    }
    try {
      return MasterKey.parse(text, "the key file " + file);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(
          "invalid_master_key",
          e.getMessage(),
          storedKeyIds.isEmpty()
              ? "restore it from your backup, or delete it to have a new key generated (no"
                  + " provider secret is stored yet)"
              : restoreHint(file.getParent()),
          e);
    }
  }

  /** Generates a key and writes it to {@code file} atomically, readable by its owner only. */
  static Loaded create(Path file) {
    MasterKey key = MasterKey.generate();
    try {
      if (!OwnerOnlyFiles.createNew(file, key.base64() + "\n")) {
        // Another process created the file between our check and now: use its key.
        return new Loaded(read(file, Set.of()), Source.KEY_FILE, file);
      }
      return new Loaded(key, Source.NEW_KEY_FILE, file);
    } catch (IOException e) {
      throw new InvalidInputException(
          "master_key_unwritable",
          "cannot write the master key file " + file + ": " + e.getMessage(),
          "check that the data directory is writable, or set "
              + MasterKey.ENV
              + " ("
              + MasterKey.GENERATE_HINT
              + ")",
          e);
    }
  }

  private static String restoreHint(Path dataDir) {
    return "restore "
        + FILE_NAME
        + " from your backup into "
        + dataDir
        + ", or set "
        + MasterKey.ENV
        + " to the original key; if the key is lost, start with a new "
        + MasterKey.ENV
        + " and set each provider's API key again";
  }
}
