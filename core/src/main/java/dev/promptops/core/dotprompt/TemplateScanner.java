package dev.promptops.core.dotprompt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader of Handlebars tags that keeps their positions, for checking a template without running
 * it: which helpers it calls, which partials it includes, which variables it reads. Rendering is
 * Handlebars.java's job; this only needs to see the tags.
 */
final class TemplateScanner {

  /** What a tag does. */
  enum Kind {
    VARIABLE,
    BLOCK,
    INVERSE,
    ELSE,
    CLOSE,
    PARTIAL,
    PARTIAL_BLOCK,
    DECORATOR,
    DECORATOR_BLOCK,
    COMMENT
  }

  /** An expression inside a tag. */
  sealed interface Expr {}

  record Path(String text) implements Expr {}

  record Literal(String text) implements Expr {}

  record SubExpr(Expr head, List<Expr> params, Map<String, Expr> hash) implements Expr {}

  /**
   * A tag: {@code head} is its first expression (a helper, variable or partial name), then its
   * positional params, hash arguments and block params ({@code as |x|}).
   */
  record Tag(
      Kind kind,
      Expr head,
      List<Expr> params,
      Map<String, Expr> hash,
      List<String> blockParams,
      int line,
      int column) {

    String name() {
      return switch (head) {
        case Path p -> p.text();
        case Literal l -> l.text();
        case null -> "";
        case SubExpr s -> "";
      };
    }
  }

  /** How deep sub-expressions may nest: {@code (a (b (c)))} is 3. */
  static final int MAX_SUBEXPRESSION_DEPTH = 32;

  /** A tag the scanner could not read; Handlebars.java reports the details when compiling. */
  static final class ScanException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String hint;
    final int line;
    final int column;

    ScanException(String message, int line, int column) {
      this(message, "close every tag with '}}' and every block with its {{/name}}", line, column);
    }

