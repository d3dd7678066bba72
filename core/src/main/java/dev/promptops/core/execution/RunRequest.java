package dev.promptops.core.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.registry.Selector;

/**
 * Run a registered prompt: which one (by environment, label or version), with which data, and where
 * the call comes from ({@code api}, {@code cli}, {@code gateway}), for the usage record.
 *
 * @param options metadata merged over the prompt's (e.g. {@code {"config": {"temperature": 0}}})
 */
public record RunRequest(
    String project,
    String prompt,
    Selector selector,
    RenderData data,
    ObjectNode options,
    String source) {}
