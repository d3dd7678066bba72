package dev.promptops.core.eval.report;

import static dev.promptops.core.eval.report.Fixtures.BASELINE;
import static dev.promptops.core.eval.report.Fixtures.CANDIDATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

class JunitXmlReportTest {
  private final Document xml =
      parse(
          Fixtures.write(
              new JunitXmlReport(), Fixtures.report(), Fixtures.reader(Fixtures.results())));

  @Test
  void oneSuitePerVariantWithCountsThatMatchItsCases() {
    Element root = xml.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("testsuites");
    assertThat(attrs(root, "tests", "failures", "errors", "skipped", "timestamp"))
        .containsExactly("8", "1", "1", "1", "2026-12-01T10:00:00");
    List<Element> suites = children(root, "testsuite");
    assertThat(suites).extracting(s -> s.getAttribute("name")).containsExactly(CANDIDATE, BASELINE);
    assertThat(attrs(suites.get(0), "tests", "failures", "errors", "skipped", "time"))
        .containsExactly("4", "1", "1", "0", "31.475");
    assertThat(attrs(suites.get(1), "tests", "failures", "errors", "skipped"))
        .containsExactly("4", "0", "0", "1");
    assertThat(children(suites.get(0), "testcase")).hasSize(4);
  }

  @Test
  void caseNamesCarryTheRepeatAndAStableDottedClassname() {
    List<Element> cases =
        children(children(xml.getDocumentElement(), "testsuite").get(0), "testcase");
    assertThat(cases)
        .extracting(c -> c.getAttribute("name"))
        .containsExactly(
            "=cmd|' /C calc'!A0", "refund | policy\nsecond line", "case 2 #1", "case 3");
    assertThat(cases)
        .extracting(c -> c.getAttribute("classname"))
        .containsOnly("support.support_reply_3_on_openai_gpt-4o-mini");
    assertThat(cases.get(0).getAttribute("time")).isEqualTo("0.120");
    assertThat(JunitXmlReport.classname("evals/smoke.v2", "a@1 on b/c"))
        .isEqualTo("evals.smoke.v2.a_1_on_b_c");
  }

  @Test
  void aFailureListsEveryFailingAssertionAndAnErrorIsAnError() {
    List<Element> cases =
        children(children(xml.getDocumentElement(), "testsuite").get(0), "testcase");
    Element failure = children(cases.get(1), "failure").get(0);
    assertThat(failure.getAttribute("message"))
        .startsWith("contains: output does not contain \"refund\"; llm-rubric: rude: <script>")
        .doesNotContain("is-json");
    assertThat(failure.getTextContent())
        .contains("contains: output does not contain \"refund\"\nllm-rubric: rude: <script>");
    assertThat(children(cases.get(0), "failure")).isEmpty();
    Element error = children(cases.get(3), "error").get(0);
    assertThat(error.getAttribute("message")).isEqualTo("provider openai failed: HTTP 503");
    assertThat(children(cases.get(3), "failure")).isEmpty();
  }

  @Test
  void theBaselinesFailuresAreSkippedNotFailed() {
    Element baseline = children(xml.getDocumentElement(), "testsuite").get(1);
    Element last = children(baseline, "testcase").get(3);
    assertThat(children(last, "failure")).isEmpty();
    assertThat(children(last, "skipped").get(0).getAttribute("message"))
        .startsWith("baseline, not judged by the gate: contains:");
  }

  @Test
  void propertiesNameTheVersionTheDigestTheProviderAndTheVerdict() {
    Element suite = children(xml.getDocumentElement(), "testsuite").get(0);
    Map<String, List<String>> props = new TreeMap<>();
    for (Element p : children(children(suite, "properties").get(0), "property")) {
      props
          .computeIfAbsent(p.getAttribute("name"), k -> new ArrayList<>())
          .add(p.getAttribute("value"));
    }
    assertThat(props)
        .containsEntry("digest", List.of("sha256:ab3"))
        .containsEntry("version", List.of("3"))
        .containsEntry("provider", List.of("openai/gpt-4o-mini"))
        .containsEntry("gate", List.of("failed"))
        .containsEntry("gate.reason", List.of("pass rate 50.0% < 95.0%", "1 regression > 0"))
        .containsEntry("run", List.of("ev_1"));
  }

  @Test
  void hostileOutputSurvivesAsTextAndForbiddenCharactersAreReplaced() {
    Element failing =
        children(children(xml.getDocumentElement(), "testsuite").get(0), "testcase").get(1);
    String out = children(failing, "system-out").get(0).getTextContent();
    String expected =
        Fixtures.HOSTILE
            .replace('\u0007', '\uFFFD')
            .replace('\u0000', '\uFFFD')
            .replace('\u001B', '\uFFFD');
    assertThat(out).isEqualTo(expected);
  }

  @Test
  void longOutputsAreClipped() {
    var result = Fixtures.passing(CANDIDATE, 0, 0, "x".repeat(50_000));
    var doc =
        parse(
            Fixtures.write(
                new JunitXmlReport(), Fixtures.report(), Fixtures.reader(List.of(result))));
    Element testcase = (Element) doc.getElementsByTagName("testcase").item(0);
    String out = children(testcase, "system-out").get(0).getTextContent();
    assertThat(out)
        .hasSizeLessThan(JunitXmlReport.MAX_OUTPUT_CHARS + 40)
        .endsWith("(42000 more characters)");
  }

  static Document parse(String text) {
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    } catch (Exception e) {
      throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
    }
  }

  static List<Element> children(Element parent, String tag) {
    var out = new ArrayList<Element>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        out.add(e);
      }
    }
    return out;
  }

  private static List<String> attrs(Element e, String... names) {
    return java.util.Arrays.stream(names).map(e::getAttribute).toList();
  }
}
