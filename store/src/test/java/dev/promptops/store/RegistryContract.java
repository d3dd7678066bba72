package dev.promptops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.promptops.core.AccessDeniedException;
import dev.promptops.core.ConflictException;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.NotFoundException;
import dev.promptops.core.UnprocessableException;
import dev.promptops.core.registry.Project;
import dev.promptops.core.registry.PromptSummary;
import dev.promptops.core.registry.PromptVersion;
import dev.promptops.core.registry.PushItem;
import dev.promptops.core.registry.PushResult;
import dev.promptops.core.registry.Ref;
import dev.promptops.core.registry.Selector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code Projects} and {@code PromptVersions} on a real store, and the bad input they refuse. */
abstract class RegistryContract extends StoreContract {

  @Test
  void createsAProjectAndListsItForThoseWhoMayReadIt() {
    Project shop = projects().create(ADMIN, "shop", "the shop", List.of("dev", "production"));
    projects().create(ADMIN, "internal", null, List.of("live"));

    assertThat(projects().get(ADMIN, "shop")).isEqualTo(shop);
    assertThat(shop.createdAt()).isEqualTo(T0);
    assertThat(projects().list(ADMIN))
        .extracting(Project::name)
        .containsExactly("internal", "shop");
    assertThat(projects().list(CI)).extracting(Project::name).containsExactly("shop");
    assertThat(actions()).containsExactly("project.create", "project.create");
  }

  @Test
  void aTakenProjectNameIsAConflictAndChangesNothing() {
    createShop();

    refusedWithoutChange(
        () -> projects().create(ADMIN, "shop", "again", List.of("dev")),
        ConflictException.class,
        "project_exists");
  }

  @Test
  void setEnvironmentsChangesTheChainButKeepsLiveEnvironments() {
    createShop();
    pushVersions("greet", 1);
    deploy("greet", "staging", 1, null);

    var changed =
        projects().setEnvironments(ADMIN, "shop", List.of("dev", "qa", "staging", "production"));

    assertThat(changed.environments()).containsExactly("dev", "qa", "staging", "production");
    assertThat(projects().get(ADMIN, "shop")).isEqualTo(changed);
    refusedWithoutChange(
        () -> projects().setEnvironments(ADMIN, "shop", List.of("dev", "production")),
        ConflictException.class,
        "environment_in_use");
  }

  @Test
  void pushCreatesVersionOneThenTwo() {
    createShop();

    var first = versions().push(CI, "shop", List.of(item("support/reply", 1)), "first");
    var second = versions().push(CI, "shop", List.of(item("support/reply", 2)), "second");

    assertThat(first)
        .extracting(PushResult::version, PushResult::created)
        .containsExactly(tuple(1, true));
    assertThat(second)
        .extracting(PushResult::version, PushResult::created)
        .containsExactly(tuple(2, true));
    PromptVersion v2 = versions().version(ADMIN, "shop", "support/reply", 2);
    assertThat(v2.digest()).isEqualTo(second.getFirst().digest());
    assertThat(v2.message()).isEqualTo("second");
    assertThat(v2.createdBy()).isEqualTo("ci-bot");
    assertThat(v2.template()).isEqualTo("Hello {{name}} #2");
    assertThat(v2.frontMatter().get("model").textValue()).isEqualTo("openai/gpt-4o-mini");
    assertThat(versions().versions(ADMIN, "shop", "support/reply"))
        .extracting(PromptVersion::version)
        .containsExactly(1, 2);
    assertThat(actions()).containsExactly("project.create", "version.create", "version.create");
  }

