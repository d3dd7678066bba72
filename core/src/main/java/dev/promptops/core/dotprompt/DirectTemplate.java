package dev.promptops.core.dotprompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The render path of the common templates: text, variables, {@code if}, {@code unless}, {@code
 * each}, {@code with}, {@code ifEquals}, {@code unlessEquals}, {@code role}, {@code history},
 * {@code section}, {@code media}, {@code json}, comments and partials. Such a template is compiled
 * once into a tree that reads the JSON variables as they are and builds the messages as it goes: no
 * conversion of the variables, no markers to split, no Handlebars.java context.
 *
 * <p>It renders exactly what Handlebars.java renders under {@link Dotprompt} (the differential
 * tests hold it to that, on the conformance suite and on generated templates), so it takes only
 * what it is sure of. A template using anything else (sub-expressions, {@code ../}, {@code @root},
 * block params, whitespace control, raw blocks, inverse sections, indented standalone partials …)
 * does not compile here ({@link #compile} is empty) and Handlebars.java renders it. The few values
 * whose rendering depends on details this engine does not reproduce (a role name that is not a
 * plain word, a media URL with a space, comparing objects) make {@link #render} throw {@link
 * Unsupported}, and that render goes to Handlebars.java as well.
 *
 * <p>Names resolve as in Handlebars.java: the first segment of a path is looked up in the current
 * context, then outwards through the enclosing {@code each} and {@code with} contexts, skipping
 * contexts where it is missing or null; the remaining segments are keys of objects, or {@code
 * length} of an array or a string. {@code this.} paths do not look outwards.
 */
final class DirectTemplate {

  /** A render this engine leaves to Handlebars.java. Shared and without a stack trace: cheap. */
  static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Unsupported INSTANCE = new Unsupported();

    private Unsupported() {
      super("rendered by Handlebars.java", null, false, false);
    }
  }

  /** A template this engine does not compile. */
  private static final class NotCompiled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotCompiled(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * Names Handlebars.java calls as helpers when they stand alone in a tag ({@code {{log}}}): the
   * built-in ones and Dotprompt's.
   */
  private static final Set<String> HELPERS =
      Set.of(
          "with",
          "each",
          "if",
          "unless",
          "log",
          "lookup",
          "embedded",
          "block",
          "partial",
          "precompile",
          "i18n",
          "i18nJs",
          "inline",
          "helperMissing",
          "blockHelperMissing",
          "role",
          "history",
          "section",
          "media",
          "json",
          "ifEquals",
          "unlessEquals");

  /**
   * Names Handlebars.java finds in the render's context data when the variables lack them ({@code
   * {{metadata.prompt}}}, {@code {{root}}}), besides its internal ones, which start with {@code
   * __}.
   */
  private static final Set<String> DATA_NAMES = Set.of("metadata", "root");

  private final Node[] nodes;

  /** Whether the template reads the variables' object itself ({@code this} at the top). */
  private final boolean readsContext;

  private DirectTemplate(Node[] nodes, boolean readsContext) {
    this.nodes = nodes;
    this.readsContext = readsContext;
  }

  /**
   * The template compiled for this engine, or empty when it uses what only Handlebars.java does.
   */
  static Optional<DirectTemplate> compile(String template, Partials partials) {
    try {
      Node[] nodes = new Parser(template, partials, 0).parse();
      return Optional.of(new DirectTemplate(nodes, readsRoot(nodes)));
    } catch (NotCompiled e) {
      return Optional.empty();
    }
  }

  /**
   * Whether the order of the variables' keys can show in what this template renders ({@code {{#each
   * this}}}, {@code {{json this}}}): when not, variables equal but for their order render the same.
   */
  boolean readsContext() {
    return readsContext;
  }

  /**
   * Renders with these variables; {@code history} is the conversation so far, or null.
   *
   * @throws Unsupported when Handlebars.java must render this one
   */
  ArrayNode render(ObjectNode input, ArrayNode history) {
    Scopes scopes = SCOPES.get();
    if (scopes == null || scopes.busy) {
      scopes = new Scopes();
      SCOPES.set(scopes);
    }
    var out = MessageBuilder.start(history);
    scopes.busy = true;
    try {
      renderAll(nodes, scopes.enter(null, input, 0, false), out);
      return out.finish();
    } catch (Unsupported e) {
      out.release();
      throw e;
    } finally {
      scopes.clear();
    }
  }

  /** The thread's scopes, reused from render to render. */
  private static final ThreadLocal<Scopes> SCOPES = new ThreadLocal<>();

  /** Whether these nodes, rendered in the root context, read that context itself. */
  private static boolean readsRoot(Node[] nodes) {
    for (Node n : nodes) {
      boolean reads =
          switch (n) {
            case Print p -> isContext(p.value());
            case Role r -> isContext(r.role());
            case Section s -> isContext(s.name());
            case Media m -> isContext(m.url()) || isContext(m.contentType());
            case Json j -> isContext(j.value());
            case If i -> isContext(i.value()) || readsRoot(i.fn()) || readsRoot(i.inverse());
            case Equals e ->
                isContext(e.a()) || isContext(e.b()) || readsRoot(e.fn()) || readsRoot(e.inverse());
            // the bodies of a with render in the context of its value
            case With w -> isContext(w.value());
            case Each e -> isContext(e.value()) || readsRoot(e.inverse());
            case Sequence s -> readsRoot(s.nodes());
            default -> false;
          };
      if (reads) {
        return true;
      }
    }
    return false;
  }

  private static boolean isContext(Value v) {
    return v instanceof Path p && p.segments().length == 0;
  }

  private static void renderAll(Node[] nodes, Scope scope, MessageBuilder out) {
    for (Node n : nodes) {
      n.render(scope, out);
    }
  }

  // ---- evaluation ------------------------------------------------------------------------------

  /**
   * A context: its value, the context around it, and the innermost {@code each} iteration (for
   * {@code @index}, {@code @key}, {@code @first}, {@code @last}). An {@code each} reuses its scope
   * for every item.
   */
  private static final class Scope {
    final Scopes scopes;
    JsonNode value;
    Scope parent;
    Scope each;
    int index;
    int size;
    String key;

    Scope(Scopes scopes) {
      this.scopes = scopes;
    }

    /** The scope of a {@code with} ({@code value}) or of an {@code each}'s items, inside this. */
    Scope enter(JsonNode value, int size, boolean iteration) {
      return scopes.enter(this, value, size, iteration);
    }

    void leave() {
      scopes.depth--;
    }
  }

  /**
   * A render's scopes, by depth: scopes nest strictly (a block's scope ends before its neighbour's
   * begins), so the scope of each depth is reused, within a render and across renders.
   */
  private static final class Scopes {
    private Scope[] byDepth = new Scope[8];
    private int depth;
    private int deepest;
    boolean busy;

    Scope enter(Scope parent, JsonNode value, int size, boolean iteration) {
      if (depth == byDepth.length) {
        byDepth = java.util.Arrays.copyOf(byDepth, depth * 2);
      }
      Scope s = byDepth[depth];
      if (s == null) {
        s = new Scope(this);
        byDepth[depth] = s;
      }
      depth++;
      deepest = Math.max(deepest, depth);
      s.value = value;
      s.parent = parent;
      s.each = iteration ? s : parent == null ? null : parent.each;
      s.index = 0;
      s.size = size;
      s.key = null;
      return s;
    }

    /** Ends the render: no scope keeps its values. */
    void clear() {
      for (int i = 0; i < deepest; i++) {
        byDepth[i].value = null;
        byDepth[i].parent = null;
        byDepth[i].each = null;
        byDepth[i].key = null;
      }
      depth = 0;
      deepest = 0;
      busy = false;
    }
  }

  private interface Node {
    void render(Scope scope, MessageBuilder out);
  }

  /** What a parameter or a variable tag names: a literal or a path. */
  private interface Value {
    /** The value in this scope; null when it is missing or JSON null. */
    JsonNode in(Scope scope);
  }

  private record Literal(JsonNode value) implements Value {
    @Override
    public JsonNode in(Scope scope) {
      return value;
    }
  }

  private enum Data {
    INDEX,
    KEY,
    FIRST,
    LAST
  }

  private static final TextNode FIRST = TextNode.valueOf("first");
  private static final TextNode LAST = TextNode.valueOf("last");

  /** What Handlebars.java gives {@code @first} and {@code @last} on the other items. */
  private static final TextNode EMPTY = TextNode.valueOf("");

  private record DataPath(Data data) implements Value {
    @Override
    public JsonNode in(Scope scope) {
      Scope each = scope.each;
      if (each == null) {
        return null;
      }
      return switch (data) {
        case INDEX -> IntNode.valueOf(each.index);
        case KEY -> each.key != null ? TextNode.valueOf(each.key) : IntNode.valueOf(each.index);
        case FIRST -> each.index == 0 ? FIRST : EMPTY;
        case LAST -> each.index == each.size - 1 ? LAST : EMPTY;
      };
    }
  }

  /** {@code a.b.c}, or {@code this.a.b} ({@code local}: no lookup outwards), or {@code this}. */
  private record Path(boolean local, String[] segments) implements Value {
    @Override
    public JsonNode in(Scope scope) {
      if (segments.length == 0) {
        return present(scope.value);
      }
      JsonNode v;
      if (local) {
        v = child(scope.value, segments[0]);
      } else {
        v = null;
        for (Scope s = scope; s != null && v == null; s = s.parent) {
          v = child(s.value, segments[0]);
        }
      }
      for (int i = 1; i < segments.length && v != null; i++) {
        v = child(v, segments[i]);
      }
      return v;
    }
  }

  private static JsonNode present(JsonNode v) {
    return v == null || v.isNull() || v.isMissingNode() ? null : v;
  }

  /** A key of an object, or {@code length} of an array or a string, as JavaScript reads them. */
  private static JsonNode child(JsonNode v, String name) {
    if (v == null) {
      return null;
    }
    if (v.isObject()) {
      JsonNode c = v.get(name);
      if (c != null) {
        return present(c);
      }
    }
    if (name.equals("length")) {
      if (v.isArray()) {
        return IntNode.valueOf(v.size());
      }
      if (v.isTextual()) {
        return IntNode.valueOf(v.textValue().length());
      }
    }
    return null;
  }

  /** Handlebars.java's truth of template data: false, null, "", 0 and [] are false. */
  private static boolean truthy(JsonNode v) {
    if (v == null) {
      return false;
    }
    return switch (v.getNodeType()) {
      case BOOLEAN -> v.booleanValue();
      case STRING -> !v.textValue().isEmpty();
      case NUMBER -> v.doubleValue() != 0;
      case ARRAY -> !v.isEmpty();
      default -> true;
    };
  }

  /** Appends a value as the template prints it: JavaScript's {@code String(value)}, null as "". */
  private static void print(JsonNode v, StringBuilder out) {
    if (v == null) {
      return;
    }
    switch (v.getNodeType()) {
      case STRING -> out.append(v.textValue());
      case BOOLEAN -> out.append(v.booleanValue());
      case NUMBER -> {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
          out.append(v.longValue());
        } else {
          out.append(JsValues.fromJson(v));
        }
      }
      case OBJECT -> out.append("[object Object]");
      default -> out.append(JsValues.fromJson(v));
    }
  }

  /** What a helper prints of a value: JavaScript's {@code String(value)}, null as "undefined". */
  private static String text(JsonNode v) {
    if (v == null) {
      return "undefined";
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    var out = new StringBuilder();
    print(v, out);
    return out.toString();
  }

  private record Text(String text) implements Node {
    @Override
    public void render(Scope scope, MessageBuilder out) {
      out.text().append(text);
    }
  }

  private record Print(Value value) implements Node {
    @Override
    public void render(Scope scope, MessageBuilder out) {
      print(value.in(scope), out.text());
    }
  }

  private record Sequence(Node[] nodes) implements Node {
    @Override
    public void render(Scope scope, MessageBuilder out) {
      renderAll(nodes, scope, out);
    }
  }

  /** {@code if} and, negated, {@code unless}. */
  private record If(Value value, boolean negate, Node[] fn, Node[] inverse) implements Node {
    @Override
    public void render(Scope scope, MessageBuilder out) {
      renderAll(truthy(value.in(scope)) != negate ? fn : inverse, scope, out);
    }
  }

  /** {@code ifEquals} and, negated, {@code unlessEquals}: JavaScript's {@code ===}. */
  private record Equals(Value a, Value b, boolean negate, Node[] fn, Node[] inverse)
      implements Node {
    @Override
    public void render(Scope scope, MessageBuilder out) {
      renderAll(strictEquals(a.in(scope), b.in(scope)) != negate ? fn : inverse, scope, out);
    }

    private static boolean strictEquals(JsonNode x, JsonNode y) {
      if (x == null || y == null) {
        return x == y;
      }
      if (x.isContainerNode() || y.isContainerNode()) {
        // identity of objects: Handlebars.java compares its own copies of them
        throw Unsupported.INSTANCE;
      }
      if (x.isNumber() && y.isNumber()) {
        return x.doubleValue() == y.doubleValue();
      }
      if (x.isTextual() && y.isTextual()) {
        return x.textValue().equals(y.textValue());
      }
      if (x.isBoolean() && y.isBoolean()) {
        return x.booleanValue() == y.booleanValue();
      }
      if (x.getNodeType() != y.getNodeType()) {
        return false;
      }
      throw Unsupported.INSTANCE;
    }
  }

  private record With(Value value, Node[] fn, Node[] inverse) implements Node {
    @Override
    public void render(Scope scope, MessageBuilder out) {
      // Handlebars.java renders the else of a with in the (false) value's context too
      JsonNode v = value.in(scope);
      Scope inner = scope.enter(v, 0, false);
      renderAll(truthy(v) ? fn : inverse, inner, out);
      inner.leave();
    }
  }

  private record Each(Value value, Node[] fn, Node[] inverse) implements Node {
    @Override
    public void render(Scope scope, MessageBuilder out) {
      JsonNode v = value.in(scope);
      if (v == null || !v.isContainerNode() || v.isEmpty()) {
        renderAll(inverse, scope, out);
        return;
      }
      Scope item = scope.enter(null, v.size(), true);
      if (v.isArray()) {
        for (int i = 0; i < item.size; i++) {
          item.index = i;
          item.value = present(v.get(i));
          renderAll(fn, item, out);
        }
      } else {
        int i = 0;
        for (Map.Entry<String, JsonNode> e : v.properties()) {
          item.index = i++;
          item.key = e.getKey();
          item.value = present(e.getValue());
          renderAll(fn, item, out);
        }
      }
      item.leave();
    }
  }

  private record Role(Value role) implements Node {
    @Override
    public void render(Scope scope, MessageBuilder out) {
      String content = text(role.in(scope));
      int name = 0;
      while (name < content.length()
          && content.charAt(name) >= 'a'
          && content.charAt(name) <= 'z') {
        name++;
      }
      if (name == 0) {
        throw Unsupported.INSTANCE;
      }
      if (name == content.length()) {
        out.role(content, null);
        return;
      }
      if (content.charAt(name) != ' '
          || name + 1 == content.length()
          || content.indexOf('>', name) >= 0
          || content.indexOf('<', name) >= 0) {
        throw Unsupported.INSTANCE;
      }
      out.role(content.substring(0, name), content.substring(name + 1));
    }
  }

  private record History() implements Node {
    @Override
    public void render(Scope scope, MessageBuilder out) {
      out.history();
    }
  }

  private record Section(Value name) implements Node {
    @Override
    public void render(Scope scope, MessageBuilder out) {
      String purpose = markerField(text(name.in(scope)));
      out.section(purpose.isEmpty() ? null : purpose);
    }
  }

  private record Media(Value url, Value contentType) implements Node {
    @Override
    public void render(Scope scope, MessageBuilder out) {
      String u = markerField(text(url.in(scope)));
      // a content type that is missing is none (the url, missing, prints as "undefined")
      JsonNode given = contentType == null ? null : contentType.in(scope);
      String type = given == null ? "" : markerField(text(given));
      out.media(u, type.isEmpty() ? null : type);
    }
  }

  /** A field of a media or section marker: one word the marker syntax cannot misread. */
  private static String markerField(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\n' || c == '>' || c == '<') {
        throw Unsupported.INSTANCE;
      }
    }
    return s;
  }

  private record Json(Value value, int indent) implements Node {
    @Override
    public void render(Scope scope, MessageBuilder out) {
      out.text().append(JsValues.stringify(JsValues.fromJson(value.in(scope)), indent));
    }
  }

  // ---- parsing ---------------------------------------------------------------------------------

  /** A piece of the template: text (a run of spaces, a newline, other text) or a tag. */
  private sealed interface Atom {}

  private enum TextKind {
    SPACE,
    NEWLINE,
    TEXT
  }

  private static final class TextAtom implements Atom {
    final TextKind kind;
    final String text;
    boolean hidden;

    TextAtom(TextKind kind, String text) {
      this.kind = kind;
      this.text = text;
    }
  }

  private enum TagKind {
    VARIABLE,
    BLOCK,
    ELSE,
    CLOSE,
    PARTIAL,
    COMMENT
  }

  private record Tag(TagKind kind, List<Object> expressions, Map<String, Object> hash)
      implements Atom {

    /** Block, else, close, partial and comment lines are standalone; variables never. */
    boolean standalone() {
      return kind != TagKind.VARIABLE;
    }
  }

  private static final class Parser {
    private final String text;
    private final Partials partials;
    private final int depth;

    private final List<Atom> atoms = new ArrayList<>();

    Parser(String text, Partials partials, int depth) {
      this.text = text;
      this.partials = partials;
      this.depth = depth;
    }

    Node[] parse() {
      if (depth > Dotprompt.MAX_PARTIAL_DEPTH) {
        throw new NotCompiled("partials nest too deep");
      }
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
          // Handlebars.java's output around a NUL (and other controls) is its own
          throw new NotCompiled("a control character");
        }
      }
      tokenize();
      standaloneLines();
      return new TreeBuilder(atoms.iterator()).nodes(null);
    }

    private void tokenize() {
      int pos = 0;
      while (pos < text.length()) {
        int open = text.indexOf("{{", pos);
        if (open < 0) {
          addText(text.substring(pos));
          return;
        }
        if (open > 0 && text.charAt(open - 1) == '\\') {
          throw new NotCompiled("an escaped tag");
        }
        addText(text.substring(pos, open));
        pos = tag(open);
      }
    }

    private void addText(String s) {
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        int j = i + 1;
        TextKind kind;
        if (c == '\n' || (c == '\r' && j < s.length() && s.charAt(j) == '\n')) {
          kind = TextKind.NEWLINE;
          j = c == '\r' ? j + 1 : j;
        } else if (c == ' ' || c == '\t') {
          kind = TextKind.SPACE;
          while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
            j++;
          }
        } else {
          kind = TextKind.TEXT;
          while (j < s.length() && " \t\n\r".indexOf(s.charAt(j)) < 0) {
            j++;
          }
        }
        atoms.add(new TextAtom(kind, s.substring(i, j)));
        i = j;
      }
    }

    /** Reads the tag at {@code open}; returns where the text after it starts. */
    private int tag(int open) {
      if (text.startsWith("{{{{", open)) {
        throw new NotCompiled("a raw block");
      }
      if (text.startsWith("{{!--", open)) {
        // the opening dashes may close it too: {{!--}} is a whole comment
        int end = text.indexOf("--}}", open + 3);
        if (end < 0 || (end > open + 5 && text.substring(open + 5, end).contains("--"))) {
          throw new NotCompiled("a long comment holding '--'");
        }
        atoms.add(new Tag(TagKind.COMMENT, List.of(), Map.of()));
        return end + 4;
      }
      if (text.startsWith("{{!", open)) {
        int end = text.indexOf("}}", open + 3);
        if (end < 0 || text.charAt(end - 1) == '~') {
          throw new NotCompiled("an unclosed comment");
        }
        atoms.add(new Tag(TagKind.COMMENT, List.of(), Map.of()));
        return end + 2;
      }
      boolean triple = text.startsWith("{{{", open);
      int start = open + (triple ? 3 : 2);
      int end = text.indexOf(triple ? "}}}" : "}}", start);
      if (end < 0) {
        throw new NotCompiled("an unclosed tag");
      }
      String inner = text.substring(start, end);
      if (inner.contains("{{") || inner.startsWith("~") || inner.endsWith("~")) {
        throw new NotCompiled("whitespace control or a nested tag");
      }
      String stripped = inner.strip();
      if (!stripped.isEmpty()
          && stripped.length() < inner.length()
          && Character.isWhitespace(inner.charAt(0))
          && "#/^>&!*=".indexOf(stripped.charAt(0)) >= 0) {
        // Handlebars.java reads {{ > p}} and {{ #if x}} as errors of its own
        throw new NotCompiled("a space before a tag's sigil");
      }
      inner = stripped;
      if (inner.isEmpty()) {
        throw new NotCompiled("an empty tag");
      }
      int after = end + (triple ? 3 : 2);
      if (text.startsWith("}", after)) {
        throw new NotCompiled("a '}' right after a tag");
      }
      if (triple) {
        atoms.add(tag(TagKind.VARIABLE, inner));
        return after;
      }
      char first = inner.charAt(0);
      String rest = inner.substring(1).strip();
      Tag tag =
          switch (first) {
            case '#' -> {
              if (rest.startsWith("*") || rest.startsWith(">")) {
                throw new NotCompiled("a decorator or partial block");
              }
              yield tag(TagKind.BLOCK, rest);
            }
            case '/' -> tag(TagKind.CLOSE, rest);
            case '^' -> {
              if (!rest.isEmpty()) {
                throw new NotCompiled("an inverse section");
              }
              yield new Tag(TagKind.ELSE, List.of(), Map.of());
            }
            case '>' -> tag(TagKind.PARTIAL, rest);
            case '&' -> tag(TagKind.VARIABLE, rest);
            case '=', '*', '!' -> throw new NotCompiled("delimiters or a decorator");
            default ->
                inner.equals("else")
                    ? new Tag(TagKind.ELSE, List.of(), Map.of())
                    : tag(TagKind.VARIABLE, inner);
          };
      atoms.add(tag);
      return after;
    }

    /**
     * Splits the inside of a tag into its expressions: paths (as {@link Value}s), literals (as
     * {@link Literal}s) and {@code key=value} pairs.
     */
    private Tag tag(TagKind kind, String inner) {
      var expressions = new ArrayList<Object>();
      var hash = new LinkedHashMap<String, Object>();
      int i = 0;
      while (i < inner.length()) {
        if (Character.isWhitespace(inner.charAt(i))) {
          i++;
          continue;
        }
        String key = null;
        int k = i;
        while (k < inner.length() && isIdentifierChar(inner.charAt(k))) {
          k++;
        }
        if (k > i && k < inner.length() && inner.charAt(k) == '=') {
          key = inner.substring(i, k);
          i = k + 1;
        }
        int end = tokenEnd(inner, i);
        String token = inner.substring(i, end);
        i = end;
        if (token.isEmpty()) {
          throw new NotCompiled("a hash argument without a value");
        }
        Object e = kind == TagKind.PARTIAL ? token : expression(token, depth > 0);
        if (key != null) {
          if (!isIdentifier(key) || hash.put(key, e) != null) {
            throw new NotCompiled("a hash argument");
          }
        } else if (!hash.isEmpty()) {
          throw new NotCompiled("a parameter after a hash argument");
        } else {
          expressions.add(e);
        }
      }
      if (expressions.isEmpty()) {
        throw new NotCompiled("a tag without a name");
      }
      return new Tag(kind, List.copyOf(expressions), Map.copyOf(hash));
    }

    /** Where the token at {@code i} ends: after its closing quote, or at white space. */
    private static int tokenEnd(String inner, int i) {
      if (i < inner.length() && (inner.charAt(i) == '"' || inner.charAt(i) == '\'')) {
        int close = inner.indexOf(inner.charAt(i), i + 1);
        if (close < 0) {
          throw new NotCompiled("an unclosed string");
        }
        return close + 1;
      }
      int end = i;
      while (end < inner.length() && !Character.isWhitespace(inner.charAt(end))) {
        end++;
      }
      return end;
    }

    /** {@code inPartial}: Handlebars.java gives a partial a context of its own for {@code this}. */
    private static Value expression(String token, boolean inPartial) {
      char c = token.charAt(0);
      if (c == '"' || c == '\'') {
        String literal = token.substring(1, token.length() - 1);
        if (literal.indexOf('\\') >= 0) {
          throw new NotCompiled("a string with escapes");
        }
        return new Literal(TextNode.valueOf(literal));
      }
      if (token.equals("true") || token.equals("false")) {
        return new Literal(BooleanNode.valueOf(token.equals("true")));
      }
      if (token.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
        if (token.length() > 9) {
          throw new NotCompiled("a long number");
        }
        return new Literal(IntNode.valueOf(Integer.parseInt(token)));
      }
      if (token.startsWith("@")) {
        return new DataPath(
            switch (token) {
              case "@index" -> Data.INDEX;
              case "@key" -> Data.KEY;
              case "@first" -> Data.FIRST;
              case "@last" -> Data.LAST;
              default -> throw new NotCompiled("a data variable " + token);
            });
      }
      if (token.equals("null") || token.equals("undefined")) {
        throw new NotCompiled("a null literal");
      }
      if (inPartial
          && (token.equals("this") || token.startsWith(".") || token.startsWith("this"))) {
        throw new NotCompiled("this in a partial");
      }
      if (token.equals("this") || token.equals(".")) {
        return new Path(true, new String[0]);
      }
      boolean local = false;
      String path = token;
      for (String self : List.of("this.", "this/", "./")) {
        if (path.startsWith(self)) {
          local = true;
          path = path.substring(self.length());
        }
      }
      String[] segments = path.split("[./]", -1);
      if (!local && DATA_NAMES.contains(segments[0]) || segments[0].startsWith("__")) {
        // Handlebars.java looks a name missing from the variables up in its context data
        throw new NotCompiled("a name of the render's data: " + segments[0]);
      }
      for (String s : segments) {
        if (!isIdentifier(s) || s.equals("this")) {
          throw new NotCompiled("the path " + token);
        }
      }
      return new Path(local, segments);
    }

    private static boolean isIdentifierChar(char c) {
      return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '$');
    }

    private static boolean isIdentifier(String s) {
      if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || "_$".indexOf(s.charAt(0)) >= 0)) {
        return false;
      }
      for (int i = 1; i < s.length(); i++) {
        char c = s.charAt(i);
        if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '$'))) {
          return false;
        }
      }
      return s.charAt(0) < 128;
    }

    /**
     * Handlebars.java's standalone lines: a line holding block, else, close, partial or comment
     * tags and otherwise only spaces and tabs loses its spaces and its newline. A line with a
     * variable or with text keeps everything.
     */
    private void standaloneLines() {
      int lineStart = 0;
      for (int i = 0; i <= atoms.size(); i++) {
        boolean end = i == atoms.size();
        if (!end && !(atoms.get(i) instanceof TextAtom t && t.kind == TextKind.NEWLINE)) {
          continue;
        }
        int lineEnd = end ? atoms.size() : i + 1;
        boolean tag = false;
        boolean other = false;
        boolean space = false;
        boolean spaceBetweenTags = false;
        boolean spaceAfterTag = false;
        for (int k = lineStart; k < lineEnd; k++) {
          switch (atoms.get(k)) {
            case Tag t -> {
              spaceBetweenTags |= spaceAfterTag;
              tag |= t.standalone();
              other |= !t.standalone();
              if (t.kind() == TagKind.PARTIAL && space) {
                // Handlebars.java indents every line of a partial that follows spaces
                throw new NotCompiled("a partial after spaces");
              }
            }
            case TextAtom t -> {
              other |= t.kind == TextKind.TEXT;
              space |= t.kind == TextKind.SPACE;
              spaceAfterTag |= tag && t.kind == TextKind.SPACE;
            }
          }
        }
        if (tag && !other) {
          if (spaceBetweenTags || (end && spaceAfterTag)) {
            // Handlebars.java keeps, or not, parts of such a line (and of the last line, spaces
            // after its tags) in ways of its own
            throw new NotCompiled("a line of tags with spaces between or after them");
          }
          for (int k = lineStart; k < lineEnd; k++) {
            if (atoms.get(k) instanceof TextAtom t) {
              t.hidden = true;
            }
          }
        }
        lineStart = lineEnd;
      }
    }

    /** Builds the node tree from the atoms. */
    private final class TreeBuilder {
      private final Iterator<Atom> atoms;

      TreeBuilder(Iterator<Atom> atoms) {
        this.atoms = atoms;
      }

      /**
       * The nodes up to the close of {@code block} (or the end when null); an else inside the block
       * ends the first list, and {@link #inverse} receives the rest.
       */
      private Node[] inverse;

      Node[] nodes(String block) {
        var nodes = new ArrayList<Node>();
        var text = new StringBuilder();
        boolean inverseSeen = false;
        Node[] fn = null;
        while (atoms.hasNext()) {
          Atom atom = atoms.next();
          if (atom instanceof TextAtom t) {
            if (!t.hidden) {
              text.append(t.text);
            }
            continue;
          }
          Tag tag = (Tag) atom;
          if (tag.kind() != TagKind.COMMENT && !text.isEmpty()) {
            nodes.add(new Text(text.toString()));
            text.setLength(0);
          }
          switch (tag.kind()) {
            case COMMENT -> {}
            case VARIABLE -> nodes.add(variable(tag));
            case PARTIAL -> nodes.add(partial(tag));
            case BLOCK -> {
              String name = name(tag);
              Node[] body = nodes(name);
              Node[] otherwise = inverse;
              nodes.add(block(name, tag, body, otherwise));
            }
            case ELSE -> {
              if (block == null || inverseSeen) {
                throw new NotCompiled("an else outside a block");
              }
              inverseSeen = true;
              fn = nodes.toArray(Node[]::new);
              nodes.clear();
            }
            case CLOSE -> {
              if (block == null
                  || tag.expressions().size() != 1
                  || !block.equals(pathName(tag.expressions().getFirst()))) {
                throw new NotCompiled("a close that does not match");
              }
              if (!text.isEmpty()) {
                nodes.add(new Text(text.toString()));
              }
              Node[] last = nodes.toArray(Node[]::new);
              if (inverseSeen) {
                inverse = last;
                return fn;
              }
              inverse = new Node[0];
              return last;
            }
          }
        }
        if (block != null) {
          throw new NotCompiled("an unclosed block");
        }
        if (!text.isEmpty()) {
          nodes.add(new Text(text.toString()));
        }
        return nodes.toArray(Node[]::new);
      }
    }

    private static String name(Tag tag) {
      return pathName(tag.expressions().getFirst());
    }

    /** The text of a single-segment, non-local path, or null. */
    private static String pathName(Object e) {
      return e instanceof Path p && !p.local() && p.segments().length == 1 ? p.segments()[0] : null;
    }

    private static Value single(Tag tag, int params) {
      if (tag.expressions().size() != params + 1) {
        throw new NotCompiled("a helper with other parameters");
      }
      return (Value) tag.expressions().get(1);
    }

    private static Node block(String name, Tag tag, Node[] fn, Node[] inverse) {
      if (name == null || !tag.hash().isEmpty()) {
        throw new NotCompiled("a block that is not a known helper");
      }
      int params = tag.expressions().size() - 1;
      return switch (name) {
        case "if" -> new If(single(tag, 1), false, fn, inverse);
        case "unless" -> new If(single(tag, 1), true, fn, inverse);
        case "with" -> {
          Value value = single(tag, 1);
          checkWithBody(value, fn);
          checkWithBody(value, inverse);
          yield new With(value, fn, inverse);
        }
        case "each" -> new Each(single(tag, 1), fn, inverse);
        case "ifEquals", "unlessEquals" -> {
          if (params != 2) {
            throw new NotCompiled("ifEquals takes two values");
          }
          yield new Equals(
              (Value) tag.expressions().get(1),
              (Value) tag.expressions().get(2),
              name.equals("unlessEquals"),
              fn,
              inverse);
        }
        default -> throw new NotCompiled("the block " + name);
      };
    }

    /**
     * Handlebars.java resolves nothing, directly inside {@code {{#with a.b}}}, for a path that
     * starts with {@code a.b} (though it does inside a block nested there): such a template is left
     * to it.
     */
    private static void checkWithBody(Value param, Node[] body) {
      if (param instanceof Literal) {
        return;
      }
      for (Node n : body) {
        List<Value> values =
            switch (n) {
              case Print p -> List.of(p.value());
              case Role r -> List.of(r.role());
              case Section sec -> List.of(sec.name());
              case Media m ->
                  m.contentType() == null ? List.of(m.url()) : List.of(m.url(), m.contentType());
              case Json j -> List.of(j.value());
              case If i -> List.of(i.value());
              case Equals e -> List.of(e.a(), e.b());
              case With w -> List.of(w.value());
              case Each e -> List.of(e.value());
              case Sequence sequence -> throw new NotCompiled("a partial directly inside a with");
              default -> List.of();
            };
        for (Value v : values) {
          if (v.equals(param)
              || (v instanceof Path p
                  && param instanceof Path with
                  && startsWith(p.segments(), with.segments()))) {
            throw new NotCompiled("a path inside a with that starts with the with's path");
          }
        }
      }
    }

    private static boolean startsWith(String[] path, String[] prefix) {
      if (path.length < prefix.length) {
        return false;
      }
      for (int i = 0; i < prefix.length; i++) {
        if (!path[i].equals(prefix[i])) {
          return false;
        }
      }
      return true;
    }

    private static Node variable(Tag tag) {
      Object head = tag.expressions().getFirst();
      String name = pathName(head);
      boolean call = tag.expressions().size() > 1 || !tag.hash().isEmpty();
      if (name != null && HELPERS.contains(name)) {
        return helper(name, tag);
      }
      if (call || !(head instanceof Path || head instanceof DataPath)) {
        throw new NotCompiled("a call of an unknown helper");
      }
      return new Print((Value) head);
    }

    private static Node helper(String name, Tag tag) {
      Map<String, Object> hash = tag.hash();
      switch (name) {
        case "role" -> {
          if (hash.isEmpty()) {
            return new Role(single(tag, 1));
          }
        }
        case "section" -> {
          if (hash.isEmpty()) {
            return new Section(single(tag, 1));
          }
        }
        case "history" -> {
          if (hash.isEmpty() && tag.expressions().size() == 1) {
            return new History();
          }
        }
        case "json" -> {
          Object indent = hash.get("indent");
          if (hash.size() == (indent == null ? 0 : 1)) {
            int n = 0;
            if (indent != null) {
              if (!(indent instanceof Literal l) || !l.value().isInt()) {
                throw new NotCompiled("a json indent that is not a number");
              }
              n = l.value().intValue();
            }
            return new Json(single(tag, 1), Math.max(0, Math.min(n, 10)));
          }
        }
        case "media" -> {
          Object url = hash.get("url");
          Object type = hash.get("contentType");
          if (tag.expressions().size() == 1
              && url != null
              && hash.size() == (type == null ? 1 : 2)) {
            return new Media((Value) url, (Value) type);
          }
        }
        default -> {}
      }
      throw new NotCompiled("the helper " + name + " used this way");
    }

    private Node partial(Tag tag) {
      if (tag.expressions().size() != 1 || !tag.hash().isEmpty()) {
        throw new NotCompiled("a partial with a context or hash");
      }
      String name = (String) tag.expressions().getFirst();
      if (!name.matches("[A-Za-z0-9_$/.:-]+")) {
        throw new NotCompiled("a partial name in quotes or brackets");
      }
      String body =
          partials.template(name).orElseThrow(() -> new NotCompiled("an unknown partial"));
      return new Sequence(new Parser(body, partials, depth + 1).parse());
    }
  }
}
