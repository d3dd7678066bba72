package dev.promptops.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The canonical JSON text of a value, the input of every digest PromptOps computes. The rules
 * (documented in docs/digests.md, with test vectors):
 *
 * <ul>
 *   <li>no insignificant white space;
 *   <li>object members sorted by key, comparing UTF-16 code units;
 *   <li>strings escape only {@code "}, {@code \}, and control characters ({@code \b \f \n \r \t} by
 *       name, others as {@code \}{@code u00xx}); everything else is literal UTF-8;
 *   <li>numbers are exact decimal values in their shortest form: no trailing zeros, no plus sign,
 *       {@code 1.0} and {@code 1} are both {@code 1}; plain notation for 1e-6 &le; |x| &lt; 1e21,
 *       otherwise {@code d.ddde+N}/{@code d.ddde-N}. Not-a-number and infinities are refused.
 * </ul>
 */
public final class CanonicalJson {
  private static final BigDecimal PLAIN_MIN = new BigDecimal("1e-6");
  private static final BigDecimal PLAIN_MAX = new BigDecimal("1e21");

  private CanonicalJson() {}

  public static String write(JsonNode node) {
    var out = new StringBuilder(256);
    append(out, node);
    return out.toString();
  }

  /** {@code sha256:} followed by the lower-case hex SHA-256 of the canonical text. */
  public static String digest(JsonNode node) {
    return "sha256:" + sha256Hex(write(node));
  }

  public static String sha256Hex(String text) {
    try {
      var md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static void append(StringBuilder out, JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT -> appendObject(out, node);
      case ARRAY -> appendArray(out, node);
      case STRING -> appendString(out, node.textValue());
      case NUMBER -> out.append(number(node));
      case BOOLEAN -> out.append(node.booleanValue());
      case NULL -> out.append("null");
      case MISSING, BINARY, POJO ->
          throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
    }
  }

  private static void appendObject(StringBuilder out, JsonNode node) {
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
    fields.sort(Map.Entry.comparingByKey());
    out.append('{');
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      appendString(out, fields.get(i).getKey());
      out.append(':');
      append(out, fields.get(i).getValue());
    }
    out.append('}');
  }

  private static void appendArray(StringBuilder out, JsonNode node) {
    out.append('[');
    for (int i = 0; i < node.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      append(out, node.get(i));
    }
    out.append(']');
  }

  /**
   * Appends a JSON string literal: escapes only {@code "}, {@code \\} and control characters, and a
   * lone surrogate (which UTF-8 cannot carry) as {@code \\u}{@code dxxx}, as JavaScript's
   * JSON.stringify does.
   */
  public static void appendString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || (Character.isSurrogate(c) && !pairedSurrogate(s, i))) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  static String number(JsonNode node) {
    BigDecimal value;
    if (node.isIntegralNumber()) {
      value = new BigDecimal(node.bigIntegerValue());
    } else if (node.isBigDecimal()) {
      value = node.decimalValue();
    } else {
      double d = node.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("not a JSON number: " + d);
      }
      value = BigDecimal.valueOf(d);
    }
    return decimal(value);
  }

  /** A decimal in its shortest canonical spelling (the number rule above). */
  public static String decimal(BigDecimal value) {
    if (value.signum() == 0) {
      return "0";
    }
    BigDecimal v = value.stripTrailingZeros();
    BigDecimal abs = v.abs();
    if (abs.compareTo(PLAIN_MIN) >= 0 && abs.compareTo(PLAIN_MAX) < 0) {
      return v.toPlainString();
    }
    String digits = v.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - v.scale();
    var out = new StringBuilder();
    if (v.signum() < 0) {
      out.append('-');
    }
    out.append(digits.charAt(0));
    if (digits.length() > 1) {
      out.append('.').append(digits, 1, digits.length());
    }
    out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
    return out.toString();
  }

  private static boolean pairedSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