  @Test
  void identicalContentCreatesNothingAndReportsTheExistingVersion() {
    createShop();
    pushVersions("greet", 2);
    var before = rowCounts();

    var again =
        versions()
            .push(CI, "shop", List.of(new PushItem("greet", source(1).replace("\n", "\r\n"))), "");

    assertThat(again)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.created()).isFalse();
              assertThat(r.version()).isEqualTo(1);
              assertThat(r.describe()).contains("unchanged, identical to v1");
            });
    assertThat(rowCounts()).isEqualTo(before);
  }

  @Test
  void aBatchPushIsAllOrNothingWhenOneItemIsMalformed() {
    createShop();
    pushVersions("greet", 1);

    refusedWithoutChange(
        () ->
            versions()
                .push(
                    CI,
                    "shop",
                    List.of(
                        item("greet", 2),
                        item("reply", 1),
                        new PushItem("broken", "---\nmodel: [unclosed\n---\nHi\n")),
                    "batch"),
        UnprocessableException.class,
        "invalid_front_matter");
    assertThat(versions().list(ADMIN, "shop"))
        .extracting(PromptSummary::name)
        .containsExactly("greet");
  }

  @Test
  void aBatchPushCommitsEveryNewVersionTogether() {
    createShop();
    pushVersions("greet", 1);

    var results =
        versions()
            .push(
                CI, "shop", List.of(item("greet", 1), item("greet/sub", 1), item("reply", 7)), "b");

    assertThat(results)
        .extracting(PushResult::name, PushResult::version, PushResult::created)
        .containsExactly(
            tuple("greet", 1, false), tuple("greet/sub", 1, true), tuple("reply", 1, true));
    assertThat(versions().list(ADMIN, "shop"))
        .extracting(PromptSummary::name, PromptSummary::latestVersion)
        .containsExactly(tuple("greet", 1), tuple("greet/sub", 1), tuple("reply", 1));
  }

  @Test
  void badNamesAreRefusedAndChangeNothing() {
    createShop();
    pushVersions("greet", 1);

    refusedWithoutChange(
        () -> versions().push(CI, "shop", List.of(item("greet", 2), item("bad name", 1)), ""),
        InvalidInputException.class,
        "invalid_prompt_name");
    refusedWithoutChange(
        () -> versions().push(CI, "shop", List.of(item("a//b", 1)), ""),
        InvalidInputException.class,
        "invalid_prompt_name");
    refusedWithoutChange(
        () -> projects().create(ADMIN, "Bad_Project", "", List.of("dev")),
        InvalidInputException.class,
        "invalid_project_name");
    refusedWithoutChange(
        () -> projects().create(ADMIN, "fine", "", List.of("dev", "Prod")),
        InvalidInputException.class,
        "invalid_target_name");
    refusedWithoutChange(
        () -> versions().push(CI, "shop", List.of(item("greet", 2), item("greet", 3)), ""),
        InvalidInputException.class,
        "duplicate_prompt");
  }

  @Test
  void unknownProjectsPromptsAndVersionsAreNotFoundAndChangeNothing() {
    createShop();
    pushVersions("greet", 2);

    refusedWithoutChange(
        () -> versions().push(ADMIN, "nope", List.of(item("greet", 1)), ""),
        NotFoundException.class,
        "project_not_found");
    refusedWithoutChange(
        () -> versions().versions(ADMIN, "shop", "nope"),
        NotFoundException.class,
        "prompt_not_found");
    refusedWithoutChange(
        () -> versions().version(ADMIN, "shop", "greet", 3),
        NotFoundException.class,
        "version_not_found");
    refusedWithoutChange(
        () -> versions().resolve(ADMIN, "shop", "greet", new Selector.Default()),
        NotFoundException.class,
        "nothing_deployed");
    refusedWithoutChange(
        () -> projects().get(ADMIN, "nope"), NotFoundException.class, "project_not_found");
  }

  @Test
  void aKeyWithoutTheRightRoleChangesNothing() {
    createShop();

    refusedWithoutChange(
        () -> versions().push(DEPLOYER, "shop", List.of(item("greet", 1)), ""),
        AccessDeniedException.class,
        "forbidden");
    refusedWithoutChange(
        () -> projects().create(CI, "mine", "", List.of("dev")),
        AccessDeniedException.class,
        "forbidden");
  }

  @Test
  void resolvesByEnvironmentLabelVersionAndLatest() {
    createShop();
    pushVersions("greet", 3);
    deploy("greet", "production", 2, null);
    deploy("greet", "canary", 1, null);

    assertThat(versions().resolve(ADMIN, "shop", "greet", new Selector.Default()))
        .satisfies(r -> assertThat(r.via()).isEqualTo("env:production"))
        .satisfies(r -> assertThat(r.version().version()).isEqualTo(2));
    assertThat(
            versions()
                .resolve(ADMIN, "shop", "greet", new Selector.Label("canary"))
                .version()
                .version())
        .isEqualTo(1);
    assertThat(
            versions()
                .resolve(ADMIN, "shop", "greet", new Selector.Label("latest"))
                .version()
                .version())
        .isEqualTo(3);
    assertThat(versions().resolve(ADMIN, "shop", "greet", new Selector.Version(3)).via())
        .isEqualTo("version");
    assertThat(
            versions()
                .diff(ADMIN, "shop", Ref.parse("greet@1"), Ref.parse("greet:production"))
                .template())
        .contains("-Hello {{name}} #1")
        .contains("+Hello {{name}} #2");
    assertThat(versions().list(ADMIN, "shop"))
        .singleElement()
        .satisfies(s -> assertThat(s.pins()).isEqualTo(Map.of("production", 2, "canary", 1)));
  }
}
