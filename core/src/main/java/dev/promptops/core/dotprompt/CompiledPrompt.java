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
import java.util.Iterator;
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

  /** The template on the direct render path, or null when only Handlebars.java renders it. */
  private final DirectTemplate direct;

  private final Picoschema picoschema;
  private final ObjectNode resolvedMetadata;

  /** {@link #resolvedMetadata} as template data ({@code @metadata.prompt}), converted once. */
  private final Object resolvedMetadataData;

  private volatile Map<String, TemplateAnalysis.Position> variables;

  /** {@link #quickCheck()}, made once. */
  private volatile SimpleSchema quickCheck;

  /** The input schema of renders without options, compiled once (empty when none applies). */
  private volatile Optional<JsonSchema> inputSchema;

  CompiledPrompt(
      String origin,
      PromptFile file,
      ObjectNode metadata,
      Template template,
      DirectTemplate direct,
      Picoschema picoschema) {
    this.origin = origin;
    this.file = file;
    this.metadata = metadata;
    this.template = template;
    this.direct = direct;
    this.picoschema = picoschema;
    this.resolvedMetadata = resolve(metadata, null);
    this.resolvedMetadataData = JsValues.fromJson(resolvedMetadata);
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
    return render(data, options, true);
  }

  /** Whether this prompt's template is on the direct render path (see {@link DirectTemplate}). */
  boolean rendersDirectly() {
    return direct != null;
  }

  /** Renders; {@code direct} false renders with Handlebars.java whatever the template. */
  RenderedPrompt render(RenderData data, ObjectNode options, boolean direct) {
    boolean plain = options == null || options.isEmpty();
    // a render without options shares the compiled metadata: nothing downstream writes it
    ObjectNode merged = plain ? resolvedMetadata : resolve(metadata, options);
    // when the variables give every default and their order cannot show, they are the input as
    // they are: no merged copy
    // context data (@state…) is also found by plain names in Handlebars.java: not for this path
    direct &= this.direct != null && data.context().isEmpty();
    boolean asGiven =
        direct && !this.direct.readsContext() && givesEveryDefault(merged, data.input());
    ObjectNode input = asGiven ? data.input() : variables(merged, data.input());
    if (!(plain && quickCheck().accepts(input))) {
      if (asGiven) {
        // the full validator's messages follow the order of the keys: the merged order
        input = variables(merged, data.input());
      }
      InputValidation.check(
          merged.path("input").path("schema"), plain ? inputSchema() : null, input, this);
    }
    if (direct) {
      try {
        return new RenderedPrompt(merged, this.direct.render(input, data.messages()));
      } catch (DirectTemplate.Unsupported e) {
        // a value this path leaves to Handlebars.java: rendered below
        input = variables(merged, data.input());
      }
    }
    Messages markers = Messages.fresh();
    // template data is maps, lists and scalars: names resolve as in JavaScript, without the
    // reflective resolvers Handlebars.java tries by default
    Context context =
        Context.newBuilder(JsValues.fromJson(input)).resolver(JsValues.RESOLVER).build();
    try {
      // the template reads these; nothing writes them, so the prompt's part is shared
      var meta = new JsValues.JsObject();
      meta.put("prompt", plain ? resolvedMetadataData : JsValues.fromJson(merged));
      meta.put("docs", JsValues.fromJson(data.docs()));
      meta.put("messages", JsValues.fromJson(data.messages()));
      context.data("metadata", meta);
      data.context()
          .properties()
          .forEach(e -> context.data(e.getKey(), JsValues.fromJson(e.getValue())));
      context.data(Helpers.MARKERS, markers);
      String rendered = template.apply(context);
      ArrayNode messages = markers.toMessages(rendered, data.messages());
      return new RenderedPrompt(merged, messages);
    } catch (HandlebarsException e) {
      throw new TemplateException(Dotprompt.syntax(e, origin, file.templateLine()));
    } catch (IllegalArgumentException e) {
      // a partial Handlebars.java compiles as it first renders it
      throw new TemplateException(Dotprompt.refused(e, origin, file.templateLine()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      context.destroy();
    }
  }

  /**
   * The quick check of variables against the input schema of renders without options: accepts all
   * when there is no object schema, none when the schema needs the full validator.
   */
  private SimpleSchema quickCheck() {
    SimpleSchema known = quickCheck;
    if (known == null) {
      JsonNode schema = resolvedMetadata.path("input").path("schema");
      if (!InputValidation.describesObject(schema)) {
        known = SimpleSchema.ANY;
      } else {
        known = SimpleSchema.of(schema);
        if (known == null) {
          known = SimpleSchema.NOTHING;
        }
      }
      quickCheck = known;
    }
    return known;
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

  /**
   * The defaults with the given variables over them. Values are shared, not copied: a render only
   * reads them (validation, conversion to template data), and the result holds none of them.
   */
  private static ObjectNode variables(ObjectNode merged, ObjectNode given) {
    if (!(merged.path("input").path("default") instanceof ObjectNode defaults)
        || defaults.isEmpty()) {
      return given;
    }
    ObjectNode input = Json.object();
    input.setAll(defaults);
    input.setAll(given);
    return input;
  }

  /** Whether {@code given} has a value for every input default (so none applies). */
  private static boolean givesEveryDefault(ObjectNode merged, ObjectNode given) {
    JsonNode defaults = merged.path("input").path("default");
    for (Iterator<String> names = defaults.fieldNames(); names.hasNext(); ) {
      if (!given.has(names.next())) {
        return false;
      }
    }
    return true;
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
