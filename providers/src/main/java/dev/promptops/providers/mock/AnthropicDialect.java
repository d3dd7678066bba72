package dev.promptops.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.util.ArrayList;

/** Anthropic's Messages API: {@code POST /v1/messages}, JSON or the standard SSE events. */
final class AnthropicDialect implements Dialect {

  @Override
  public MockProtocol protocol() {
    return MockProtocol.ANTHROPIC;
  }

  @Override
  public Conversation chat(Call call) throws BadRequest {
    JsonNode body = call.body();
    String model = Messages.required(body, "model", "e.g. claude-sonnet-4-5");
    if (!body.has("max_tokens")) {
      throw new BadRequest("max_tokens: Field required");
    }
    Integer maxTokens = Messages.count(body.get("max_tokens"), "max_tokens");
    JsonNode messages = Messages.requiredArray(body, "messages");
    String system = Messages.text(body.get("system"));
    var texts = new ArrayList<String>();
    texts.add(system);
    String lastUser = "";
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String role = m.path("role").asText("");
      if (!role.equals("user") && !role.equals("assistant")) {
        throw new BadRequest(
            "messages."
                + i
                + ".role: must be 'user' or 'assistant', not '"
                + role
                + "'"
                + " (system instructions go in the top-level 'system' field)");
      }
      String text = Messages.text(m.get("content"));
      texts.add(text);
      if (role.equals("user")) {
        lastUser = text;
      }
    }
    JsonNode format = body.path("output_config").path("format");
    if (format.isMissingNode()) {
      format = body.path("output_format");
    }
    boolean json = format.path("type").asText().equals("json_schema");
    return new Conversation(
        model,
        system,
        lastUser,
        texts,
        Messages.bool(body.path("stream"), false),
        false,
        json,
        json ? format.get("schema") : null,
        maxTokens,
        Messages.stops(body.path("stop_sequences")));
  }

  @Override
  public void answer(Answer a, Conversation c, Call call, Responder out) throws IOException {
    if (!c.stream()) {
      ObjectNode body = message(a);
      body.set("content", Json.array().add(text(a.text())));
      body.put("stop_reason", stopReason(a));
      putStopSequence(body, a);
      body.set("usage", usage(a.inputTokens(), a.outputTokens()));
      out.json(200, body);
      return;
    }
    out.startStream(Responder.SSE);
    ObjectNode start = message(a);
    start.set("content", Json.array());
    start.putNull("stop_reason");
    start.putNull("stop_sequence");
    start.set("usage", usage(a.inputTokens(), 0));
    out.event("message_start", event("message_start").set("message", start));
    out.event(
        "content_block_start",
        event("content_block_start").put("index", 0).set("content_block", text("")));
    out.event("ping", event("ping"));
    for (String piece : a.deltas()) {
      ObjectNode delta = Json.object().put("type", "text_delta").put("text", piece);
      out.event(
          "content_block_delta", event("content_block_delta").put("index", 0).set("delta", delta));
    }
    out.event("content_block_stop", event("content_block_stop").put("index", 0));
    ObjectNode delta = Json.object().put("stop_reason", stopReason(a));
    putStopSequence(delta, a);
    ObjectNode messageDelta = event("message_delta");
    messageDelta.set("delta", delta);
    messageDelta.set("usage", Json.object().put("output_tokens", a.outputTokens()));
    out.event("message_delta", messageDelta);
    out.event("message_stop", event("message_stop"));
    out.end();
  }

  private static ObjectNode message(Answer a) {
    return Json.object()
        .put("id", "msg_" + a.id())
        .put("type", "message")
        .put("role", "assistant")
        .put("model", a.model());
  }

  private static ObjectNode event(String type) {
    return Json.object().put("type", type);
  }

  private static ObjectNode text(String text) {
    return Json.object().put("type", "text").put("text", text);
  }

  private static ObjectNode usage(int input, int output) {
    return Json.object()
        .put("input_tokens", input)
        .put("cache_creation_input_tokens", 0)
        .put("cache_read_input_tokens", 0)
        .put("output_tokens", output);
  }

  private static String stopReason(Answer a) {
    return switch (a.finish()) {
      case STOP -> "end_turn";
      case LENGTH -> "max_tokens";
      case STOP_SEQUENCE -> "stop_sequence";
    };
  }

  private static void putStopSequence(ObjectNode node, Answer a) {
    if (a.stopSequence() == null) {
      node.putNull("stop_sequence");
    } else {
      node.put("stop_sequence", a.stopSequence());
    }
  }

  @Override
  public JsonNode error(Failure failure, String message) {
    String type =
        switch (failure) {
          case UNAUTHORIZED -> "authentication_error";
          case NOT_FOUND -> "not_found_error";
          case TOO_LARGE -> "request_too_large";
          case RATE_LIMITED -> "rate_limit_error";
          case SERVER_ERROR -> "api_error";
          case TIMEOUT -> "timeout_error";
          case BAD_REQUEST, METHOD_NOT_ALLOWED -> "invalid_request_error";
        };
    return Json.object()
        .put("type", "error")
        .set("error", Json.object().put("type", type).put("message", message));
  }
}
