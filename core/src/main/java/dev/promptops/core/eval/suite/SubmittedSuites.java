package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;

/** What a suite sent to the server may not do: name files, or endpoints and keys of its own. */
final class SubmittedSuites {
  private SubmittedSuites() {}

  static void check(ObjectNode root) {
    for (JsonNode p : Nodes.items(root.get("prompts"))) {
      if (p.isTextual() && p.textValue().strip().endsWith(".prompt")) {
        throw refused(
            "prompt '" + p.textValue() + "' is a file",
            "name registered versions (support/reply@3, support/reply:staging); push the file first");
      }
    }
    for (JsonNode c : Nodes.items(root.get("cases"))) {
      if (c.has("file")) {
        throw refused(
            "case file '" + c.get("file").asText() + "' is not inline",
            "send the cases inline (promptops eval --remote inlines case files)");
      }
    }
    JsonNode grader = root.path("grader").path("prompt");
    if (grader.isTextual() && grader.textValue().strip().endsWith(".prompt")) {
      throw refused(
          "the grader prompt '" + grader.textValue() + "' is a file",
          "register the grader prompt and name it by reference");
    }
    for (JsonNode p : Nodes.items(root.get("providers"))) {
      for (String key : new String[] {"type", "baseUrl", "apiKeyEnv", "options"}) {
        if (p.has(key)) {
          throw refused(
              "provider " + p.path("id").asText("?") + " sets '" + key + "'",
              "on the server, models run on the project's providers: name them as provider/model"
                  + " and configure endpoints with promptops provider add");
        }
      }
      for (String key : new String[] {"maxConcurrent", "requestsPerMinute"}) {
        if (p.has(key)) {
          throw refused(
              "provider " + p.path("id").asText("?") + " sets '" + key + "'",
              "on the server, limits are the project's provider's, shared by every run: set them"
                  + " with promptops provider add NAME --max-concurrent N --rpm N");
        }
      }
    }
  }

  private static InvalidInputException refused(String what, String hint) {
    return new InvalidInputException(
        "suite_not_self_contained",
        "a suite run on the server must be self-contained: " + what,
        hint);
  }
}
