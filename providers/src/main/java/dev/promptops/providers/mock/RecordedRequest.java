package dev.promptops.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request the mock LLM server received, as its request log keeps it. Secrets are redacted: the
 * values of {@code Authorization}, {@code api-key}, {@code x-api-key} and {@code x-goog-api-key}
 * and of the {@code key} query parameter read {@code ***} (with the scheme kept: {@code Bearer
 * ***}), so tests can check that a key was sent, never which.
 *
 * @param path the path, without the query
 * @param query the query parameters (first value of each)
 * @param headers lower-case names
 * @param body the parsed JSON body; null for a GET or a body that is not JSON
 * @param protocol the protocol of the endpoint called; null for an unknown endpoint
 * @param model the model asked for (for Gemini and Azure, from the path); null if none
 * @param system the system instructions of a chat request, joined; null for other requests
 * @param lastUserMessage the last user message of a chat request (for embeddings: the input); null
 *     for other requests
 * @param stream whether the client asked for a streamed answer
 * @param rule the name of the rule that decided; null for the default echo
 * @param status the HTTP status answered; 0 for a request held by a timeout fault
 * @param latency the latency the rule injected
 */
public record RecordedRequest(
    Instant at,
    String method,
    String path,
    Map<String, String> query,
    Map<String, List<String>> headers,
    JsonNode body,
    MockProtocol protocol,
    String model,
    String system,
    String lastUserMessage,
    boolean stream,
    String rule,
    int status,
    Duration latency) {

  public RecordedRequest {
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
  }

  /** The first value of header {@code name} (any case), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** One line for logs: {@code POST /v1/chat/completions openai gpt-4o-mini rule=echo 200}. */
  public String summary() {
    return method
        + " "
        + path
        + (protocol == null ? "" : " " + protocol.wireName())
        + (model == null ? "" : " " + model)
        + (stream ? " stream" : "")
        + " rule="
        + (rule == null ? "default" : rule)
        + (latency.isZero() ? "" : " +" + Durations.show(latency))
        + " "
        + (status == 0 ? "held" : String.valueOf(status));
  }
}
