package dev.promptops.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.dotprompt.Partials;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The prompt the benchmarks work on: {@code support-reply.prompt} (about 1 KB: model, config, an
 * input schema of five variables in Picoschema; a template with the five variables, an each, an if,
 * a role change and the component {@code _footer.prompt}), and five variables to render it with.
 */
public final class SupportReply {
  public static final String NAME = "support/reply";

  private SupportReply() {}

  public static String source() {
    return resource("support-reply.prompt");
  }

  /** The component {@code _footer.prompt}, as its file holds it. */
  public static String footer() {
    return resource("_footer.prompt");
  }

  static Partials partials() {
    return Partials.of(Map.of("footer", footer().strip()));
  }

  public static RenderData variables() {
    try {
      return RenderData.of(
          (ObjectNode)
              Json.parse(
                  """
                  {"customer": "Ada", "order_id": "A-1042",
                   "items": ["a teapot", "two cups", "a tin of green tea"],
                   "express": true, "tone": "formal"}
                  """));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the benchmark's variables are not JSON", e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = SupportReply.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " beside SupportReply");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
