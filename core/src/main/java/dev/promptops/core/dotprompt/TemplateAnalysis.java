package dev.promptops.core.dotprompt;

import dev.promptops.core.dotprompt.TemplateScanner.Expr;
import dev.promptops.core.dotprompt.TemplateScanner.Kind;
import dev.promptops.core.dotprompt.TemplateScanner.Literal;
import dev.promptops.core.dotprompt.TemplateScanner.Path;
import dev.promptops.core.dotprompt.TemplateScanner.SubExpr;
import dev.promptops.core.dotprompt.TemplateScanner.Tag;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a template uses, read from its tags: the helpers it calls, the partials it includes and the
 * top-level variables it reads, each with the position of its first use, plus the problems found on
 * the way (unknown helpers, partials named at run time). Positions are in the template.
 */
record TemplateAnalysis(
    Map<String, Position> variables,
    Map<String, Position> partials,
    Set<String> inlinePartials,
    List<Finding> findings) {

  /** The Dotprompt helpers and the standard Handlebars ones; nothing else may be called. */
  static final Set<String> KNOWN_HELPERS =
      Set.of(
          "role",
          "history",
          "media",
          "section",
          "json",
          "ifEquals",
          "unlessEquals",
          "if",
          "unless",
          "each",
          "with",
          "lookup",
          "log");

  private static final Set<String> CONTEXT_HELPERS = Set.of("each", "with");

  record Position(int line, int column) {}

  /** A problem at a template position. */
  record Finding(String code, int line, int column, String message, String hint) {}

  static TemplateAnalysis of(String template) {
    var walker = new Walker();
    List<Tag> tags;
    try {
      tags = TemplateScanner.scan(template);
    } catch (TemplateScanner.ScanException e) {
      walker.findings.add(new Finding("template_syntax", e.line, e.column, e.getMessage(), e.hint));
      return walker.result();
    }
    for (Tag tag : tags) {
      walker.visit(tag);
      if (walker.frames.size() > Dotprompt.MAX_BLOCK_DEPTH) {
        walker.findings.add(
            new Finding(
                "template_too_deep",
                tag.line(),
                tag.column(),
                "blocks nest deeper than " + Dotprompt.MAX_BLOCK_DEPTH + " levels",
                "flatten the template: at most "
                    + Dotprompt.MAX_BLOCK_DEPTH
                    + " blocks inside one another (and close every block with its {{/name}})"));
        break;
      }
    }
    return walker.result();
  }

  private static final class Walker {
    final Map<String, Position> variables = new LinkedHashMap<>();
    final Map<String, Position> partials = new LinkedHashMap<>();
    final Set<String> inline = new HashSet<>();
    final List<Finding> findings = new ArrayList<>();
    final Deque<Frame> frames = new ArrayDeque<>();

    /** A block being read; it moves the context when it is each, with or a section. */
    static final class Frame {
      final boolean movesContext;
      final List<String> blockParams;
      boolean inElse;

      Frame(boolean movesContext, List<String> blockParams) {
        this.movesContext = movesContext;
        this.blockParams = blockParams;
      }
    }

    TemplateAnalysis result() {
      return new TemplateAnalysis(
          Map.copyOf(variables), Map.copyOf(partials), Set.copyOf(inline), List.copyOf(findings));
    }

    void visit(Tag tag) {
      switch (tag.kind()) {
        case COMMENT -> {}
        case VARIABLE -> mustache(tag);
        case BLOCK -> block(tag);
        case INVERSE -> {
          use(tag.head(), tag);
          frames.push(new Frame(false, List.of()));
        }
        case ELSE -> {
          if (!frames.isEmpty()) {
            frames.peek().inElse = true;
          }
          tag.params().forEach(p -> use(p, tag));
          if (tag.head() != null && !(tag.head() instanceof Path p && p.text().equals("if"))) {
            helperCall(tag.head(), tag, true);
          }
        }
        case CLOSE -> {
          if (!frames.isEmpty()) {
            frames.pop();
          }
        }
        case PARTIAL, PARTIAL_BLOCK -> partial(tag);
        case DECORATOR -> decorator(tag);
        case DECORATOR_BLOCK -> {
          decorator(tag);
          if (!tag.params().isEmpty() && tag.params().getFirst() instanceof Literal l) {
            inline.add(l.text());
          }
          frames.push(new Frame(false, List.of()));
        }
      }
    }

    /** Handlebars.java knows one decorator, inline, which needs the partial's name. */
    void decorator(Tag tag) {
      if (!tag.name().equals("inline")) {
        findings.add(
            new Finding(
                "unknown_decorator",
                tag.line(),
                tag.column(),
                "unknown decorator '" + tag.name() + "'",
                "the only decorator is inline, which defines a partial:"
                    + " {{#*inline \"name\"}}...{{/inline}}"));
      } else if (tag.params().isEmpty()) {
        findings.add(
            new Finding(
                "unknown_decorator",
                tag.line(),
                tag.column(),
                "the inline decorator needs the name of the partial it defines",
                "write {{#*inline \"name\"}}...{{/inline}}"));
      }
    }

    void mustache(Tag tag) {
      boolean hasArgs = !tag.params().isEmpty() || !tag.hash().isEmpty();
      if (tag.head() instanceof Path p && KNOWN_HELPERS.contains(p.text())) {
        arguments(tag);
      } else if (hasArgs) {
        helperCall(tag.head(), tag, false);
        arguments(tag);
      } else {
        use(tag.head(), tag);
      }
    }

    void block(Tag tag) {
      String name = tag.name();
      boolean helper = KNOWN_HELPERS.contains(name);
      boolean hasArgs = !tag.params().isEmpty() || !tag.hash().isEmpty();
      if (!helper && hasArgs) {
        helperCall(tag.head(), tag, false);
      }
      if (helper || hasArgs) {
        arguments(tag);
      } else {
        use(tag.head(), tag);
      }
      boolean moves = CONTEXT_HELPERS.contains(name) || (!helper && !hasArgs);
      frames.push(new Frame(moves, tag.blockParams()));
    }

    void partial(Tag tag) {
      switch (tag.head()) {
        case Path p -> partials.putIfAbsent(p.text(), new Position(tag.line(), tag.column()));
        case Literal l -> partials.putIfAbsent(l.text(), new Position(tag.line(), tag.column()));
        case SubExpr s ->
            findings.add(
                new Finding(
                    "dynamic_partial",
                    tag.line(),
                    tag.column(),
                    "a partial named at render time ({{> (...)}}) cannot be pinned",
                    "name the partial directly, e.g. {{> header}}"));
        case null -> {}
      }
      tag.params().forEach(p -> use(p, tag));
      tag.hash().values().forEach(v -> use(v, tag));
      if (tag.kind() == Kind.PARTIAL_BLOCK) {
        frames.push(new Frame(false, List.of()));
      }
    }

    void arguments(Tag tag) {
      tag.params().forEach(p -> use(p, tag));
      tag.hash().values().forEach(v -> use(v, tag));
    }

    void helperCall(Expr head, Tag tag, boolean inElse) {
      if (head instanceof Path p && !KNOWN_HELPERS.contains(p.text())) {
        findings.add(
            new Finding(
                "unknown_helper",
                tag.line(),
                tag.column(),
                "unknown helper '" + p.text() + "'",
                "Dotprompt templates may call only "
                    + String.join(", ", KNOWN_HELPERS.stream().sorted().toList())));
      }
    }

    void use(Expr e, Tag tag) {
      switch (e) {
        case Path p -> variable(p.text(), tag);
        case SubExpr s -> {
          helperCall(s.head(), tag, false);
          s.params().forEach(x -> use(x, tag));
          s.hash().values().forEach(x -> use(x, tag));
        }
        case Literal l -> {}
        case null -> {}
      }
    }

    void variable(String path, Tag tag) {
      String p = path;
      if (p.startsWith("@root.") || p.startsWith("@root/")) {
        p = p.substring(6);
        record(first(p), tag);
        return;
      }
      if (p.startsWith("@")) {
        return;
      }
      int ups = 0;
      while (p.startsWith("../")) {
        ups++;
        p = p.substring(3);
      }
      if (p.equals("this") || p.equals(".") || p.isEmpty()) {
        return;
      }
      if (p.startsWith("this.") || p.startsWith("this/")) {
        p = p.substring(5);
      } else if (p.startsWith("./")) {
        p = p.substring(2);
      }
      String root = first(p);
      for (Frame f : frames) {
        if (f.blockParams.contains(root)) {
          return;
        }
      }
      if (depth() - ups <= 0) {
        record(root, tag);
      }
    }

    int depth() {
      int d = 0;
      for (Frame f : frames) {
        if (f.movesContext && !f.inElse) {
          d++;
        }
      }
      return d;
    }

    void record(String name, Tag tag) {
      if (!name.isEmpty()) {
        variables.putIfAbsent(name, new Position(tag.line(), tag.column()));
      }
    }

    static String first(String path) {
      String p = path;
      if (p.startsWith("[")) {
        int end = p.indexOf(']');
        return end < 0 ? p.substring(1) : p.substring(1, end);
      }
      int cut = p.length();
      for (char sep : new char[] {'.', '/', '['}) {
        int i = p.indexOf(sep);
        if (i >= 0 && i < cut) {
          cut = i;
        }
      }
      return p.substring(0, cut);
    }
  }
}
