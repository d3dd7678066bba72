package dev.promptops.server.api;

import static dev.promptops.server.http.Route.delete;
import static dev.promptops.server.http.Route.get;
import static dev.promptops.server.http.Route.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.json.Json;
import dev.promptops.core.provider.ProviderConfig;
import dev.promptops.core.provider.ProviderSettings;
import dev.promptops.core.provider.ProviderType;
import dev.promptops.core.wire.ProviderWire;
import dev.promptops.core.wire.Wire;
import dev.promptops.server.http.Access;
import dev.promptops.server.http.Call;
import dev.promptops.server.http.Fields;
import dev.promptops.server.http.Reply;
import dev.promptops.server.http.Route;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The model providers of a project and their credentials. The API key is write-only: answers show
 * {@code hasSecret} and the id of the master key that encrypted it, never the key.
 */
final class ProviderRoutes {
  static final String PROVIDERS = ProjectRoutes.PROJECT + "/providers";
  static final Set<String> FIELDS =
      Set.of(
          "type",
          "baseUrl",
          "options",
          "apiKey",
          "timeoutSeconds",
          "maxRetries",
          "maxConcurrent",
          "requestsPerMinute");

  private ProviderRoutes() {}

  static List<Route> routes(Services s) {
    return List.of(
        get(
            PROVIDERS,
            Access.project(Permission.READ),
            "The project's providers (never their API keys)",
            call -> {
              ObjectNode body = Json.object();
              body.set(
                  "providers",
                  Wire.array(
                      s.providers().list(call.principal(), call.param("project")),
                      ProviderWire::provider));
              return Reply.ok(body);
            }),
        get(
            PROVIDERS + "/{provider}",
            Access.project(Permission.READ),
            "One provider (never its API key)",
            call ->
                Reply.ok(
                    ProviderWire.provider(
                        s.providers()
                            .get(
                                call.principal(), call.param("project"), call.param("provider"))))),
        put(
            PROVIDERS + "/{provider}",
            Access.project(Permission.ADMIN),
            "Add or replace a provider; apiKey is write-only, and absent keeps the stored one",
            call -> {
              ObjectNode body = body(call);
              var info =
                  s.providers()
                      .set(
                          call.principal(),
                          call.param("project"),
                          settings(call.param("provider"), body),
                          Fields.optText(body, "apiKey").orElse(null));
              return Reply.ok(ProviderWire.provider(info));
            }),
        delete(
            PROVIDERS + "/{provider}",
            Access.project(Permission.ADMIN),
            "Remove a provider and its API key",
            call ->
                Reply.ok(
                    ProviderWire.provider(
                        s.providers()
                            .remove(
                                call.principal(),
                                call.param("project"),
                                call.param("provider"))))));
  }

  /**
   * The body, with no field unknown (a misspelt {@code apiKey} must not be silently dropped), and a
   * JSON error that never quotes the body: it may hold the key.
   */
  private static ObjectNode body(Call call) {
    ObjectNode body;
    try {
      body = call.json();
    } catch (InvalidInputException e) {
      if (!e.code().equals("invalid_json")) {
        throw e;
      }
      throw new InvalidInputException(
          "invalid_json",
          "the body is not valid JSON",
          "send a JSON object such as {\"type\": \"openai\", \"apiKey\": \"…\"}");
    }
    return Fields.only(body, FIELDS, "provider");
  }

  private static ProviderSettings settings(String name, ObjectNode body) {
    return new ProviderSettings(
        name,
        ProviderType.parse(Fields.text(body, "type")),
        Fields.optText(body, "baseUrl").orElse(null),
        options(body),
        Fields.optInteger(body, "timeoutSeconds").map(Duration::ofSeconds).orElse(null),
        Fields.optInteger(body, "maxRetries").orElse(ProviderConfig.DEFAULT_RETRIES),
        Fields.optInteger(body, "maxConcurrent").orElse(0),
        Fields.optInteger(body, "requestsPerMinute").orElse(0));
  }

  private static Map<String, String> options(ObjectNode body) {
    JsonNode options = body.get("options");
    var out = new TreeMap<String, String>();
    if (options == null || options.isNull()) {
      return out;
    }
    if (!options.isObject()) {
      throw Fields.wrongType(
          "options", "an object of strings, e.g. {\"apiVersion\": \"2024-10-21\"}", options);
    }
    for (var e : options.properties()) {
      if (!e.getValue().isTextual()) {
        throw Fields.wrongType("options", "an object of strings", e.getValue());
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }
}
