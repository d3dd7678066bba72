package dev.promptops.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.ErrorKind;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.json.Json;

/** The one place where errors become HTTP statuses and JSON bodies. */
public final class ErrorMapper {
  private ErrorMapper() {}

  public static int status(ErrorKind kind) {
    return switch (kind) {
      case INVALID -> 400;
      case UNAUTHENTICATED -> 401;
      case PERMISSION_DENIED -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case TOO_LARGE -> 413;
      case UNPROCESSABLE -> 422;
      case INTERNAL -> 500;
      case UNAVAILABLE -> 503;
    };
  }

  public static Reply reply(PromptOpsException e) {
    Reply reply = Reply.of(status(e.kind()), body(e.code(), e.getMessage(), e.hint(), e));
    if (e.kind() == ErrorKind.UNAUTHENTICATED) {
      reply = reply.withHeader("WWW-Authenticate", "Bearer realm=\"promptops\"");
    }
    return reply;
  }

  public static Reply reply(int status, String code, String message, String hint) {
    return Reply.of(status, body(code, message, hint, null));
  }

  private static ObjectNode body(String code, String message, String hint, PromptOpsException e) {
    ObjectNode root = Json.object();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", message);
    error.put("hint", hint == null ? "" : hint);
    if (e != null && e.details() != null) {
      error.set("details", e.details());
    }
    return root;
  }
}
