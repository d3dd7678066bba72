package dev.promptops.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data a render gets from the command line: {@code --data} is Dotprompt's whole data object
 * ({@code input}, {@code context}, {@code messages}, {@code docs}), {@code --vars} the variables,
 * which replace the data's {@code input}. Each is JSON text or {@code @file}.
 */
final class RenderInput {
  private RenderInput() {}

  static RenderData data(Context ctx, String data, String vars) {
    RenderData base =
        data == null ? RenderData.of(null) : RenderData.fromJson(json(ctx, data, "--data"));
    if (vars == null) {
      return base;
    }
    JsonNode input = json(ctx, vars, "--vars");
    if (!(input instanceof ObjectNode object)) {
      throw new InvalidInputException(
          "invalid_vars",
          "--vars must be a JSON object of variables, not " + kind(input),
          "pass e.g. --vars '{\"customer\": \"Ann\"}', or --vars @vars.json");
    }
    return new RenderData(object, base.context(), base.messages(), base.docs());
  }

  /** JSON text, or the content of the file after {@code @}. */
  private static JsonNode json(Context ctx, String value, String option) {
    String text = value;
    String where = option;
    if (value.startsWith("@")) {
      Path file = ctx.resolve(value.substring(1));
      where = option + " file " + ctx.show(file);
      try {
        text = Files.readString(file);
      } catch (IOException e) {
        throw new InvalidInputException(
            "unreadable_file",
            "cannot read " + where + ": " + e.getMessage(),
            "check the path; it is relative to the current folder");
      }
    }
    try {
      return Json.parse(text);
    } catch (JsonProcessingException e) {
      String at = Json.location(e);
      throw new InvalidInputException(
          "invalid_" + option.substring(2),
          where
              + " is not valid JSON"
              + (at.isEmpty() ? "" : " (" + at + ")")
              + ": "
              + e.getOriginalMessage(),
          "pass a JSON object, e.g. "
              + option
              + " '{\"name\": \"Ann\"}', or "
              + option
              + " @file.json");
    }
  }

  private static String kind(JsonNode n) {
    return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
