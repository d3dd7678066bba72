package dev.promptops.core.eval.suite;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds template syntax that promptfoo's Nunjucks runs and Dotprompt's Handlebars cannot: tags
 * ({@code {% if %}}, {@code {% for %}}), comments ({@code {# #}}), filters ({@code {{ name | upper
 * }}}), indexing and calls ({@code {{ items[0] }}}, {@code {{ range(3) }}}), operators ({@code {{ a
 * + b }}}, {@code {{ x == 1 }}}), whitespace control ({@code {{- x -}}}), literals and promptfoo's
 * {@code env} global. Plain {@code {{ name }}} and {@code {{ user.name }}} mean the same in both
 * and pass. The first such construct is an error naming its line.
 */
final class NunjucksCheck {
  private static final Pattern TAG = Pattern.compile("(?<!\\{)\\{[%#]");
  private static final Pattern MUSTACHE = Pattern.compile("\\{\\{(?!\\{)(.*?)}}", Pattern.DOTALL);
  private static final Pattern INDEX_OR_CALL = Pattern.compile("[A-Za-z0-9_\\])][\\[(]");
  private static final Pattern OPERATOR =
      Pattern.compile("==|!=|>=|<=|\\s[+*%]\\s|\\s(and|or|not|if|else|in|is)\\s|^not\\s");

  private NunjucksCheck() {}

  static void check(String template, String where) {
    String problem = find(template);
    if (problem != null) {
      throw SuiteErrors.unsupported(
          where,
          problem + ", which the Dotprompt engine (Handlebars) cannot run",
          "rewrite it in Dotprompt syntax ({{name}}, {{#if x}}…{{/if}}, {{#each items}}…{{/each}}),"
              + " or compute the value into a variable of the test");
    }
  }

  /** A description of the first Nunjucks-only construct, or null. */
  static String find(String t) {
    Matcher tag = TAG.matcher(t);
    if (tag.find()) {
      String what = tag.group().endsWith("%") ? "a Nunjucks tag" : "a Nunjucks comment";
      return at(t, tag.start()) + ": '" + snippet(t, tag.start()) + "' is " + what;
    }
    Matcher m = MUSTACHE.matcher(t);
    while (m.find()) {
      String what = kind(m.group(1));
      if (what != null) {
        return at(t, m.start()) + ": '" + snippet(t, m.start()) + "' is " + what;
      }
    }
    return null;
  }

  private static String kind(String raw) {
    if (raw.startsWith("-") || raw.endsWith("-")) {
      return "Nunjucks whitespace control";
    }
    String inner = raw.strip();
    if (inner.isEmpty() || "#/^>!&~".indexOf(inner.charAt(0)) >= 0 || inner.startsWith("else")) {
      return null;
    }
    if (inner.contains("|")) {
      return "a Nunjucks filter";
    }
    if (inner.startsWith("\"") || inner.startsWith("'") || Character.isDigit(inner.charAt(0))) {
      return "a Nunjucks literal";
    }
    if (inner.startsWith("env.")) {
      return "promptfoo's env global";
    }
    if (INDEX_OR_CALL.matcher(inner).find()) {
      return "Nunjucks indexing or a function call";
    }
    return OPERATOR.matcher(inner).find() ? "a Nunjucks expression" : null;
  }

  private static String at(String t, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (t.charAt(i) == '\n') {
        line++;
      }
    }
    return "line " + line;
  }

  private static String snippet(String t, int from) {
    int end = t.indexOf('\n', from);
    String s = t.substring(from, end < 0 ? t.length() : end);
    int close = Math.max(s.indexOf("}}"), s.indexOf("%}"));
    if (close > 0) {
      s = s.substring(0, close + 2);
    }
    return s.length() > 60 ? s.substring(0, 57) + "…" : s;
  }
}
