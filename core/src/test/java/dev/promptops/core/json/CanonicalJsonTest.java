package dev.promptops.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.DoubleNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {

  @Test
  void sortsKeysAndDropsWhitespace() throws Exception {
    var node = Json.parse("{ \"b\": [1, 2, {\"z\": null, \"a\": true}], \"a\": \"x\" }");
    assertThat(CanonicalJson.write(node))
        .isEqualTo("{\"a\":\"x\",\"b\":[1,2,{\"a\":true,\"z\":null}]}");
  }

  @Test
  void sortsKeysByUtf16CodeUnits() throws Exception {
    var node =
        Json.parse("{\"\\u00e9\": 1, \"z\": 2, \"Z\": 3, \"\\ud83d\\ude00\": 4, \"\\uffff\": 5}");
    assertThat(CanonicalJson.write(node))
        .isEqualTo("{\"Z\":3,\"z\":2,\"é\":1,\"😀\":4,\"\uffff\":5}");
  }

  @Test
  void escapesOnlyWhatJsonRequires() throws Exception {
    var node = Json.parse("\"quote \\\" back \\\\ nl \\n tab \\t bell \\u0007 slash / é \\u2028\"");
    assertThat(CanonicalJson.write(node))
        .isEqualTo("\"quote \\\" back \\\\ nl \\n tab \\t bell \\u0007 slash / é \u2028\"");
  }

  @ParameterizedTest
  @CsvSource({
    "1, 1",
    "1.0, 1",
    "0.70, 0.7",
    "-0.0, 0",
    "100, 100",
    "1e3, 1000",
    "1.5e-7, 1.5e-7",
    "0.000001, 0.000001",
    "1e21, 1e+21",
    "123456789012345678901234567890, 1.2345678901234567890123456789e+29",
    "1e30, 1e+30",
    "1000000000000000000000000000000, 1e+30",
    "-2.50, -2.5"
  })
  void numbersHaveOneSpelling(String in, String out) throws Exception {
    assertThat(CanonicalJson.write(Json.parse(in))).isEqualTo(out);
  }

  @Test
  void decimalsKeepTheirExactValue() {
    assertThat(CanonicalJson.decimal(new BigDecimal("0.1000000000000000055511151231257827")))
        .isEqualTo("0.1000000000000000055511151231257827");
  }

  @Test
  void refusesNonFiniteNumbers() {
    assertThatThrownBy(() -> CanonicalJson.write(DoubleNode.valueOf(Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
  }

  @Test
  void digestIsSha256OfTheCanonicalText() throws Exception {
    // printf '%s' '{"a":1}' | sha256sum
    assertThat(CanonicalJson.digest(Json.parse("{ \"a\" : 1.0 }")))
        .isEqualTo("sha256:015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862");
  }

  @Test
  void numbersOutOfRangeAreBadJsonNotACrash() {
    assertThatThrownBy(() -> Json.parse("{\"x\": 4.9e-3248901234567890}"))
        .isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class)
        .hasMessageContaining("a number is out of range");
    assertThatThrownBy(
            () -> Json.parse("[1e99999999999]".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
  }

  @Test
  void loneSurrogatesAreEscapedPairsAreNot() {
    assertThat(
            CanonicalJson.write(com.fasterxml.jackson.databind.node.TextNode.valueOf("a\ud800b😀")))
        .isEqualTo("\"a\\ud800b😀\"");
  }
}