    ScanException(String message, String hint, int line, int column) {
      super(message);
      this.hint = hint;
      this.line = line;
      this.column = column;
    }
  }

  private final String text;
  private int pos;
  private int line = 1;
  private int lineStart;

  private TemplateScanner(String text) {
    this.text = text;
  }

  static List<Tag> scan(String template) {
    return new TemplateScanner(template).tags();
  }

  private List<Tag> tags() {
    var tags = new ArrayList<Tag>();
    while (true) {
      int open = nextOpen();
      if (open < 0) {
        return tags;
      }
      advanceTo(open);
      int tagLine = line;
      int tagColumn = pos - lineStart + 1;
      if (text.startsWith("{{{{", pos)) {
        skipRawBlock(tagLine, tagColumn);
        continue;
      }
      tags.add(tag(tagLine, tagColumn));
    }
  }

  /** The next {@code {{} that is not escaped with a backslash. */
  private int nextOpen() {
    int from = pos;
    while (true) {
      int i = text.indexOf("{{", from);
      if (i < 0) {
        return -1;
      }
      if (i > 0 && text.charAt(i - 1) == '\\' && !(i > 1 && text.charAt(i - 2) == '\\')) {
        from = i + 2;
        continue;
      }
      return i;
    }
  }

  private void advanceTo(int target) {
    while (pos < target) {
      if (text.charAt(pos) == '\n') {
        line++;
        lineStart = pos + 1;
      }
      pos++;
    }
  }

  private void skipRawBlock(int tagLine, int tagColumn) {
    int close = text.indexOf("}}}}", pos);
    if (close < 0) {
      throw new ScanException("a raw block '{{{{' is never closed", tagLine, tagColumn);
    }
    String name = text.substring(pos + 4, close).strip();
    int end = text.indexOf("{{{{/" + name + "}}}}", close);
    checkRawNesting(close + 4, end < 0 ? text.length() : end, tagLine, tagColumn);
    advanceTo(end < 0 ? text.length() : end + name.length() + 9);
  }

  /** Handlebars.java lexes a raw block inside a raw block recursively, so their depth is capped. */
  private void checkRawNesting(int from, int to, int tagLine, int tagColumn) {
    int depth = 0;
    for (int i = text.indexOf("{{{{", from); i >= 0 && i < to; i = text.indexOf("{{{{", i + 4)) {
      depth += text.startsWith("/", i + 4) ? -1 : 1;
      if (depth >= Dotprompt.MAX_BLOCK_DEPTH) {
        throw new ScanException(
            "raw blocks '{{{{name}}}}' nest deeper than " + Dotprompt.MAX_BLOCK_DEPTH + " levels",
            "close every raw block with its {{{{/name}}}}",
            tagLine,
            tagColumn);
      }
    }
  }

  private Tag tag(int tagLine, int tagColumn) {
    boolean triple = text.startsWith("{{{", pos);
    int start = pos + (triple ? 3 : 2);
    if (text.startsWith("!", start + (text.startsWith("~", start) ? 1 : 0))) {
      return comment(start, tagLine, tagColumn);
    }
    String close = triple ? "}}}" : "}}";
    int end = closingIndex(start, close, tagLine, tagColumn);
    String inner = text.substring(start, end);
    advanceTo(end + close.length());
    inner = inner.startsWith("~") ? inner.substring(1) : inner;
    inner = inner.endsWith("~") ? inner.substring(0, inner.length() - 1) : inner;
    inner = inner.strip();
    checkControlCharacters(inner, tagLine, tagColumn);
    if (triple) {
      return expression(Kind.VARIABLE, inner, tagLine, tagColumn);
    }
    if (inner.isEmpty()) {
      throw new ScanException("an empty tag '{{}}'", tagLine, tagColumn);
    }
    return switch (inner.charAt(0)) {
      case '#' -> block(inner.substring(1).strip(), tagLine, tagColumn);
      case '^' -> {
        String rest = inner.substring(1).strip();
        yield rest.isEmpty()
            ? new Tag(Kind.ELSE, null, List.of(), Map.of(), List.of(), tagLine, tagColumn)
            : expression(Kind.INVERSE, rest, tagLine, tagColumn);
      }
      case '/' -> expression(Kind.CLOSE, inner.substring(1).strip(), tagLine, tagColumn);
      case '>' -> expression(Kind.PARTIAL, inner.substring(1).strip(), tagLine, tagColumn);
      case '*' -> expression(Kind.DECORATOR, inner.substring(1).strip(), tagLine, tagColumn);
      case '&' -> expression(Kind.VARIABLE, inner.substring(1).strip(), tagLine, tagColumn);
      default -> {
        if (inner.equals("else") || inner.startsWith("else ")) {
          String rest = inner.substring(4).strip();
          yield rest.isEmpty()
              ? new Tag(Kind.ELSE, null, List.of(), Map.of(), List.of(), tagLine, tagColumn)
              : expression(Kind.ELSE, rest, tagLine, tagColumn);
        }
        yield expression(Kind.VARIABLE, inner, tagLine, tagColumn);
      }
    };
  }

  /**
   * Handlebars.java reads some control characters inside a tag as nothing, and then fails on an
   * empty helper name with an exception of its own; no tag needs one, so each is refused here.
   */
  private static void checkControlCharacters(String inner, int tagLine, int tagColumn) {
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
        throw new ScanException(
            String.format("a control character (U+%04X) inside a tag", (int) c),
            "remove it: a tag holds names, strings, numbers and white space",
            tagLine,
            tagColumn);
      }
    }
  }

  private Tag block(String inner, int tagLine, int tagColumn) {
    if (inner.startsWith(">")) {
      return expression(Kind.PARTIAL_BLOCK, inner.substring(1).strip(), tagLine, tagColumn);
    }
    if (inner.startsWith("*")) {
      return expression(Kind.DECORATOR_BLOCK, inner.substring(1).strip(), tagLine, tagColumn);
    }
    return expression(Kind.BLOCK, inner, tagLine, tagColumn);
  }

  private Tag comment(int start, int tagLine, int tagColumn) {
    int bang = text.indexOf('!', start);
    boolean long_ = text.startsWith("!--", bang);
    int end;
    if (long_) {
      end = longCommentEnd(bang + 3);
    } else {
      end = text.indexOf("}}", bang);
    }
    if (end < 0) {
      throw new ScanException("a comment is never closed with '}}'", tagLine, tagColumn);
    }
    advanceTo(end + 2);
    return new Tag(Kind.COMMENT, null, List.of(), Map.of(), List.of(), tagLine, tagColumn);
  }

  /**
   * Where a {@code {{!-- … --}}} comment that opened before {@code from} closes: the first {@code
   * }}} preceded by {@code --} at or after {@code from}, with only white space and one optional
   * {@code ~} between them; -1 if none. One pass over the text, whatever it holds.
   */
  private int longCommentEnd(int from) {
    for (int close = text.indexOf("}}", from); close >= 0; close = text.indexOf("}}", close + 1)) {
      int k = skipWhiteBack(close, from);
      if (k > from && text.charAt(k - 1) == '~') {
        k = skipWhiteBack(k - 1, from);
      }
      if (k - 2 >= from && text.startsWith("--", k - 2)) {
        return close;
      }
    }
    return -1;
  }

  private int skipWhiteBack(int end, int floor) {
    int k = end;
    while (k > floor && Character.isWhitespace(text.charAt(k - 1))) {
      k--;
    }
    return k;
  }

  private int closingIndex(int start, String close, int tagLine, int tagColumn) {
    char quote = 0;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (text.startsWith(close, i)) {
        return i;
      }
    }
    throw new ScanException("a tag opened with '{{' is never closed", tagLine, tagColumn);
  }

  private Tag expression(Kind kind, String inner, int tagLine, int tagColumn) {
    var blockParams = new ArrayList<String>();
    int as = inner.indexOf(" as |");
    if (as >= 0) {
      int bar = inner.indexOf('|', as + 5);
      if (bar > 0) {
        for (String p : inner.substring(as + 5, bar).strip().split("\\s+")) {
          if (!p.isEmpty()) {
            blockParams.add(p);
          }
        }
        inner = inner.substring(0, as);
      }
    }
    var tokens = new Tokens(inner, tagLine, tagColumn);
    var sub = tokens.sequence(0);
    return new Tag(kind, sub.head(), sub.params(), sub.hash(), blockParams, tagLine, tagColumn);
  }

  /** Splits the inside of a tag into expressions. */
  private static final class Tokens {
    private final String s;
    private final int line;
    private final int column;
    private int i;

    Tokens(String s, int line, int column) {
      this.s = s;
      this.line = line;
      this.column = column;
    }

    /** The expressions up to the end, or up to the ')' closing a sub-expression at depth > 0. */
    SubExpr sequence(int depth) {
      if (depth > MAX_SUBEXPRESSION_DEPTH) {
        throw new ScanException(
            "sub-expressions '(...)' nest deeper than " + MAX_SUBEXPRESSION_DEPTH + " levels",
            "split the expression: at most " + MAX_SUBEXPRESSION_DEPTH + " levels of '(...)'",
            line,
            column);
      }
      boolean nested = depth > 0;
      Expr head = null;
      var params = new ArrayList<Expr>();
      var hash = new LinkedHashMap<String, Expr>();
      while (true) {
        skipSpace();
        if (i >= s.length()) {
          if (nested) {
            throw new ScanException("a '(' is never closed", line, column);
          }
          break;
        }
        if (s.charAt(i) == ')') {
          if (!nested) {
            throw new ScanException("a ')' without its '('", line, column);
          }
          i++;
          break;
        }
        String key = hashKey();
        if (key != null) {
          skipSpace();
          if (i >= s.length() || s.charAt(i) == ')') {
            throw new ScanException("the hash argument '" + key + "=' has no value", line, column);
          }
        }
        Expr e = single(depth);
        if (key != null) {
          hash.put(key, e);
        } else if (head == null) {
          head = e;
        } else {
          params.add(e);
        }
      }
      return new SubExpr(head, List.copyOf(params), Map.copyOf(hash));
    }

    private String hashKey() {
      int j = i;
      while (j < s.length() && isPathChar(s.charAt(j)) && s.charAt(j) != '.') {
        j++;
      }
      if (j > i && j < s.length() && s.charAt(j) == '=') {
        String key = s.substring(i, j);
        i = j + 1;
        return key;
      }
      return null;
    }

    private Expr single(int depth) {
      char c = s.charAt(i);
      if (c == '(') {
        i++;
        return sequence(depth + 1);
      }
      if (c == '"' || c == '\'') {
        int end = s.indexOf(c, i + 1);
        if (end < 0) {
          throw new ScanException("a string is never closed", line, column);
        }
        String literal = s.substring(i + 1, end);
        i = end + 1;
        return new Literal(literal);
      }
      int start = i;
      while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != ')') {
        if (s.charAt(i) == '[') {
          int end = s.indexOf(']', i);
          i = end < 0 ? s.length() : end + 1;
        } else {
          i++;
        }
      }
      String token = s.substring(start, i);
      if (token.matches("-?\\d+(\\.\\d+)?|true|false|null|undefined")) {
        return new Literal(token);
      }
      return new Path(token);
    }

    private void skipSpace() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private static boolean isPathChar(char c) {
      return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '@' || c == '$';
    }
  }
}
