package dev.promptops.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyFileTest {
  @TempDir Path dir;

  @Test
  void theFirstStartGeneratesAKeyFileReadableByItsOwnerOnly() throws Exception {
    var first = MasterKeyFile.load(dir.resolve("data"), Map.of(), Set.of());

    Path file = dir.resolve("data/master.key");
    assertThat(first.source()).isEqualTo(MasterKeyFile.Source.NEW_KEY_FILE);
    assertThat(first.file()).isEqualTo(file);
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
    assertThat(Files.list(dir.resolve("data")).map(p -> p.getFileName().toString()))
        .as("no temporary file is left behind")
        .containsExactly("master.key");
    assertThat(first.describe())
        .isEqualTo("master key " + first.key().id() + " generated in " + file);

    var again = MasterKeyFile.load(dir.resolve("data"), Map.of(), Set.of(first.key().id()));

    assertThat(again.source()).isEqualTo(MasterKeyFile.Source.KEY_FILE);
    assertThat(again.key()).isEqualTo(first.key());
  }

  @Test
  void theEnvironmentWinsOverTheKeyFile() {
    MasterKeyFile.load(dir, Map.of(), Set.of());
    String env = Base64.getEncoder().encodeToString(MasterKeyTest.BYTES);

    var loaded = MasterKeyFile.load(dir, Map.of("PROMPTOPS_MASTER_KEY", env), Set.of());

    assertThat(loaded.source()).isEqualTo(MasterKeyFile.Source.ENVIRONMENT);
    assertThat(loaded.key()).isEqualTo(MasterKey.of(MasterKeyTest.BYTES));
    assertThat(loaded.describe()).endsWith(" from PROMPTOPS_MASTER_KEY");
  }

  @Test
  void aBadEnvironmentValueIsAnErrorNotAFallbackToTheFile() {
    assertThatThrownBy(
            () -> MasterKeyFile.load(dir, Map.of("PROMPTOPS_MASTER_KEY", "hunter2"), Set.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("PROMPTOPS_MASTER_KEY is not a master key")
        .hasMessageNotContaining("hunter2");
    assertThat(dir.resolve("master.key")).doesNotExist();
  }

  @Test
  void aMissingKeyFileWhileSecretsExistIsAnErrorNeverANewKey() {
    assertThatThrownBy(() -> MasterKeyFile.load(dir, Map.of(), Set.of("3fa2aaaaaaaa")))
        .isInstanceOf(InvalidInputException.class)
        .hasFieldOrPropertyWithValue("code", "master_key_missing")
        .hasMessageContaining("encrypted with key 3fa2aaaaaaaa")
        .hasMessageContaining(dir.resolve("master.key").toString())
        .satisfies(
            e ->
                assertThat(((InvalidInputException) e).hint())
                    .contains("restore master.key from your backup")
                    .contains("PROMPTOPS_MASTER_KEY"));
    assertThat(dir.resolve("master.key")).doesNotExist();
  }

  @Test
  void aCorruptKeyFileIsAnError() throws Exception {
    Files.writeString(dir.resolve("master.key"), "not a key\n");

    assertThatThrownBy(() -> MasterKeyFile.load(dir, Map.of(), Set.of("3fa2aaaaaaaa")))
        .isInstanceOf(InvalidInputException.class)
        .hasFieldOrPropertyWithValue("code", "invalid_master_key")
        .hasMessageStartingWith(
            "the key file " + dir.resolve("master.key") + " is not a master key")
        .satisfies(
            e ->
                assertThat(((InvalidInputException) e).hint())
                    .contains("restore master.key from your backup"));
    assertThat(Files.readString(dir.resolve("master.key"))).isEqualTo("not a key\n");
  }

  @Test
  void withoutADataDirectoryTheEnvironmentMustGiveTheKey() {
    assertThatThrownBy(() -> MasterKeyFile.load(null, Map.of(), Set.of()))
        .hasFieldOrPropertyWithValue("code", "master_key_missing")
        .hasMessageContaining("PROMPTOPS_MASTER_KEY is not set");
  }
}
