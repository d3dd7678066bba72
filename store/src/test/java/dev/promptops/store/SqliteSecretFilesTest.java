package dev.promptops.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.auth.Role;
import dev.promptops.core.provider.MasterKey;
import dev.promptops.core.provider.ProviderAccounts;
import dev.promptops.core.provider.ProviderSettings;
import dev.promptops.core.provider.ProviderType;
import dev.promptops.core.registry.Projects;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attacker with a copy of the SQLite files (a backup, a stolen disk) finds no provider secret:
 * the database file and its WAL hold only ciphertext.
 */
class SqliteSecretFilesTest {
  static final Principal ADMIN = new Principal("k_admin", "admin", Map.of("*", Role.ADMIN));

  @TempDir Path dir;

  @Test
  void theRawDatabaseFilesHoldNoPartOfAnySecret() throws IOException {
    MasterKey key = MasterKey.generate();
    var bytesWhileOpen = new ByteArrayOutputStream();
    try (JdbcStore store = Stores.sqlite(dir)) {
      var audit = new AuditLog();
      new Projects(store, audit, Clock.systemUTC())
          .create(ADMIN, "shop", "", List.of("production"));
      var accounts = new ProviderAccounts(store, audit, Clock.systemUTC(), key, Map.of());
      accounts.set(
          ADMIN,
          "shop",
          ProviderSettings.of("openai", ProviderType.OPENAI, null),
          ProvidersContract.SECRET);
      accounts.set(
          ADMIN,
          "shop",
          ProviderSettings.of("local", ProviderType.OPENAI_COMPATIBLE, "http://127.0.0.1:1/v1"),
          ProvidersContract.OTHER_SECRET);
      assertThat(accounts.resolve("shop", "openai").apiKey()).isEqualTo(ProvidersContract.SECRET);
      assertThat(dir.resolve("promptops.db-wal")).as("the WAL holds the last writes").exists();
      bytesWhileOpen.write(readAll());
    }
    byte[] afterClose = readAll();

    for (byte[] bytes : List.of(bytesWhileOpen.toByteArray(), afterClose)) {
      String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(text)
          .as("the files were read")
          .contains("http://127.0.0.1:1/v1")
          .contains(key.id());
      SecretLeaks.assertAbsent(bytes, ProvidersContract.SECRET, ProvidersContract.OTHER_SECRET);
    }
  }

  /** Every file of the database: the main file, the WAL and the shared memory index. */
  private byte[] readAll() throws IOException {
    var all = new ByteArrayOutputStream();
    try (var files = Files.list(dir)) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().startsWith("promptops.db")).toList()) {
        all.write(Files.readAllBytes(f));
      }
    }
    return all.toByteArray();
  }
}
