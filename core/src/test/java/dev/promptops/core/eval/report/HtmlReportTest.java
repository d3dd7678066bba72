package dev.promptops.core.eval.report;

import static dev.promptops.core.eval.report.Fixtures.BASELINE;
import static dev.promptops.core.eval.report.Fixtures.CANDIDATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

class HtmlReportTest {
  private final String html =
      Fixtures.write(new HtmlReport(), Fixtures.report(), Fixtures.reader(Fixtures.results()));

  @Test
  void aHeaderWithSuiteDigestRunAndVerdict() {
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<h1>promptops eval: support</h1>")
        .contains("<p class=\"verdict v-fail\">✘ Gate failed</p>")
        .contains("<li>pass rate 50.0% &lt; 95.0%</li>")
        .contains("<dd>ev_1</dd>", "<code>sha256:cd12</code>")
        .endsWith("</html>\n");
  }

  @Test
  void aSummaryRowAndAPassRateBarPerVariant() {
    assertThat(html)
        .contains("<tr><th scope=\"row\">" + CANDIDATE + "</th><td>support/reply</td><td>v3</td>")
        .contains("<th scope=\"row\">" + BASELINE + " (baseline)</th>");
    assertThat(count(html, "<svg ")).isEqualTo(1 + 2);
    assertThat(html)
        .contains(
            "<title>" + CANDIDATE + ": 50.0%</title>",
            "score 0.9–1.0: 2 runs",
            "score 0.4–0.5: 1 runs");
  }

  @Test
  void theMatrixHasARowPerCaseRunSortedAndACellPerVariant() {
    String matrix = html.substring(html.indexOf("<table id=\"cases\">"));
    assertThat(count(matrix, "<tr class=")).isEqualTo(4);
    assertThat(matrix.indexOf("case 2 #1")).isLessThan(matrix.indexOf("case 3"));
    assertThat(count(matrix, "<td class=\"c-")).isEqualTo(8);
    assertThat(matrix).contains("<td class=\"c-error\">", "provider openai failed: HTTP 503");
    assertThat(count(matrix, "<tr class=\"bad\">")).isEqualTo(2);
    assertThat(html).contains("#only-failing:checked~table tbody tr.ok{display:none}");
    assertThat(html).contains("<input type=\"checkbox\" id=\"only-failing\"/>");
  }

  @Test
  void failingReasonsAreInTheCellOnHoverAndInDetails() {
    assertThat(html)
        .contains(
            "<details><summary>2 failing</summary><ul><li>contains: output does not contain \"refund\"</li>")
        .contains(
            "title=\"contains: output does not contain &quot;refund&quot;&#10;llm-rubric: rude: &lt;script&gt;");
  }

  @Test
  void modelOutputIsInertAndTheOnlyScriptIsOurs() throws Exception {
    assertThat(count(html, "<script")).isEqualTo(1);
    assertThat(html)
        .contains(
            "&lt;script&gt;alert('x')&lt;/script&gt; ]]&gt; \"quoted\" a|b &amp; c\uFFFDbell\uFFFDnul\uFFFD[31m");
    assertThat(html).doesNotContain("\u0000", "\u0007", "\u001B");
    Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
    assertThat(script.find()).isTrue();
    byte[] hash =
        MessageDigest.getInstance("SHA-256")
            .digest(script.group(1).getBytes(StandardCharsets.UTF_8));
    assertThat(html)
        .contains("script-src &#39;sha256-" + Base64.getEncoder().encodeToString(hash) + "&#39;");
    assertThat(html).contains("default-src &#39;none&#39;");
  }

  @Test
  void selfContained() {
    assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=");
    assertThat(html).doesNotContainPattern("(?i)url\\(");
    assertThat(html.replace("http://www.w3.org/2000/svg", ""))
        .doesNotContain("http://", "https://");
  }

  @Test
  void aCappedMatrixKeepsTheLowestCaseNumbersWhateverTheOrder() {
    var results = new Fixtures.Generated(300, List.of(CANDIDATE, BASELINE));
    String capped = Fixtures.write(new HtmlReport(10), Fixtures.report(), results);
    String matrix = capped.substring(capped.indexOf("<table id=\"cases\">"));

    assertThat(count(matrix, "<tr class=")).isEqualTo(10);
    assertThat(matrix).contains(">case 1<", ">case 9 =1+1<").doesNotContain(">case 10 =1+1<");
    assertThat(capped).contains("Showing the first 10 of 150 case runs");
    assertThat(results.opened).isEqualTo(1);
    assertThat(results.closed).isEqualTo(1);
  }

  @Test
  void thePageIsWellFormedAndNoOutputBecameAnElementOrAnAttribute() throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document page = factory.newDocumentBuilder().parse(new InputSource(new StringReader(html)));

    assertThat(page.getElementsByTagName("script").getLength()).isEqualTo(1);
    var cells = page.getElementsByTagName("td");
    for (int i = 0; i < cells.getLength(); i++) {
      Element td = (Element) cells.item(i);
      assertThat(td.getElementsByTagName("script").getLength()).isZero();
    }
    Element failing =
        (Element)
            page.getElementsByTagName("tbody")
                .item(page.getElementsByTagName("tbody").getLength() - 1);
    String text = failing.getTextContent();
    assertThat(text).contains("<script>alert('x')</script> ]]> \"quoted\" a|b & c");
    var all = page.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      var attributes = all.item(i).getAttributes();
      for (int j = 0; j < attributes.getLength(); j++) {
        assertThat(attributes.item(j).getNodeName()).doesNotStartWith("on");
      }
    }
  }

  static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
      n++;
    }
    return n;
  }
}
