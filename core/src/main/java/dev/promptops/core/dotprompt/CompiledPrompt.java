package dev.promptops.core.dotprompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.Template;
import com.networknt.schema.JsonSchema;
import dev.promptops.core.json.Json;
import dev.promptops.core.prompt.PromptFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compiled prompt, ready to render many times (thread-safe). Rendering merges the variables over
 * the input defaults, checks them against the input schema, runs the template and splits the result
 * into messages.
 */
public final class CompiledPrompt {
  private final String origin;
  private final PromptFile file;
  private final ObjectNode metadata;
  private final Template template;
  private final Picoschema picoschema;
  private final ObjectNode resolvedMetadata;
  private volatile Map<String, TemplateAnalysis.Position> variables;

  /** The input schema of renders without options, compiled once (empty when none applies). */
  private volatile Optional<JsonSchema> inputSchema;

  CompiledPrompt(
      String origin,
      PromptFile file,
      ObjectNode metadata,
      Template template,
      Picoschema picoschema) {
    this.origin = origin;
    this.file = file;
    this.metadata = metadata;
    this.template = template;
    this.picoschema = picoschema;
    this.resolvedMetadata = resolve(metadata, null);
  }

  public String origin() {
    return origin;
  }

  public PromptFile file() {
    return file;
  }

  /** The prompt's metadata with options merged over it and schemas as JSON Schema. */
  public ObjectNode metadata(ObjectNode options) {
    return options == null || options.isEmpty()
        ? resolvedMetadata.deepCopy()
        : resolve(metadata, options);
  }

  /** Renders with the given data and no extra options. */
  public RenderedPrompt render(RenderData data) {
    return render(data, null);
  }

  /**
   * Renders with the given data; {@code options} are metadata fields merged over the prompt's (e.g.
   * {@code {"input": {"default": {...}}}}), as Dotprompt's render options.
   *
   * @throws TemplateException when the variables do not fit the input schema, or rendering fails
   */
  public RenderedPrompt render(RenderData data, ObjectNode options) {
    boolean plain = options == null || options.isEmpty();
    ObjectNode merged = metadata(options);
    ObjectNode input = variables(merged, data.input());
    InputValidation.check(
        merged.path("input").path("schema"), plain ? inputSchema() : null, input, this);
    Messages markers = Messages.fresh();
    Context context = Context.newBuilder(JsValues.fromJson(input)).build();
    try {
      ObjectNode meta = Json.object();
      meta.set("prompt", merged);
      meta.set("docs", data.docs());
      meta.set("messages", data.messages());
      context.data("metadata", JsValues.fromJson(meta));
      data.context()
          .properties()
          .forEach(e -> context.data(e.getKey(), JsValues.fromJson(e.getValue())));
      context.data(Helpers.MARKERS, markers);
      String rendered = template.apply(context);
      ArrayNode messages = markers.toMessages(rendered, data.messages());
      return new RenderedPrompt(merged, messages);
    } catch (HandlebarsException e) {
      throw new TemplateException(Dotprompt.syntax(e, origin, file.templateLine()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      context.destroy();
    }
  }

  private JsonSchema inputSchema() {
    Optional<JsonSchema> known = inputSchema;
    if (known == null) {
      known =
          Optional.ofNullable(
              InputValidation.compiledIfObject(
                  resolvedMetadata.path("input").path("schema"), this));
      inputSchema = known;
    }
    return known.orElse(null);
  }

  /**
   * Where a top-level variable is first used, for messages: [line, column] in the file. The
   * template is analysed once, however many variables a render gets wrong.
   */
  int[] positionOf(String variable) {
    Map<String, TemplateAnalysis.Position> known = variables;
    if (known == null) {
      known = TemplateAnalysis.of(file.template()).variables();
      variables = known;
    }
    var p = known.get(variable);
    if (p == null) {
      return new int[] {0, 0};
    }
    return new int[] {file.templateLine() + p.line() - 1, p.column()};
  }

  private static ObjectNode variables(ObjectNode merged, ObjectNode given) {
    ObjectNode input = Json.object();
    if (merged.path("input").path("default") instanceof ObjectNode defaults) {
      input.setAll(defaults.deepCopy());
    }
    input.setAll(given.deepCopy());
    return input;
  }

  private ObjectNode resolve(ObjectNode base, ObjectNode options) {
    ObjectNode out = PromptMetadata.merge(base, options);
    out.remove("template");
    resolveTools(out);
    for (String field : List.of("input", "output")) {
      if (out.get(field) instanceof ObjectNode section && section.hasNonNull("schema")) {
        JsonNode schema = picoschema.toJsonSchema(section.get("schema"));
        ObjectNode copy = section.deepCopy();
        copy.set("schema", schema);
        out.set(field, copy);
      }
    }
    return out;
  }

  /** Tools are named in the front matter; PromptOps has no tool registry, so none resolve. */
  private static void resolveTools(ObjectNode out) {
    JsonNode tools = out.get("tools");
    if (tools == null || tools.isNull()) {
      return;
    }
    if (!out.has("toolDefs")) {
      out.putArray("toolDefs");
    }
  }
}
