package dev.promptops.core.execution;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.registry.Selector;

/**
 * Run a registered prompt: which one (by environment, label or version), with which data, and where
 * the call comes from ({@code api}, {@code cli}, {@code gateway}), for the usage record.
 *
 * @param options metadata merged over the prompt's (e.g. {@code {"config": {"temperature": 0}}})
 * @param extraMessages Dotprompt messages to send after the rendered ones (e.g. the gateway's
 *     caller adding a user turn), or null
 */
public record RunRequest(
    String project,
    String prompt,
    Selector selector,
    RenderData data,
    ObjectNode options,
    ArrayNode extraMessages,
    String source) {

  public RunRequest(
      String project,
      String prompt,
      Selector selector,
      RenderData data,
      ObjectNode options,
      String source) {
    this(project, prompt, selector, data, options, null, source);
  }
}
