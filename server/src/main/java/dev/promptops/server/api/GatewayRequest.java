package dev.promptops.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.auth.ApiKeyRecord;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.execution.RunRequest;
import dev.promptops.core.json.Json;
import dev.promptops.core.registry.Ref;
import dev.promptops.core.registry.Selector;
import dev.promptops.server.http.Call;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An OpenAI chat completion request read as a run of a deployed prompt. The prompt is named, in
 * this order, by a {@code prompt} object in the body ({@code {"name", "project"?, "environment" |
 * "label" | "version", "variables"}}), by the header {@code X-PromptOps-Prompt:
 * name[:env|@version]} (with {@code X-PromptOps-Project}, {@code X-PromptOps-Variables}), or by a
 * {@code model} of the form {@code prompt:name[:env|@version]}. The request's {@code messages} go
 * after the rendered ones; its sampling fields override the prompt's config. Fields the gateway
 * cannot honour (tools, several choices, audio) are refused, never dropped.
 *
 * @param jsonFormat the {@code response_format} type asked for ({@code json_object}, {@code
 *     json_schema}), or null when the caller asked for text or nothing
 */
record GatewayRequest(RunRequest run, boolean stream, boolean includeUsage, String jsonFormat) {
  static final String MODEL_PREFIX = "prompt:";

  /** Fields of OpenAI's request that a deployed prompt cannot honour. */
  private static final List<String> REFUSED =
      List.of("tools", "functions", "tool_choice", "function_call", "audio", "prediction");

  static GatewayRequest read(Call call) {
    ObjectNode body = call.json();
    refuseUnsupported(body);
    ObjectNode prompt = promptSpec(body, call);
    Ref ref = ref(prompt);
    JsonNode variables = prompt.get("variables");
    if (variables != null && !variables.isNull() && !variables.isObject()) {
      throw invalid("'variables' must be an object of the prompt's input variables");
    }
    var run =
        new RunRequest(
            project(prompt, call.principal()),
            ref.prompt(),
            ref.selector(),
            RenderData.of(variables instanceof ObjectNode v ? v : Json.object()),
            overrides(body),
            messages(body.path("messages")),
            "gateway");
    boolean stream = body.path("stream").asBoolean(false);
    boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
    return new GatewayRequest(run, stream, includeUsage, jsonFormat(body.get("response_format")));
  }

  private static void refuseUnsupported(ObjectNode body) {
    for (String field : REFUSED) {
      JsonNode v = body.get(field);
      if (v != null && !v.isNull() && !(v.isArray() && v.isEmpty())) {
        throw unsupported("'" + field + "' is not supported by the gateway");
      }
    }
    if (body.path("n").isNumber() && body.get("n").asInt() != 1) {
      throw unsupported("the gateway returns one choice; 'n' must be 1");
    }
    if (body.path("logprobs").asBoolean(false)) {
      throw unsupported("'logprobs' is not supported by the gateway");
    }
    JsonNode modalities = body.get("modalities");
    if (modalities != null && modalities.isArray()) {
      for (JsonNode m : modalities) {
        if (!"text".equals(m.asText())) {
          throw unsupported("the gateway answers with text only; modality '" + m.asText() + "'");
        }
      }
    }
  }

  private static ObjectNode promptSpec(ObjectNode body, Call call) {
    JsonNode given = body.get("prompt");
    if (given != null && !given.isNull()) {
      if (given instanceof ObjectNode p) {
        return p;
      }
      throw invalid("'prompt' must be an object: {\"name\": …, \"environment\": …}");
    }
    ObjectNode p = Json.object();
    Optional<String> header = call.header("X-PromptOps-Prompt");
    String model = body.path("model").asText("");
    if (header.isPresent()) {
      p.put("ref", header.get());
    } else if (model.startsWith(MODEL_PREFIX)) {
      p.put("ref", model.substring(MODEL_PREFIX.length()));
    } else {
      throw invalid(
          "the request names no prompt"
              + (model.isEmpty() ? "" : " ('" + model + "' is a model, not a prompt)"));
    }
    call.header("X-PromptOps-Project").ifPresent(v -> p.put("project", v));
    call.header("X-PromptOps-Variables").ifPresent(v -> p.set("variables", variablesHeader(v)));
    return p;
  }

  private static JsonNode variablesHeader(String value) {
    try {
      return Json.parse(value);
    } catch (JsonProcessingException e) {
      throw invalid("X-PromptOps-Variables is not JSON: " + e.getOriginalMessage());
    }
  }

  private static Ref ref(ObjectNode p) {
    if (p.hasNonNull("ref")) {
      return Ref.parse(p.get("ref").asText());
    }
    String name = p.path("name").asText("");
    if (name.isEmpty()) {
      throw invalid("the prompt object has no 'name'");
    }
    int given =
        (p.hasNonNull("environment") ? 1 : 0)
            + (p.hasNonNull("label") ? 1 : 0)
            + (p.hasNonNull("version") ? 1 : 0);
    if (given > 1) {
      throw invalid("give at most one of environment, label and version");
    }
    if (p.hasNonNull("version") && !p.get("version").canConvertToInt()) {
      throw invalid("'version' must be a version number, e.g. 3");
    }
    Selector selector =
        p.hasNonNull("environment")
            ? new Selector.Env(p.get("environment").asText())
            : p.hasNonNull("label")
                ? new Selector.Label(p.get("label").asText())
                : p.hasNonNull("version")
                    ? new Selector.Version(p.get("version").asInt())
                    : new Selector.Default();
    return new Ref(name, selector);
  }

