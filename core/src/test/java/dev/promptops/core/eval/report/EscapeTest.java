package dev.promptops.core.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EscapeTest {
  @Test
  void xmlUsesCharacterReferencesAndReplacesWhatXmlForbids() {
    assertThat(Escape.xml("a<b>&c \"q\" ]]> \u0001 \uFFFE \uD800 😀\r"))
        .isEqualTo("a&#60;b&#62;&#38;c \"q\" ]]&#62; \uFFFD \uFFFD \uFFFD 😀&#13;");
    assertThat(Escape.xmlAttribute("\"it's\"\n\tx")).isEqualTo("&#34;it&#39;s&#34;&#10;&#9;x");
  }

  @Test
  void htmlUsesNamedEntities() {
    assertThat(Escape.html("<img src=x onerror=alert(1)>&"))
        .isEqualTo("&lt;img src=x onerror=alert(1)&gt;&amp;");
    assertThat(Escape.htmlAttribute("\" onmouseover=\"x")).isEqualTo("&quot; onmouseover=&quot;x");
  }

  @Test
  void clippingNeverSplitsASurrogatePairAndSaysWhatItLeftOut() {
    assertThat(Escape.clip("ab😀cd", 3)).isEqualTo("ab… (4 more characters)");
    assertThat(Escape.clip("abc", 3)).isEqualTo("abc");
    assertThat(Escape.clip(null, 3)).isEmpty();
  }

  @Test
  void csvQuotesOnlyWhenItMust() {
    assertThat(Escape.csvField("plain")).isEqualTo("plain");
    assertThat(Escape.csvField("a,b")).isEqualTo("\"a,b\"");
    assertThat(Escape.csvField("say \"hi\"\r\n")).isEqualTo("\"say \"\"hi\"\"\r\n\"");
  }
}
