package dev.promptops.core.dotprompt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.CanonicalJson;

/**
 * The two render paths side by side, for the differential tests (here and in the fuzz targets):
 * what a render gives on the direct path and on Handlebars.java's.
 */
public final class RenderPaths {
  private RenderPaths() {}

  /** Whether the prompt's template is on the direct path. */
  public static boolean direct(CompiledPrompt prompt) {
    return prompt.rendersDirectly();
  }

  /**
   * The messages as canonical JSON, or the error's message, or the class of what was thrown; a
   * marker Handlebars.java leaves as text has its nonce replaced.
   */
  public static String outcome(
      CompiledPrompt prompt, RenderData data, ObjectNode options, boolean direct) {
    try {
      return CanonicalJson.write(prompt.render(data, options, direct).messages())
          .replaceAll("<<<dotprompt-[0-9a-f]{24}:", "<<<dotprompt-NONCE:");
    } catch (TemplateException e) {
      return "error " + e.getMessage();
    } catch (RuntimeException | StackOverflowError e) {
      return "failure " + e.getClass().getName();
    }
  }
}
