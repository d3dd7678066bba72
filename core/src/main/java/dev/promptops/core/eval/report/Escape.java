package dev.promptops.core.eval.report;

/**
 * Escaping and clipping of untrusted text (model outputs, variables, reasons) for each format.
 * Every report writer goes through here: nothing untrusted is written raw.
 */
final class Escape {
  /** What replaces a character XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/F). */
  static final char REPLACEMENT = '\uFFFD';

  private Escape() {}

  /**
   * HTML element content: {@code & < >} as entities, characters XML 1.0 forbids replaced (HTML
   * forbids most of them too).
   */
  static String html(String s) {
    return markup(s, false, false);
  }

  /**
   * An HTML attribute value between double quotes: also {@code " '}, line breaks and tabs as
   * character references.
   */
  static String htmlAttribute(String s) {
    return markup(s, true, false);
  }

  /**
   * XML element content. Special characters become numeric character references ({@code &#60;}),
   * never the predefined entities ({@code &lt;}): since JDK 24 the JDK's parsers count every entity
   * reference against {@code jdk.xml.maxGeneralEntitySizeLimit} (100 000 by default), so a large
   * report full of {@code &lt;} would not parse with a Java tool's default settings.
   */
  static String xml(String s) {
    return markup(s, false, true);
  }

  /**
   * An XML attribute value between double quotes, as {@link #xml}; line breaks and tabs as
   * character references too, so a parser's attribute normalization keeps them.
   */
  static String xmlAttribute(String s) {
    return markup(s, true, true);
  }

  private static String markup(String s, boolean attribute, boolean numeric) {
    if (s == null) {
      return "";
    }
    var out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append(numeric ? "&#38;" : "&amp;");
        case '<' -> out.append(numeric ? "&#60;" : "&lt;");
        case '>' -> out.append(numeric ? "&#62;" : "&gt;");
        case '"' -> out.append(!attribute ? "\"" : numeric ? "&#34;" : "&quot;");
        case '\'' -> out.append(attribute ? "&#39;" : "'");
        case '\n' -> out.append(attribute ? "&#10;" : "\n");
        case '\r' -> out.append("&#13;");
        case '\t' -> out.append(attribute ? "&#9;" : "\t");
        default -> i = appendChecked(s, i, out);
      }
    }
    return out.toString();
  }

  /** Appends the character at {@code i} (a surrogate pair as one) or its replacement. */
  private static int appendChecked(String s, int i, StringBuilder out) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)
        && i + 1 < s.length()
        && Character.isLowSurrogate(s.charAt(i + 1))) {
      out.append(c).append(s.charAt(i + 1));
      return i + 1;
    }
    boolean allowed =
        (c >= 0x20 && c <= 0xD7FF)
            || (c >= 0xE000 && c <= 0xFFFD)
            || c == '\t'
            || c == '\n'
            || c == '\r';
    out.append(allowed ? c : REPLACEMENT);
    return i;
  }

  /**
   * At most {@code max} characters of {@code s} (never splitting a surrogate pair), followed by a
   * note of how many were left out. Null is empty.
   */
  static String clip(String s, int max) {
    if (s == null) {
      return "";
    }
    if (s.length() <= max) {
      return s;
    }
    int end = max;
    if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "… (" + (s.length() - end) + " more characters)";
  }

  /** One line: every line break (and run of them) becomes a single space. */
  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("[\\r\\n\\u2028\\u2029]+", " ");
  }

  /**
   * A GitHub-flavoured Markdown table cell: one line, clipped, with {@code |} and the characters
   * that start emphasis, code or links backslash-escaped, and {@code < > &} as entities so that
   * text is never read as HTML.
   */
  static String markdownCell(String s, int max) {
    String line = clip(oneLine(s), max);
    var out = new StringBuilder(line.length() + 8);
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      switch (c) {
        case '\\', '|', '`', '*', '_', '[', ']', '~', '#' -> out.append('\\').append(c);
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        default -> out.append(Character.isISOControl(c) ? ' ' : c);
      }
    }
    return out.toString();
  }

  /**
   * An RFC 4180 field: quoted (with {@code "} doubled) when it holds a comma, a quote or a line
   * break.
   */
  static String csvField(String s) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /**
   * Text a spreadsheet must not run as a formula: a cell starting with {@code = + - @}, a tab or a
   * carriage return gets a leading {@code '} (OWASP's advice against CSV injection).
   */
  static String formulaSafe(String s) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    char c = s.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
  }

  /**
   * One line for a terminal: line breaks as spaces, every other control character (ANSI escapes
   * included) as {@code ?}, so text from a model cannot move the cursor or recolour the log.
   */
  static String terminal(String s) {
    var out = new StringBuilder();
    oneLine(s).codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.toString();
  }
}
