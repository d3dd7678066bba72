package dev.promptops.core.eval.assertions;

import static dev.promptops.core.eval.assertions.Fixtures.ctx;
import static dev.promptops.core.eval.assertions.Fixtures.run;
import static dev.promptops.core.eval.assertions.Fixtures.vars;
import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.eval.AssertionResult;
import org.junit.jupiter.api.Test;

class TextAssertionsTest {

  static void passes(AssertionResult r, String reason) {
    assertThat(r.pass()).as(r.reason()).isTrue();
    assertThat(r.score()).isEqualTo(1);
    assertThat(r.reason()).isEqualTo(reason);
  }

  static void fails(AssertionResult r, String reason) {
    assertThat(r.pass()).as(r.reason()).isFalse();
    assertThat(r.score()).isEqualTo(0);
    assertThat(r.reason()).isEqualTo(reason);
  }

  @Test
  void equalsComparesTheWholeTextExactly() {
    passes(run("{type: equals, value: Paris}", "Paris"), "output equals \"Paris\"");
    fails(
        run("{type: equals, value: Paris}", "Paris."),
        "output \"Paris.\" does not equal \"Paris\"");
    fails(
        run("{type: equals, value: Paris}", "paris"), "output \"paris\" does not equal \"Paris\"");
    passes(run("{type: equals, value: 42}", "42"), "output equals \"42\"");
    passes(run("{type: equals, value: ''}", ""), "output equals \"\"");
  }

  @Test
  void containsFindsTheTextAnywhere() {
    passes(
        run("{type: contains, value: refund}", "Your refund is on its way."),
        "output contains \"refund\"");
    fails(
        run("{type: contains, value: refund}", "Your Refund is on its way."),
        "output does not contain \"refund\"");
    passes(run("{type: contains, value: 0}", "error 404: 0 items"), "output contains \"0\"");
  }

  @Test
  void icontainsIgnoresCase() {
    passes(
        run("{type: icontains, value: REFUND}", "your Refund"),
        "output contains \"REFUND\" (ignoring case)");
    fails(
        run("{type: icontains, value: refund}", "a return"),
        "output does not contain \"refund\" (ignoring case)");
  }

  @Test
  void negationFlipsPassAndScoreAndNamesTheNegatedType() {
    var r = run("{type: not-contains, value: sorry}", "I am sorry, I cannot help.");
    assertThat(r.pass()).isFalse();
    assertThat(r.score()).isEqualTo(0);
    assertThat(r.reason()).isEqualTo("output contains \"sorry\" (not-contains)");
    var ok = run("{type: not-contains, value: sorry}", "Here you go.");
    assertThat(ok.pass()).isTrue();
    assertThat(ok.score()).isEqualTo(1);
    assertThat(ok.reason()).isEqualTo("output does not contain \"sorry\" (not-contains)");
  }

  @Test
  void startsWithLooksAtTheVeryStart() {
    passes(run("{type: starts-with, value: 'Yes'}", "Yes, we ship."), "output starts with \"Yes\"");
    fails(
        run("{type: starts-with, value: 'Yes'}", " Yes, we ship."),
        "output does not start with \"Yes\" (it starts \" Yes, we ship.\")");
  }

  @Test
  void regexFindsAMatchAnywhereWithRe2() {
    passes(run("{type: regex, value: '\\d{4}'}", "order 12345"), "output matches /\\d{4}/");
    fails(
        run("{type: regex, value: '^\\d{4}$'}", "order 1234"), "output does not match /^\\d{4}$/");
    passes(run("{type: regex, value: '(?i)^hello'}", "HELLO there"), "output matches /(?i)^hello/");
    var r = run("{type: not-regex, value: '(a+)+$'}", "a".repeat(100_000) + "!");
    assertThat(r.pass()).as("RE2 runs in linear time: no catastrophic backtracking").isTrue();
  }

  @Test
  void containsAnyNeedsOneAndContainsAllNeedsEvery() {
    passes(
        run("{type: contains-any, value: [refund, return]}", "we accept returns"),
        "output contains \"return\" (one of \"refund\", \"return\")");
    fails(
        run("{type: contains-any, value: [refund, return]}", "no"),
        "output contains none of \"refund\", \"return\"");
    passes(
        run("{type: contains-all, value: [refund, days]}", "refund within 30 days"),
        "output contains all of \"refund\", \"days\"");
    fails(
        run("{type: contains-all, value: [refund, days, receipt]}", "refund within 30 days"),
        "output does not contain \"receipt\" (1 of 3 missing)");
  }

  @Test
  void caseInsensitiveListForms() {
    passes(
        run("{type: icontains-any, value: [REFUND]}", "a refund"),
        "output contains \"REFUND\" (one of \"REFUND\") (ignoring case)");
    fails(
        run("{type: icontains-all, value: [Refund, Receipt]}", "REFUND"),
        "output does not contain \"Receipt\" (1 of 2 missing) (ignoring case)");
  }

  @Test
  void listValuesMayBeOneCommaSeparatedStringAsInPromptfoo() {
    passes(
        run("{type: contains-all, value: 'refund, 30 days'}", "refund within 30 days"),
        "output contains all of \"refund\", \"30 days\"");
    passes(
        run("{type: contains-all, value: '\"1,000\", in stock'}", "1,000 in stock"),
        "output contains all of \"1,000\", \"in stock\"");
  }

  @Test
  void variablesAreSubstitutedOnceInStringsAndListItems() {
    var vars = vars("{customer: Ann, order: {id: 42}, trick: '{{customer}}'}");
    passes(
        run("{type: contains, value: 'Dear {{customer}}'}", ctx("Dear Ann,", vars)),
        "output contains \"Dear Ann\"");
    passes(
        run("{type: contains, value: 'order {{ order.id }}'}", ctx("your order 42", vars)),
        "output contains \"order 42\"");
    passes(
        run("{type: contains-all, value: ['{{customer}}', '#{{order.id}}']}", ctx("Ann #42", vars)),
        "output contains all of \"Ann\", \"#42\"");
    passes(
        run("{type: equals, value: '{{trick}}'}", ctx("{{customer}}", vars)),
        "output equals \"{{customer}}\"");
    passes(
        run("{type: contains, value: '{{order}}'}", ctx("{\"id\":42}", vars)),
        "output contains \"{\\\"id\\\":42}\"");
  }

  @Test
  void anUnknownVariableFailsEvenWhenNegated() {
    var vars = vars("{customer: Ann, order_id: 7}");
    var r = run("{type: not-contains, value: 'Dear {{custmer}}'}", ctx("Hi", vars));
    assertThat(r.pass()).isFalse();
    assertThat(r.score()).isEqualTo(0);
    assertThat(r.reason())
        .isEqualTo("unknown variable 'custmer' in the value; the case has customer, order_id");
  }

  @Test
  void aRegexThatNoLongerCompilesAfterSubstitutionFailsWithTheReason() {
    var r = run("{type: not-regex, value: '^{{prefix}}'}", ctx("x", vars("{prefix: '(a'}")));
    assertThat(r.pass()).isFalse();
    assertThat(r.reason())
        .startsWith("after substituting variables, /^(a/ is not a regular expression RE2 accepts");
  }
}
