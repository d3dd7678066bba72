package dev.promptops.core.prompt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.UnprocessableException;
import dev.promptops.core.json.Json;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code .prompt} file split into its YAML front matter and its template, the way Dotprompt
 * splits it: optional blank or {@code #} comment lines (a license header), a line {@code ---}, the
 * YAML, a line {@code ---}, then the template, trimmed of leading and trailing white space. A file
 * that does not open front matter is all template, kept exactly. Line endings are normalised to
 * {@code \n} and a leading byte-order mark is dropped first.
 *
 * @param frontMatter the front matter as a JSON object (empty when the file has none)
 * @param template the template
 * @param templateLine the line of the file on which the template starts (1-based), so that
 *     positions in the template can be reported as positions in the file
 */
public record PromptFile(ObjectNode frontMatter, String template, int templateLine) {
  private static final Pattern CLOSING =
      Pattern.compile("^---[ \\t]*(?:\\n|\\z)", Pattern.MULTILINE);

  public PromptFile {
    Objects.requireNonNull(frontMatter, "frontMatter");
    Objects.requireNonNull(template, "template");
  }

  /** A file with no front matter. */
  public static PromptFile templateOnly(String template) {
    return new PromptFile(Json.object(), template, 1);
  }

  /**
   * Parses the text of a prompt file.
   *
   * @param origin where the text comes from (a path or a prompt name), used in error messages
   * @throws UnprocessableException if the front matter is not closed, is not valid YAML, or is not
   *     a mapping
   */
  public static PromptFile parse(String source, String origin) {
    String text = normalize(Objects.requireNonNull(source, "source"));
    int yamlStart = yamlStart(text);
    if (yamlStart < 0) {
      return templateOnly(text);
    }
    Matcher close = CLOSING.matcher(text);
    if (!close.find(yamlStart)) {
      int line = lineAt(text, yamlStart) - 1;
      throw new UnprocessableException(
          "invalid_front_matter",
          origin + ": front matter opened on line " + line + " with '---' is never closed",
          "end the YAML front matter with a line holding only '---', then the template");
    }
    String yaml = text.substring(yamlStart, close.start());
    ObjectNode frontMatter = parseYaml(yaml, origin, lineAt(text, yamlStart) - 1);
    String body = text.substring(close.end());
    String template = body.strip();
    int leading = body.length() - body.stripLeading().length();
    int templateLine = lineAt(text, close.end() + leading);
    return new PromptFile(frontMatter, template, templateLine);
  }

  /**
   * Where the YAML starts, after the opening line {@code ---} and the blank or {@code #} comment
   * lines before it; -1 if the text does not open front matter. A loop, not a regular expression:
   * Java's regex engine recurses once per repeated line and overflows the stack on long headers.
   */
  private static int yamlStart(String text) {
    int at = 0;
    for (int eol = text.indexOf('\n'); eol >= 0; eol = text.indexOf('\n', at)) {
      if (text.startsWith("---", at) && onlySpacesAndTabs(text, at + 3, eol)) {
        return eol + 1;
      }
      if (text.charAt(at) != '#' && !onlySpacesAndTabs(text, at, eol)) {
        return -1;
      }
      at = eol + 1;
    }
    return -1;
  }

  private static boolean onlySpacesAndTabs(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (text.charAt(i) != ' ' && text.charAt(i) != '\t') {
        return false;
      }
    }
    return true;
  }

  /** The 1-based line of a character offset. */
  private static int lineAt(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** The text with a leading byte-order mark dropped and line endings made {@code \n}. */
  public static String normalize(String source) {
    String text = source.startsWith("\uFEFF") ? source.substring(1) : source;
    return text.replace("\r\n", "\n").replace('\r', '\n');
  }

  private static ObjectNode parseYaml(String yaml, String origin, int openingLine) {
    if (yaml.isBlank()) {
      return Json.object();
    }
    JsonNode node;
    try {
      node = Json.yaml().readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new UnprocessableException(
          "invalid_front_matter",
          origin
              + ": front matter is not valid YAML"
              + at(e, openingLine)
              + ": "
              + e.getOriginalMessage(),
          "fix the YAML between the '---' lines",
          e);
    }
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Json.object();
    }
    if (!(node instanceof ObjectNode object)) {
      throw new UnprocessableException(
          "invalid_front_matter",
          origin + ": front matter must be a YAML mapping (key: value), found " + describe(node),
          "write the front matter as 'key: value' lines, e.g. 'model: openai/gpt-4o-mini'");
    }
    return object;
  }

  /** " at line L, column C" in file coordinates. */
  private static String at(JsonProcessingException e, int openingLine) {
    var loc = e.getLocation();
    if (loc == null || loc.getLineNr() < 0) {
      return "";
    }
    return " at line " + (loc.getLineNr() + openingLine) + ", column " + loc.getColumnNr();
  }

  private static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "a list";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
