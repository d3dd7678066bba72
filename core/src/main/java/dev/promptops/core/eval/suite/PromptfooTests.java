package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * promptfoo's {@code tests} (a list of tests and {@code file://} test files or patterns, or one
 * file) and {@code defaultTest} (inline or a {@code file://} YAML file). Without {@code tests},
 * promptfoo runs every prompt once with the defaults alone, and so does PromptOps.
 */
final class PromptfooTests {
  private final Origin origin;
  private final PromptfooCases format;
  private final FileValues files;
  private final Warnings warnings;

  PromptfooTests(Origin origin, PromptfooCases format, FileValues files, Warnings warnings) {
    this.origin = origin;
    this.format = format;
    this.files = files;
    this.warnings = warnings;
  }

  /** The defaults, and (as the draft's judge and embeddings) the suite's grading provider. */
  CaseDraft defaults(JsonNode node) {
    String where = origin.at("defaultTest");
    JsonNode d = FileValues.isRef(node) ? files.load(node.textValue(), where, null) : node;
    ObjectNode o =
        Nodes.absent(d) ? Json.object() : Nodes.object(d, where, "defaultTest: {assert: [...]}");
    if (o.path("options").has("rubricPrompt")) {
      throw SuiteErrors.unsupported(
          where,
          "options.rubricPrompt is not supported: PromptOps' grader prompt is a Dotprompt file",
          "remove it, or use a native suite with grader.prompt");
    }
    return format.draft(o, new Site(where, "defaultTest", null), warnings);
  }

  void read(JsonNode tests, CasesBuilder builder) {
    if (Nodes.absent(tests)) {
      builder.add(
          format.draft(Json.object(), new Site(origin.at("tests"), "tests", null), warnings));
      return;
    }
    if (tests.isObject()) {
      throw SuiteErrors.unsupported(
          origin.at("tests"),
          "a test generator (tests: {path: …}) is not supported",
          "list the tests, or name a CSV, JSONL, JSON or YAML file of them");
    }
    List<JsonNode> items = Nodes.items(tests);
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String number = Integer.toString(i + 1);
      if (item.isTextual()) {
        files(item.textValue(), builder, origin.at("tests " + number));
      } else if (item.isObject() && item.has("path")) {
        throw SuiteErrors.unsupported(
            origin.at("tests " + number),
            "a test generator ({path: …}) is not supported",
            "name a CSV, JSONL, JSON or YAML file of tests instead");
      } else {
        builder.add(format.draft(item, site(item, number), warnings));
      }
    }
  }

  private Site site(JsonNode item, String number) {
    JsonNode d = item.get("description");
    String named = d != null && d.isTextual() ? " (\"" + d.textValue() + "\")" : "";
    return new Site(origin.at("tests " + number + named), "tests", number);
  }

  private void files(String ref, CasesBuilder builder, String where) {
    String path = FileValues.path(ref);
    String lower = path.toLowerCase(Locale.ROOT);
    for (String remote : List.of("huggingface://", "https://", "http://", "az://", "langfuse://")) {
      if (lower.startsWith(remote)) {
        throw SuiteErrors.unsupported(
            where,
            "tests from " + ref + " are not supported (PromptOps reads local files only)",
            "download them to a CSV or JSONL file and name that");
      }
    }
    if (lower.matches(".*\\.xlsx?(#.*)?")) {
      throw SuiteErrors.unsupported(
          where, "Excel files are not supported", "save the sheet as CSV");
    }
    for (Path file : files.files(ref, where)) {
      builder.add(CaseFile.of(file, origin.relative(file), where), where);
    }
  }
}
