package dev.promptops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.dotprompt.Problem;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.dotprompt.TemplateException;
import dev.promptops.core.json.Json;
import dev.promptops.core.prompt.ComponentPin;
import dev.promptops.core.registry.Components;
import dev.promptops.core.registry.Impact;
import dev.promptops.core.registry.PromptVersion;
import dev.promptops.core.registry.PushItem;
import dev.promptops.core.registry.PushResult;
import dev.promptops.core.registry.Rendering;
import dev.promptops.core.registry.Selector;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Components (partials) pinned by version: push, render, impact, and what is refused. */
abstract class ComponentsContract extends StoreContract {
  static final String REPLY = "---\nmodel: m\n---\n{{> footer}}\nThanks, {{name}}.";

  @BeforeEach
  void shop() {
    createShop();
  }

  List<PushResult> push(PushItem... items) {
    return versions().push(ADMIN, "shop", List.of(items), "");
  }

  static PushItem footer(String text) {
    return new PushItem("_footer", text + "\n");
  }

  String render(Selector selector) {
    var r =
        new Rendering(store)
            .render(
                ADMIN,
                "shop",
                "reply",
                selector,
                RenderData.of(Json.object().put("name", "Ann")),
                null);
    return r.rendered().messages().get(0).at("/content/0/text").asText();
  }

  @Test
  void aPromptPinsTheComponentVersionPushedWithIt() {
    var results = push(new PushItem("reply", REPLY), footer("Kind regards"));

    assertThat(results).extracting(PushResult::name).containsExactly("reply", "_footer");
    PromptVersion reply = versions().version(ADMIN, "shop", "reply", 1);
    assertThat(reply.components())
        .containsExactly(new ComponentPin("_footer", 1, results.get(1).digest()));
    assertThat(render(new Selector.Version(1))).isEqualTo("Kind regards\nThanks, Ann.");
  }

  @Test
  void publishingAComponentChangesNothingDeployedUntilANewVersionIsDeployed() {
    push(new PushItem("reply", REPLY), footer("Kind regards"));
    deploy("reply", "production", 1, null);

    push(footer("Cheers"));
    assertThat(render(new Selector.Default())).isEqualTo("Kind regards\nThanks, Ann.");

    var adopted = push(new PushItem("reply", REPLY));
    assertThat(adopted.getFirst().created()).isTrue();
    assertThat(adopted.getFirst().version()).isEqualTo(2);
    assertThat(render(new Selector.Default())).isEqualTo("Kind regards\nThanks, Ann.");
    deploy("reply", "production", 2, 1);
    assertThat(render(new Selector.Default())).isEqualTo("Cheers\nThanks, Ann.");

    var again = push(new PushItem("reply", REPLY), footer("Cheers"));
    assertThat(again).extracting(PushResult::created).containsExactly(false, false);
  }

  @Test
  void nestedComponentsArePinnedTransitively() {
    push(
        new PushItem("reply", "{{> outer}}"),
        new PushItem("_outer", "[{{> inner}}]"),
        new PushItem("_inner", "in"));

    assertThat(versions().version(ADMIN, "shop", "reply", 1).components())
        .extracting(ComponentPin::name)
        .containsExactly("_inner", "_outer");
    assertThat(render(new Selector.Version(1))).isEqualTo("[in]");
  }

  @Test
  void missingComponentsAreRefusedWithTheirPosition() {
    refusedWithoutChange(
        () -> push(new PushItem("reply", REPLY)), TemplateException.class, "unknown_partial");
    try {
      push(new PushItem("reply", REPLY));
    } catch (TemplateException e) {
      Problem p = e.problems().getFirst();
      assertThat(p.line()).isEqualTo(4);
      assertThat(p.column()).isEqualTo(1);
      assertThat(p.message()).contains("no component _footer");
    }
  }

  @Test
  void aBrokenComponentIsReportedOnceAndNotAsAMissingOneToo() {
    assertThatThrownBy(
            () -> push(new PushItem("reply", REPLY), new PushItem("_footer", "{{shout x}}")))
        .isInstanceOfSatisfying(
            TemplateException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::origin, Problem::code)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("_footer", "unknown_helper")));
  }

  @Test
  void cyclesAreRefused() {
    refusedWithoutChange(
        () -> push(new PushItem("_a", "{{> b}}"), new PushItem("_b", "{{> a}}")),
        TemplateException.class,
        "partial_cycle");
    assertThatThrownBy(() -> push(new PushItem("_self", "again {{> self}}")))
        .hasMessageContaining("_self includes itself");
    push(new PushItem("_a", "a"));
    push(new PushItem("_b", "{{> a}}"));
    refusedWithoutChange(
        () -> push(new PushItem("_a", "{{> b}}")), TemplateException.class, "partial_cycle");
  }

  @Test
  void oneComponentCannotBePinnedAtTwoVersions() {
    push(new PushItem("_inner", "v1"), new PushItem("_outer", "({{> inner}})"));
    push(new PushItem("_inner", "v2"));
    refusedWithoutChange(
        () -> push(new PushItem("reply", "{{> outer}} {{> inner}}")),
        TemplateException.class,
        "component_conflict");
  }

  @Test
  void aVersionThatDoesNotLintIsRefusedWithEveryProblem() {
    String src = "---\ninput:\n  schema:\n    name: string\n---\n{{nmae}} {{shout name}}";
    refusedWithoutChange(
        () -> push(new PushItem("reply", src)), TemplateException.class, "undeclared_variable");
    var warned =
        push(
            new PushItem(
                "reply",
                "---\ninput:\n  schema:\n    name: string\n    age?: integer\n---\n{{name}}"));
    assertThat(warned.getFirst().warnings())
        .extracting(Problem::code, Problem::variable)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("unused_variable", "age"));
  }

  @Test
  void impactListsPinningVersionsWhereTheyRunAndWhatAdoptingWouldChange() {
    push(new PushItem("reply", REPLY), footer("Kind regards"));
    deploy("reply", "production", 1, null);
    push(footer("Cheers"));
    push(new PushItem("reply", REPLY));
    deploy("reply", "staging", 2, null);

    Impact impact = new Components(store).impact(ADMIN, "shop", "footer", null);

    assertThat(impact.component()).isEqualTo("_footer");
    assertThat(impact.latestVersion()).isEqualTo(2);
    assertThat(impact.prompts())
        .extracting(
            Impact.Affected::prompt,
            Impact.Affected::version,
            Impact.Affected::pinned,
            Impact.Affected::latest,
            Impact.Affected::runningIn,
            Impact.Affected::wouldChange)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("reply", 1, 1, false, List.of("production"), true),
            org.assertj.core.groups.Tuple.tuple("reply", 2, 2, true, List.of("staging"), false));
    assertThat(impact.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.from()).isEqualTo(1);
              assertThat(c.to()).isEqualTo(2);
              assertThat(c.templateDiff()).contains("-Kind regards").contains("+Cheers");
            });
    assertThat(new Components(store).impact(ADMIN, "shop", "_footer", 1).prompts())
        .extracting(Impact.Affected::wouldChange)
        .containsExactly(false, true);
  }
}
