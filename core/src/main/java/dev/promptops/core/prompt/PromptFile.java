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
 * A {@code .prompt} file split into its YAML front matter and its template body. Line endings are
 * normalised to {@code \n} and a leading byte-order mark is dropped; the body is otherwise kept
 * exactly, because white space is part of what a template renders.
 *
 * @param frontMatter the front matter as a JSON object (empty when the file has none)
 * @param template the template body after the closing {@code ---} line
 */
public record PromptFile(ObjectNode frontMatter, String template) {
  private static final Pattern FRONT_MATTER =
      Pattern.compile("\\A---[ \\t]*\\n(.*?\\n)?---[ \\t]*(?:\\n|\\z)(.*)\\z", Pattern.DOTALL);

  public PromptFile {
    Objects.requireNonNull(frontMatter, "frontMatter");
    Objects.requireNonNull(template, "template");
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
    if (!text.startsWith("---")) {
      return new PromptFile(Json.object(), text);
    }
    Matcher m = FRONT_MATTER.matcher(text);
    if (!m.matches()) {
      throw new UnprocessableException(
          "invalid_front_matter",
          origin + ": front matter opened on line 1 with '---' is never closed",
          "end the YAML front matter with a line holding only '---', then the template");
    }
    String yaml = m.group(1) == null ? "" : m.group(1);
    return new PromptFile(parseYaml(yaml, origin), m.group(2));
  }

  /** The text with a leading byte-order mark dropped and line endings made {@code \n}. */
  public static String normalize(String source) {
    String text = source.startsWith("\uFEFF") ? source.substring(1) : source;
    return text.replace("\r\n", "\n").replace('\r', '\n');
  }

  private static ObjectNode parseYaml(String yaml, String origin) {
    if (yaml.isBlank()) {
      return Json.object();
    }
    JsonNode node;
    try {
      node = Json.yaml().readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new UnprocessableException(
          "invalid_front_matter",
          origin + ": front matter is not valid YAML" + at(e) + ": " + e.getOriginalMessage(),
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

  /** " at line L, column C" in file coordinates (the opening '---' is line 1). */
  private static String at(JsonProcessingException e) {
    var loc = e.getLocation();
    if (loc == null || loc.getLineNr() < 0) {
      return "";
    }
    return " at line " + (loc.getLineNr() + 1) + ", column " + loc.getColumnNr();
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
