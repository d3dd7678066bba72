package dev.promptops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.AccessDeniedException;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.NotFoundException;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.audit.AuditEntry;
import dev.promptops.core.audit.AuditQuery;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.auth.Role;
import dev.promptops.core.provider.MasterKey;
import dev.promptops.core.provider.ProviderAccounts;
import dev.promptops.core.provider.ProviderConfig;
import dev.promptops.core.provider.ProviderInfo;
import dev.promptops.core.provider.ProviderSettings;
import dev.promptops.core.provider.ProviderType;
import dev.promptops.core.store.Tx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ProviderAccounts} on a real store: settings, encrypted secrets, audit, resolution. */
abstract class ProvidersContract extends StoreContract {
  static final String SECRET = "sk-proj-Zq3xV9mW2pL7kR4tY8uN1bC6dF0gH5jS";
  static final String OTHER_SECRET = "sk-ant-api03-Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0Lz";
  static final Principal SHOP_ADMIN =
      new Principal("k_shopadmin", "shop-admin", Map.of("shop", Role.ADMIN));
  static final Principal VIEWER = new Principal("k_viewer", "viewer", Map.of("shop", Role.VIEWER));
  static final Principal OTHER_ADMIN =
      new Principal("k_other", "other-admin", Map.of("other", Role.ADMIN));

  final MasterKey key = MasterKey.generate();

  @BeforeEach
  void shop() {
    createShop();
  }

  ProviderAccounts accounts() {
    return accounts(key, Map.of());
  }

  ProviderAccounts accounts(MasterKey masterKey, Map<String, String> env) {
    return new ProviderAccounts(store, audit, clock, masterKey, env);
  }

  static ProviderSettings openai() {
    return new ProviderSettings(
        "openai", ProviderType.OPENAI, null, Map.of(), Duration.ofSeconds(30), 3, 4, 120);
  }

  static ProviderSettings local() {
    return ProviderSettings.of("local", ProviderType.OPENAI_COMPATIBLE, "http://127.0.0.1:8000/v1");
  }

  @Test
  void setGetListAndRemoveNeverShowTheSecret() {
    ProviderInfo set = accounts().set(SHOP_ADMIN, "shop", openai(), SECRET);
    accounts().set(ADMIN, "shop", local(), null);

    assertThat(set.hasSecret()).isTrue();
    assertThat(set.secretKeyId()).isEqualTo(key.id());
    assertThat(set.updatedBy()).isEqualTo("shop-admin");
    assertThat(set.updatedAt()).isEqualTo(T0);
    assertThat(set.toString()).doesNotContain(SECRET);
    assertThat(accounts().get(VIEWER, "shop", "openai")).isEqualTo(set);
    assertThat(accounts().list(VIEWER, "shop"))
        .extracting(ProviderInfo::name, ProviderInfo::hasSecret)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("local", false),
            org.assertj.core.groups.Tuple.tuple("openai", true));

    ProviderInfo removed = accounts().remove(SHOP_ADMIN, "shop", "openai");

    assertThat(removed.name()).isEqualTo("openai");
    assertThat(accounts().list(VIEWER, "shop"))
        .extracting(ProviderInfo::name)
        .containsExactly("local");
    assertThatThrownBy(() -> accounts().get(VIEWER, "shop", "openai"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("no provider 'openai' in project 'shop'");
    assertThat(actions())
        .containsExactly("project.create", "provider.set", "provider.set", "provider.remove");
  }

  @Test
  void resolveDecryptsTheStoredSecretInMemory() {
    accounts().set(SHOP_ADMIN, "shop", openai(), SECRET);

    ProviderConfig config = accounts().resolve("shop", "openai");

    assertThat(config.apiKey()).isEqualTo(SECRET);
    assertThat(config.type()).isEqualTo(ProviderType.OPENAI);
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.maxRetries()).isEqualTo(3);
    assertThat(config.maxConcurrent()).isEqualTo(4);
    assertThat(config.requestsPerMinute()).isEqualTo(120);
  }

