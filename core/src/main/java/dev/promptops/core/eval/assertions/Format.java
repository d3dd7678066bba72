package dev.promptops.core.eval.assertions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How reasons print values: quoted and shortened text, numbers without noise. */
final class Format {
  private static final int MAX_QUOTED = 80;

  private Format() {}

  /** {@code "refund"}, JSON-escaped, shortened to 80 characters with an ellipsis. */
  static String quote(String text) {
    return new TextNode(abbreviate(text, MAX_QUOTED)).toString();
  }

  /** {@code "a", "b", "c"}. */
  static String quoteAll(List<String> texts) {
    return texts.stream().map(Format::quote).collect(Collectors.joining(", "));
  }

  /** A JSON value as compact JSON, shortened. */
  static String json(JsonNode node) {
    return abbreviate(node.toString(), MAX_QUOTED);
  }

  /** At most {@code max} code points, the last one an ellipsis when cut. */
  static String abbreviate(String text, int max) {
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
  }

  /** {@code 0.75}, {@code 5}: as written, without trailing zeros. */
  static String plain(double number) {
    if (Double.isNaN(number) || Double.isInfinite(number)) {
      return Double.toString(number);
    }
    return plain(BigDecimal.valueOf(number));
  }

  static String plain(BigDecimal number) {
    return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
  }

  /**
   * A measured value next to the threshold it is compared with: two decimals, more when two
   * decimals would print both alike ({@code 0.7499 < 0.75}, not {@code 0.75 < 0.75}).
   */
  static String measured(double value, double threshold) {
    for (int decimals = 2; decimals < 8; decimals += 2) {
      String v = decimals(value, decimals);
      if (value == threshold || !v.equals(decimals(threshold, decimals))) {
        return v;
      }
    }
    return Double.toString(value);
  }

  private static String decimals(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  /** {@code 1 word}, {@code 3 words}. */
  static String count(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