  /** The project named, else the only project the key has a role in. */
  private static String project(ObjectNode p, Principal who) {
    if (p.hasNonNull("project")) {
      return p.get("project").asText();
    }
    var projects =
        who.roles().keySet().stream().filter(k -> !k.equals(ApiKeyRecord.ALL_PROJECTS)).toList();
    if (projects.size() == 1) {
      return projects.getFirst();
    }
    throw invalid("the request names no project and the key is not limited to one");
  }

  /** OpenAI sampling fields as config overrides, or null when there are none. */
  private static ObjectNode overrides(ObjectNode body) {
    ObjectNode config = Json.object();
    copyNumber(body, "temperature", config, "temperature");
    copyNumber(body, "top_p", config, "topP");
    copyNumber(body, "max_tokens", config, "maxOutputTokens");
    copyNumber(body, "max_completion_tokens", config, "maxOutputTokens");
    JsonNode stop = body.get("stop");
    if (stop != null && stop.isTextual()) {
      config.putArray("stopSequences").add(stop.textValue());
    } else if (stop != null && stop.isArray()) {
      config.set("stopSequences", stop);
    }
    if (config.isEmpty()) {
      return null;
    }
    ObjectNode options = Json.object();
    options.set("config", config);
    return options;
  }

  private static void copyNumber(ObjectNode from, String field, ObjectNode to, String name) {
    JsonNode v = from.get(field);
    if (v == null || v.isNull()) {
      return;
    }
    if (!v.isNumber()) {
      throw invalid("'" + field + "' must be a number");
    }
    to.set(name, v);
  }

  /** OpenAI messages as Dotprompt messages (assistant → model, developer → system). */
  static ArrayNode messages(JsonNode messages) {
    ArrayNode out = Json.array();
    if (messages == null || messages.isMissingNode() || messages.isNull()) {
      return out;
    }
    if (!messages.isArray()) {
      throw invalid("'messages' must be a list");
    }
    for (JsonNode m : messages) {
      ObjectNode message = out.addObject();
      message.put("role", role(m.path("role").asText("")));
      message.set("content", parts(m.get("content")));
    }
    return out;
  }

  private static String role(String openAiRole) {
    return switch (openAiRole) {
      case "user" -> "user";
      case "assistant" -> "model";
      case "system", "developer" -> "system";
      default ->
          throw unsupported(
              "message role '"
                  + openAiRole
                  + "' is not supported by the gateway (user, assistant, system, developer)");
    };
  }

  private static ArrayNode parts(JsonNode content) {
    ArrayNode parts = Json.array();
    if (content != null && content.isTextual()) {
      parts.addObject().put("text", content.textValue());
    } else if (content != null && content.isArray()) {
      for (JsonNode part : content) {
        switch (part.path("type").asText("")) {
          case "text" -> parts.addObject().put("text", part.path("text").asText());
          case "image_url" ->
              parts
                  .addObject()
                  .putObject("media")
                  .put("url", part.path("image_url").path("url").asText());
          default ->
              throw unsupported(
                  "content part type '" + part.path("type").asText() + "' is not supported");
        }
      }
    }
    return parts;
  }

  private static String jsonFormat(JsonNode format) {
    if (format == null || format.isNull()) {
      return null;
    }
    String type = format.path("type").asText("").toLowerCase(Locale.ROOT);
    return switch (type) {
      case "text" -> null;
      case "json_object", "json_schema" -> type;
      default -> throw invalid("response_format type '" + type + "' is not one OpenAI defines");
    };
  }

  /**
   * Refuses a {@code response_format} asking for JSON from a prompt that does not produce it: the
   * prompt version decides the output, so the caller would silently get prose.
   */
  void checkFormat(ObjectNode metadata, String ref) {
    boolean json = "json".equals(metadata.path("output").path("format").asText(""));
    if (jsonFormat != null && !json) {
      throw new InvalidInputException(
          "unsupported_by_gateway",
          "response_format " + jsonFormat + " asks for JSON, but " + ref + " produces text",
          "the prompt version decides the output: set 'output: {format: json, schema: …}' in its"
              + " front matter and deploy it, or drop response_format");
    }
  }

  private static InvalidInputException unsupported(String message) {
    return new InvalidInputException(
        "unsupported_by_gateway",
        message,
        "the gateway runs the deployed prompt with its own model and output settings; call the"
            + " provider directly for this feature");
  }

  private static InvalidInputException invalid(String message) {
    return new InvalidInputException(
        "invalid_gateway_request",
        message,
        "name the prompt with \"prompt\": {\"name\": \"support/reply\", \"project\": \"shop\","
            + " \"environment\": \"production\", \"variables\": {...}}, the header"
            + " X-PromptOps-Prompt: support/reply:production, or \"model\":"
            + " \"prompt:support/reply:production\"");
  }
}