  @Test
  void settingWithoutAKeyKeepsTheStoredOneAndANewKeyReplacesIt() {
    accounts().set(SHOP_ADMIN, "shop", openai(), SECRET);
    var slower =
        new ProviderSettings(
            "openai", ProviderType.OPENAI, null, Map.of(), Duration.ofSeconds(90), 1, 0, 0);

    accounts().set(SHOP_ADMIN, "shop", slower, null);

    assertThat(accounts().resolve("shop", "openai").apiKey()).isEqualTo(SECRET);
    assertThat(accounts().resolve("shop", "openai").timeout()).isEqualTo(Duration.ofSeconds(90));

    accounts().set(SHOP_ADMIN, "shop", slower, OTHER_SECRET + "\n");

    assertThat(accounts().resolve("shop", "openai").apiKey()).isEqualTo(OTHER_SECRET);
    assertThat(auditDetails("provider.set"))
        .extracting(d -> d.get("secretChanged").asBoolean(), d -> d.get("created").asBoolean())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(true, true),
            org.assertj.core.groups.Tuple.tuple(false, false),
            org.assertj.core.groups.Tuple.tuple(true, false));
  }

  @Test
  void settingTheSameSettingsAgainChangesNothing() {
    accounts().set(SHOP_ADMIN, "shop", openai(), SECRET);
    var before = rowCounts();

    ProviderInfo again = accounts().set(SHOP_ADMIN, "shop", openai(), null);

    assertThat(again.hasSecret()).isTrue();
    assertThat(rowCounts()).isEqualTo(before);
    assertThat(actions()).containsExactly("project.create", "provider.set");
  }

  @Test
  void theAuditRecordsWhatChangedButNeverTheSecret() {
    accounts().set(SHOP_ADMIN, "shop", openai(), SECRET);
    accounts().remove(SHOP_ADMIN, "shop", "openai");

    List<AuditEntry> entries =
        store.read((Tx tx) -> tx.audit().query(AuditQuery.all(100))).stream()
            .filter(e -> e.action().startsWith("provider."))
            .toList();

    assertThat(entries).extracting(AuditEntry::project).containsOnly("shop");
    assertThat(entries).extracting(AuditEntry::target).containsOnly("openai");
    JsonNode set = entries.get(0).details();
    assertThat(set.get("type").asText()).isEqualTo("openai");
    assertThat(set.get("secretChanged").asBoolean()).isTrue();
    assertThat(set.get("requestsPerMinute").asInt()).isEqualTo(120);
    assertThat(entries.get(1).details().get("hadSecret").asBoolean()).isTrue();
    assertThat(entries.toString()).doesNotContain(SECRET).doesNotContain("ciphertext");
  }

  @Test
  void onlyProjectAdminsChangeProvidersAndReadersSeeThem() {
    accounts().set(SHOP_ADMIN, "shop", openai(), SECRET);

    refusedWithoutChange(
        () -> accounts().set(CI, "shop", local(), null), AccessDeniedException.class, "forbidden");
    refusedWithoutChange(
        () -> accounts().set(DEPLOYER, "shop", local(), null),
        AccessDeniedException.class,
        "forbidden");
    refusedWithoutChange(
        () -> accounts().set(OTHER_ADMIN, "shop", local(), null),
        AccessDeniedException.class,
        "forbidden");
    refusedWithoutChange(
        () -> accounts().remove(VIEWER, "shop", "openai"),
        AccessDeniedException.class,
        "forbidden");
    assertThatThrownBy(() -> accounts().list(OTHER_ADMIN, "shop"))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(accounts().list(CI, "shop")).hasSize(1);
  }

  @Test
  void badRequestsAreRefusedAndChangeNothing() {
    refusedWithoutChange(
        () -> accounts().set(ADMIN, "nope", openai(), SECRET),
        NotFoundException.class,
        "project_not_found");
    refusedWithoutChange(
        () -> accounts().set(ADMIN, "shop", openai(), "  "),
        InvalidInputException.class,
        "empty_api_key");
    refusedWithoutChange(
        () -> accounts().set(ADMIN, "shop", openai(), "sk-one sk-two"),
        InvalidInputException.class,
        "invalid_api_key");
    refusedWithoutChange(
        () -> accounts().remove(ADMIN, "shop", "openai"),
        NotFoundException.class,
        "provider_not_found");
    refusedWithoutChange(
        () -> accounts().remove(ADMIN, "shop", "Bad Name"),
        InvalidInputException.class,
        "invalid_provider_name");
  }

  @Test
  void resolveFallsBackToTheEnvironment() {
    accounts().set(ADMIN, "shop", local(), null);
    accounts()
        .set(ADMIN, "shop", ProviderSettings.of("anthropic", ProviderType.ANTHROPIC, null), null);
    var env =
        Map.of(
            "PROMPTOPS_PROVIDER_LOCAL_API_KEY", "local-key",
            "OPENAI_API_KEY", "sk-env",
            "ANTHROPIC_API_KEY", "ant-env");
    ProviderAccounts withEnv = accounts(key, env);

    assertThat(withEnv.resolve("shop", "local").apiKey())
        .as("a server-wide key never goes to an endpoint a project admin chose")
        .isNull();
    assertThat(withEnv.resolve("shop", "local").baseUrl()).isEqualTo("http://127.0.0.1:8000/v1");
    accounts().set(ADMIN, "shop", ProviderSettings.of("openai2", ProviderType.OPENAI, null), null);
    assertThat(
            accounts(key, Map.of("PROMPTOPS_PROVIDER_OPENAI2_API_KEY", "sk-2"))
                .resolve("shop", "openai2")
                .apiKey())
        .as("the public endpoint may take it")
        .isEqualTo("sk-2");
    assertThat(accounts().resolve("shop", "local").apiKey())
        .as("a custom endpoint may need no key")
        .isNull();
    assertThat(withEnv.resolve("shop", "openai").apiKey()).isEqualTo("sk-env");
    assertThatThrownBy(() -> withEnv.resolve("shop", "anthropic"))
        .as("a configured provider never takes the well-known variable of another")
        .isInstanceOf(NotFoundException.class)
        .hasFieldOrPropertyWithValue("code", "provider_key_not_found")
        .hasMessage(
            "provider 'anthropic' of project 'shop' has no API key: none is stored and"
                + " PROMPTOPS_PROVIDER_ANTHROPIC_API_KEY is not set on the server");
    assertThatThrownBy(() -> accounts().resolve("shop", "openai"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage(
            "no provider 'openai' in project 'shop', and OPENAI_API_KEY is not set on the server")
        .satisfies(
            e ->
                assertThat(((NotFoundException) e).hint())
                    .contains("promptops provider add openai --type openai --api-key-env VAR"));
  }

  @Test
  void aServerWithAnotherMasterKeySaysWhichKeyItNeeds() {
    accounts().set(ADMIN, "shop", openai(), SECRET);
    MasterKey other = MasterKey.generate();

    assertThat(ProviderAccounts.storedKeyIds(store)).containsExactly(key.id());
    assertThat(accounts(other, Map.of()).unreadable())
        .extracting(ProviderInfo::name)
        .containsExactly("openai");
    assertThat(accounts().unreadable()).isEmpty();
    assertThatThrownBy(() -> accounts(other, Map.of()).resolve("shop", "openai"))
        .isInstanceOf(PromptOpsException.class)
        .hasMessage(
            "the secret of provider 'openai' in project 'shop' was encrypted with master key "
                + key.id()
                + ", the server has key "
                + other.id());

    accounts(other, Map.of()).set(ADMIN, "shop", openai(), OTHER_SECRET);

    assertThat(accounts(other, Map.of()).resolve("shop", "openai").apiKey())
        .as("setting the key again re-encrypts it with the new master key")
        .isEqualTo(OTHER_SECRET);
  }

  @Test
  void aCiphertextCopiedToAnotherProviderDoesNotDecrypt() {
    accounts().set(ADMIN, "shop", openai(), SECRET);
    accounts().set(ADMIN, "shop", local(), OTHER_SECRET);

    sql(
        "UPDATE providers SET secret_nonce = (SELECT secret_nonce FROM providers WHERE name ="
            + " 'openai'), secret_ciphertext = (SELECT secret_ciphertext FROM providers WHERE name"
            + " = 'openai') WHERE name = 'local'");

    assertThatThrownBy(() -> accounts().resolve("shop", "local"))
        .isInstanceOf(PromptOpsException.class)
        .hasFieldOrPropertyWithValue("code", "secret_tampered")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void secretsNeverReachTheDatabaseInAnyColumn() {
    accounts().set(SHOP_ADMIN, "shop", openai(), SECRET);
    accounts().set(SHOP_ADMIN, "shop", local(), OTHER_SECRET);
    accounts().set(SHOP_ADMIN, "shop", openai(), OTHER_SECRET);

    String everything =
        store
            .jdbi()
            .withHandle(
                h -> {
                  var all = new StringBuilder();
                  for (String table : TABLES) {
                    all.append(h.createQuery("SELECT * FROM " + table).mapToMap().list())
                        .append('\n');
                  }
                  return all.toString();
                });
    assertThat(everything).contains(key.id()).contains("http://127.0.0.1:8000/v1");
    SecretLeaks.assertAbsent(everything, SECRET, OTHER_SECRET);
  }

  private List<JsonNode> auditDetails(String action) {
    return store.read((Tx tx) -> tx.audit().query(AuditQuery.all(100))).stream()
        .filter(e -> e.action().equals(action))
        .map(e -> (JsonNode) e.details())
        .toList();
  }
}
