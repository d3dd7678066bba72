package dev.promptops.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.auth.Role;
import dev.promptops.core.registry.Deployment;
import dev.promptops.core.registry.PromptVersion;
import dev.promptops.core.store.Tx;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Closing the store and opening the same database again loses nothing. */
abstract class RestartContract extends StoreContract {

  @Test
  void everythingIsStillThereAfterARestart() {
    var admin = keys().bootstrap(null).orElseThrow();
    createShop();
    pushVersions("greet", 3);
    deploy("greet", "staging", 3, null);
    deploy("greet", "canary", 2, null);
    var ci = keys().create(ADMIN, "ci-bot", Map.of("shop", Role.EDITOR));
    List<PromptVersion> versions = versions().versions(ADMIN, "shop", "greet");
    List<Deployment> history = deployments().history(ADMIN, "shop", "greet", null, 100);
    var counts = rowCounts();
    String head = audit.verify(store).headHash();

    store.close();
    store = database.open();

    assertThat(rowCounts()).isEqualTo(counts);
    assertThat(projects().get(ADMIN, "shop").environments())
        .containsExactly("dev", "staging", "production");
    assertThat(versions().versions(ADMIN, "shop", "greet")).isEqualTo(versions);
    assertThat(deployments().history(ADMIN, "shop", "greet", null, 100)).isEqualTo(history);
    assertThat(
            store
                .read((Tx tx) -> tx.pins().find("shop", "greet", "staging"))
                .orElseThrow()
                .version())
        .isEqualTo(3);
    assertThat(keys().authenticate(admin.secret()).isServerAdmin()).isTrue();
    assertThat(keys().authenticate(ci.secret()).name()).isEqualTo("ci-bot");
    var verification = audit.verify(store);
    assertThat(verification.ok()).isTrue();
    assertThat(verification.headHash()).isEqualTo(head);

    pushVersions("greet", 4);
    assertThat(versions().versions(ADMIN, "shop", "greet")).hasSize(4);
    assertThat(deploy("greet", "staging", 4, 3).deployment().id())
        .isEqualTo(history.getFirst().id() + 1);
    assertThat(audit.verify(store).ok()).isTrue();
  }

  @Test
  void openingAnUpToDateDatabaseAgainRunsNoMigration() {
    createShop();
    long applied = migrations();

    store.close();
    store = database.open();
    store.close();
    store = database.open();

    assertThat(migrations()).isEqualTo(applied).isGreaterThanOrEqualTo(2);
    assertThat(rowCounts()).containsEntry("projects", 1L);
  }

  private long migrations() {
    return store
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT COUNT(*) FROM flyway_schema_history")
                    .mapTo(Long.class)
                    .one());
  }
}
